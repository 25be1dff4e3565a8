import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, getNamedType, isObjectType, type GraphQLFieldConfig, type GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../context';
import { isCitizenRole } from './is-citizen-role';
import { maskFreeText } from './mask-free-text';
import { maskName } from './mask-name';
import { maskPii, type PiiKind } from './mask-pii';
import { personalDataOf, type PersonalData } from './personal-data';

/** Kinds whose value is free text, masked against the personal data of the record it belongs to. */
const RECORD_BOUND: ReadonlySet<PiiKind> = new Set(['FREE_TEXT', 'ACTOR']);

/** The personal data of the record an object was reached from (a dossier's, for its steps and papers). */
const OWNER = Symbol('lienthong.pii.owner');

type Field = GraphQLFieldConfig<unknown, GatewayContext>;

/**
 * Applies the schema's `@pii(kind:)` directive: every field so marked is masked unless
 * the principal holds `pii:read`, and every marked field that returned personal data is
 * noted in the request's `sensitiveFields` for the audit log (a FREE_TEXT or ACTOR field
 * only when its masking found something in it). Declared once in the schema, so no
 * resolver can forget it.
 *
 * Free text is masked against the personal data of the record it is about: a dossier's
 * own fields against its applicant, and so are the objects reached from it (its steps,
 * its papers), which are handed down their dossier's applicant as they resolve.
 */
export function usePiiMasking(schema: GraphQLSchema): GraphQLSchema {
  const recordBoundTypes = typesWithRecordBoundFields(schema);
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field: Field, fieldName, typeName) => {
      const kind = getDirective(schema, field, 'pii')?.[0]?.kind as PiiKind | undefined;
      if (kind) return maskedField(field, kind, `${typeName}.${fieldName}`);
      if (recordBoundTypes.has(getNamedType(field.type).name)) return ownerPassingField(field);
      return field;
    },
  });
}

function maskedField(field: Field, kind: PiiKind, coordinate: string): Field {
  const resolve = field.resolve ?? defaultFieldResolver;
  const shown = (value: unknown, source: unknown, ctx: GatewayContext): unknown => {
    if (typeof value !== 'string' || value === '') return value;
    const masked = mask(kind, value, source);
    if (RECORD_BOUND.has(kind) && masked === value) return value;
    ctx.sensitiveFields.add(coordinate);
    return ctx.principal.scopes.has('pii:read') ? value : masked;
  };
  return {
    ...field,
    resolve(source, args, ctx, info) {
      const value: unknown = resolve(source, args, ctx, info);
      return isPromiseLike(value) ? value.then((resolved) => shown(resolved, source, ctx)) : shown(value, source, ctx);
    },
  };
}

/** Resolvers of plain fields answer at once; only those that wait are waited for (a promise per field costs every row of every page). */
function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

function mask(kind: PiiKind, value: string, source: unknown): string | null {
  switch (kind) {
    case 'ACTOR':
      // An officer acting in office is named; a citizen (by role, or by being the applicant) is not.
      return isCitizenRole((source as { position?: unknown } | null)?.position) ? maskName(value) : maskFreeText(value, ownerOf(source));
    case 'FREE_TEXT':
      return maskFreeText(value, ownerOf(source));
    default:
      return maskPii(kind, value);
  }
}

/** Hands the record's personal data down to the objects a field returns, as shallow copies carrying it. */
function ownerPassingField(field: Field): Field {
  const resolve = field.resolve ?? defaultFieldResolver;
  const handedDown = (value: unknown, source: unknown): unknown => {
    const owner = ownerOf(source);
    if (owner === null) return value;
    const carry = (item: unknown) => (item !== null && typeof item === 'object' ? { ...item, [OWNER]: owner } : item);
    return Array.isArray(value) ? value.map(carry) : carry(value);
  };
  return {
    ...field,
    resolve(source, args, ctx, info) {
      const value: unknown = resolve(source, args, ctx, info);
      return isPromiseLike(value) ? value.then((resolved) => handedDown(resolved, source)) : handedDown(value, source);
    },
  };
}

function ownerOf(source: unknown): PersonalData | null {
  return (source as { [OWNER]?: PersonalData } | null)?.[OWNER] ?? personalDataOf(source);
}

/** Object types with a FREE_TEXT or ACTOR field: the fields returning them pass the record's personal data down. */
function typesWithRecordBoundFields(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const bound = Object.values(type.getFields()).some((field) => RECORD_BOUND.has(getDirective(schema, field, 'pii')?.[0]?.kind as PiiKind));
    if (bound) names.add(type.name);
  }
  return names;
}
