import {
  getArgumentValues,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getNamedType,
  isCompositeType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { compositeTypeNamed } from './composite-type-named';

/** What a leaf field costs. */
const SCALAR_COST = 1;
/** What an object field costs before its children. */
const OBJECT_COST = 2;
/** How much each level of nesting weighs on its children. */
const DEPTH_FACTOR = 1.5;

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  /** The document's fragments by name. */
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** The request's variables, coerced to the operation's variable types. */
  variables: Record<string, unknown>;
}

/**
 * The estimated cost of executing an operation with the request's variables: a leaf field
 * costs 1; a field with a selection costs 2 plus 1.5 times what its selection costs, all
 * times its page size, which is its `first` argument as execution will see it (a literal,
 * a variable's value, or the argument's default); fragments count as the fields they
 * stand for. This is graphql-armor's cost rule, computed where the variables are known: a
 * page size given as `$n` weighs what `n` is, not 1, and an omitted `first` weighs its
 * default. A field marked `@cost(weight: w)` in the schema (images) costs w instead of 1
 * or 2. Introspection (`__schema`, `__type`) costs nothing.
 */
export function operationCost({ schema, operation, fragments, variables }: CostInput): number {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;
  const fragmentCosts = new Map<string, number>();

  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += selectionCost(selection.selectionSet, compositeTypeNamed(schema, selection.typeCondition?.name.value) ?? parent);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        cost += fragmentCost(selection.name.value);
      } else {
        if (selection.name.value === '__schema' || selection.name.value === '__type') continue;
        const field = fieldDefinition(schema, parent, selection.name.value);
        const type = field ? getNamedType(field.type) : undefined;
        const weight = field ? costWeight(field) : undefined;
        if (!field || !selection.selectionSet || !isCompositeType(type)) {
          cost += weight ?? SCALAR_COST;
          continue;
        }
        cost += ((weight ?? OBJECT_COST) + DEPTH_FACTOR * selectionCost(selection.selectionSet, type)) * pageSize(field, selection, variables);
      }
    }
    return cost;
  };

  // A fragment costs the same wherever it is spread: computed once per name, so that
  // fragments spreading fragments cannot make the estimate itself exponential.
  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const type = compositeTypeNamed(schema, fragment?.typeCondition.name.value);
    fragmentCosts.set(name, 0);
    const cost = fragment && type ? selectionCost(fragment.selectionSet, type) : 0;
    fragmentCosts.set(name, cost);
    return cost;
  };

  return selectionCost(operation.selectionSet, rootType);
}


const weights = new WeakMap<GraphQLField<unknown, unknown>, number | null>();

/** The `weight` of the field's `@cost` directive in the schema's SDL, if it has one. */
function costWeight(field: GraphQLField<unknown, unknown>): number | undefined {
  let weight = weights.get(field);
  if (weight === undefined) {
    const argument = field.astNode?.directives?.find((d) => d.name.value === 'cost')?.arguments?.find((a) => a.name.value === 'weight');
    weight = argument?.value.kind === Kind.INT ? Number(argument.value.value) : null;
    weights.set(field, weight);
  }
  return weight ?? undefined;
}

/** The field's `first` as execution will coerce it, at least 1; 1 for a field without one. */
function pageSize(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): number {
  if (!field.args.some((arg) => arg.name === 'first')) return 1;
  try {
    const { first } = getArgumentValues(field, node, variables);
    return typeof first === 'number' && first > 1 ? first : 1;
  } catch {
    // Arguments execution will refuse: the field never runs.
    return 1;
  }
}

/** The definition of a field as execution finds it, introspection's `__schema`, `__type` and `__typename` included. */
function fieldDefinition(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__typename') return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType() && name === '__schema') return SchemaMetaFieldDef;
  if (parent === schema.getQueryType() && name === '__type') return TypeMetaFieldDef;
  return 'getFields' in parent ? parent.getFields()[name] : undefined;
}
