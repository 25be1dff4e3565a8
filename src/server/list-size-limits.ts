import { getDirective } from '@graphql-tools/utils';
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isListType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayError } from '../errors';
import { compositeTypeNamed } from './composite-type-named';
import { queryLimitExceeded } from './query-limit-exceeded';

export interface ListSizeInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  /** The document's fragments by name. */
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** The request's variables, coerced to the operation's variable types. */
  variables: Record<string, unknown>;
}

/**
 * The `@limit(max:)` caps of the schema (schema/base.graphql), checked on the argument
 * values execution will see (literals, variables' values, defaults), however deep in an
 * input object they sit: an Int argument or input field is at most `max`, a list at most
 * `max` items. Returns the QUERY_LIMIT_EXCEEDED refusal for the first value over its cap,
 * naming it by schema coordinate (`Query.dossiers.first`), or null. It holds whatever the
 * cost settings are: a page of 10,000 is refused even where the cost limit would allow it.
 */
export function listSizeRefusal({ schema, operation, fragments, variables }: ListSizeInput): GatewayError | null {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return null;
  const seenFragments = new Set<string>();

  const inSelection = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): GatewayError | null => {
    for (const selection of selectionSet.selections) {
      let refusal: GatewayError | null = null;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        refusal = inSelection(selection.selectionSet, compositeTypeNamed(schema, selection.typeCondition?.name.value) ?? parent);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        // Arguments inside a fragment do not depend on where it is spread: checked once.
        const fragment = fragments.get(selection.name.value);
        const type = compositeTypeNamed(schema, fragment?.typeCondition.name.value);
        if (fragment && type && !seenFragments.has(fragment.name.value)) {
          seenFragments.add(fragment.name.value);
          refusal = inSelection(fragment.selectionSet, type);
        }
      } else {
        const field = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
        if (!field) continue;
        if (field.args.length > 0) {
          let values: Record<string, unknown>;
          try {
            values = getArgumentValues(field, selection, variables);
          } catch {
            continue; // arguments execution will refuse: the field never runs
          }
          for (const arg of field.args) {
            refusal ??= valueRefusal(schema, arg, arg.type, values[arg.name], `${parent.name}.${field.name}.${arg.name}`, arg.name);
          }
        }
        const type = getNamedType(field.type);
        if (!refusal && selection.selectionSet && isCompositeType(type)) refusal = inSelection(selection.selectionSet, type);
      }
      if (refusal) return refusal;
    }
    return null;
  };

  return inSelection(operation.selectionSet, rootType);
}

/** The `max` of a `@limit` on an argument or input field, if it has one. */
export function limitOf(schema: GraphQLSchema, definition: GraphQLArgument | GraphQLInputField): number | undefined {
  const max = getDirective(schema, definition, 'limit')?.[0]?.max;
  return typeof max === 'number' ? max : undefined;
}

function valueRefusal(
  schema: GraphQLSchema,
  definition: GraphQLArgument | GraphQLInputField,
  type: GraphQLInputType,
  value: unknown,
  coordinate: string,
  name: string,
): GatewayError | null {
  if (value === null || value === undefined) return null;
  const max = limitOf(schema, definition);
  const fieldName = coordinate.split('.').slice(0, 2).join('.');
  if (max !== undefined && Array.isArray(value) && value.length > max) {
    return refusal(`"${name}" of ${fieldName} holds at most ${max} items; got ${value.length}.`, coordinate);
  }
  if (max !== undefined && typeof value === 'number' && value > max) {
    return refusal(`"${name}" of ${fieldName} is at most ${max}; got ${value}.`, coordinate);
  }
  return nestedRefusal(schema, getNullableType(type), value, coordinate, name);
}

/** Looks inside lists and input objects for fields with caps of their own. */
function nestedRefusal(schema: GraphQLSchema, type: GraphQLInputType, value: unknown, coordinate: string, name: string): GatewayError | null {
  if (isListType(type) && Array.isArray(value)) {
    const itemType = getNullableType(type.ofType) as GraphQLInputType;
    if (!isListType(itemType) && !isInputObjectType(itemType)) return null;
    for (const item of value) {
      const refusal = item === null || item === undefined ? null : nestedRefusal(schema, itemType, item, coordinate, name);
      if (refusal) return refusal;
    }
    return null;
  }
  if (isInputObjectType(type) && typeof value === 'object') {
    const fields = type.getFields();
    for (const field of Object.values(fields)) {
      const refusal = valueRefusal(schema, field, field.type, (value as Record<string, unknown>)[field.name], `${coordinate}.${field.name}`, `${name}.${field.name}`);
      if (refusal) return refusal;
    }
  }
  return null;
}

function refusal(message: string, argument: string): GatewayError {
  return queryLimitExceeded('listSize', message, { argument });
}
