import {
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * How many objects of each GraphQL type a result's data holds, counted as the audit
 * plugin counts them for queries and mutations (`records`: every composite value a field
 * returned, each item of a list): for operations executed outside Apollo (subscription
 * events). Walks the data along the operation's selections, fragments included.
 */
export function countResultRecords(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, data: unknown): Record<string, number> {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const records: Record<string, number> = {};
  const root = schema.getRootType(operation.operation);
  if (root && data !== null && typeof data === 'object') walk(root, [operation.selectionSet], data as Record<string, unknown>);
  return records;

  function walk(type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[], value: Record<string, unknown>): void {
    for (const [key, nodes] of collect(type, selectionSets)) {
      const field = type.getFields()[nodes[0]!.name.value];
      const named = field && getNamedType(field.type);
      if (!named || !isCompositeType(named) || !isObjectType(named) || !(key in value)) continue;
      const inner = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
      for (const item of [value[key]].flat(Infinity)) {
        if (item === null || item === undefined || typeof item !== 'object') continue;
        records[named.name] = (records[named.name] ?? 0) + 1;
        walk(named, inner, item as Record<string, unknown>);
      }
    }
  }

  /** The fields selected on `type`, by response key (a field selected twice, or through fragments, is one). */
  function collect(type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[], into = new Map<string, FieldNode[]>()): Map<string, FieldNode[]> {
    for (const selection of selectionSets.flatMap((set) => set.selections)) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        into.set(key, [...(into.get(key) ?? []), selection]);
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (fragment && (!fragment.typeCondition || fragment.typeCondition.name.value === type.name)) collect(type, [fragment.selectionSet], into);
    }
    return into;
  }
}
