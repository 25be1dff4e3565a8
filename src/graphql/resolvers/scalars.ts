import { GraphQLScalarType, Kind } from 'graphql';
import { formatVietnamDateTime } from '../../../connectors/kit';
import { GatewayError } from '../../errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;


function parseLiteralString(name: string, pattern: RegExp, value: unknown): string {
  if (typeof value !== 'string' || !pattern.test(value) || Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value))) {
    throw new GatewayError('BAD_USER_INPUT', `${name} must be ISO 8601 (${name === 'Date' ? 'yyyy-MM-dd' : 'yyyy-MM-ddTHH:mm:ss+07:00'}); got ${JSON.stringify(value)}`);
  }
  return value;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'ISO 8601 instant with offset',
  serialize: (value) => (value instanceof Date ? formatVietnamDateTime(value) : String(value)),
  parseValue: (value) => parseLiteralString('DateTime', DATE_TIME, value),
  parseLiteral: (ast) => parseLiteralString('DateTime', DATE_TIME, ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'ISO 8601 calendar date',
  serialize: (value) => String(value),
  parseValue: (value) => parseLiteralString('Date', DATE, value),
  parseLiteral: (ast) => parseLiteralString('Date', DATE, ast.kind === Kind.STRING ? ast.value : undefined),
});
