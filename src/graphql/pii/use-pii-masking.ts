import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../context';
import { maskFreeText, maskPii, type PiiKind } from './mask-pii';

/**
 * Applies the schema's `@pii(kind:)` directive: every field so marked is masked unless
 * the principal holds `pii:read`, and every marked field that returns a value is noted
 * in the request's `sensitiveFields` for the audit log. Declared once in the schema, so
 * no resolver can forget it.
 */
export function usePiiMasking(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const directive = getDirective(schema, field, 'pii')?.[0];
      if (!directive) return field;
      const kind = directive.kind as PiiKind;
      const coordinate = `${typeName}.${fieldName}`;
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        async resolve(source, args, ctx: GatewayContext, info) {
          const value: unknown = await resolve(source, args, ctx, info);
          if (typeof value !== 'string' || value === '') return value;
          if (kind === 'FREE_TEXT') {
            // Masked against the record's own personal data, e.g. the applicant it names.
            const names = [(source as { applicant?: { name?: unknown } })?.applicant?.name].filter((n): n is string => typeof n === 'string');
            const masked = maskFreeText(value, names);
            if (masked !== value) ctx.sensitiveFields.add(coordinate);
            return ctx.principal.scopes.has('pii:read') ? value : masked;
          }
          ctx.sensitiveFields.add(coordinate);
          return ctx.principal.scopes.has('pii:read') ? value : maskPii(kind, value);
        },
      };
    },
  });
}
