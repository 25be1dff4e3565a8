import { GraphQLError, parse, Source, type GraphQLFormattedError } from 'graphql';
import { createSilentLogger } from '../../log';
import { createFormatError } from '../format-error';

const production = createFormatError(createSilentLogger(), 'production', { maxTokens: 10 });
const development = createFormatError(createSilentLogger(), 'development', { maxTokens: 10 });

/** Formats `error` as Apollo hands it over: its JSON with the code Apollo gave it, and the error itself. */
function format(formatter: typeof production, error: GraphQLError, code?: string): GraphQLFormattedError {
  const formatted = error.toJSON();
  return formatter({ ...formatted, extensions: { ...formatted.extensions, code: code ?? error.extensions.code ?? 'INTERNAL_SERVER_ERROR' } }, error);
}

describe('createFormatError', () => {
  // The wordings graphql-js 16 gives its suggestions (jsutils/didYouMean and the rules that call it).
  const suggestions = [
    ['Cannot query field "sectorz" on type "Query". Did you mean "sectors"?', 'Cannot query field "sectorz" on type "Query".'],
    ['Cannot query field "x" on type "Query". Did you mean "a", "b", or "c"?', 'Cannot query field "x" on type "Query".'],
    ['Cannot query field "x" on type "Node". Did you mean to use an inline fragment on "Dossier"?', 'Cannot query field "x" on type "Node".'],
    ['Value "COMUNE" does not exist in "AdministrativeLevel" enum. Did you mean the enum value "COMMUNE"?', 'Value "COMUNE" does not exist in "AdministrativeLevel" enum.'],
    ['Variable "$l" got invalid value "X"; Value "X" does not exist in "Level" enum. Did you mean the enum value "A" or "B"?', 'Variable "$l" got invalid value "X"; Value "X" does not exist in "Level" enum.'],
    ['Unknown argument "frist" on field "Query.procedures". Did you mean "first"?', 'Unknown argument "frist" on field "Query.procedures".'],
    ['Unknown type "ProcedureFiltr". Did you mean "ProcedureFilter"?', 'Unknown type "ProcedureFiltr".'],
  ];

  it.each(suggestions)('cuts the suggestion from %j outside development', (message, cut) => {
    expect(format(production, new GraphQLError(message), 'GRAPHQL_VALIDATION_FAILED')).toEqual({ message: cut, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format(production, new GraphQLError(message), 'BAD_USER_INPUT').message).toBe(cut);
  });

  it('keeps suggestions in development mode', () => {
    expect(format(development, new GraphQLError(suggestions[0]![0]!), 'GRAPHQL_VALIDATION_FAILED').message).toBe(suggestions[0]![0]);
  });

  it('turns the parse failure of a document over the token limit into QUERY_LIMIT_EXCEEDED', () => {
    let aborted: GraphQLError | undefined;
    try {
      parse(new Source('{ a b c d e f g h i j k l }'), { maxTokens: 10 });
    } catch (err) {
      aborted = err as GraphQLError;
    }
    const asApolloSends = new GraphQLError(aborted!.message, { source: aborted!.source, positions: aborted!.positions, extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(format(production, asApolloSends)).toEqual({ message: 'Token limit of 10 exceeded.', extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxTokens' } });
    const shortButBroken = new GraphQLError('Syntax Error: Expected Name, found <EOF>.', { source: new Source('{ a {'), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(format(production, shortButBroken).extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('answers Apollo\'s uncoded refusals of a malformed request with BAD_REQUEST and their message', () => {
    const mismatch = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    expect(format(production, mismatch)).toEqual({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
  });

  it('masks anything else, 5xx included', () => {
    const failure = new GraphQLError('connect ECONNREFUSED 10.0.0.7:8080', { extensions: { http: { status: 502 } } });
    expect(format(production, failure)).toEqual({ message: 'Unexpected error; the server log has the details.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
