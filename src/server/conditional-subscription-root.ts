import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionNode, type SelectionSetNode } from 'graphql';

/**
 * The refusal (GRAPHQL_VALIDATION_FAILED) of a document with a subscription whose root
 * selection carries `@skip` or `@include`, or null. The GraphQL spec forbids them there
 * since 2023 (graphql-js 17); graphql 16 lets them through, and then its own
 * single-field subscription rule throws while validating one that reads a variable, and
 * its `subscribe` throws a TypeError when the root field is left out: Apollo answers the
 * first with a 500, graphql-ws either by closing the whole connection (4500). So it is
 * checked before validation, over every operation of the document (validation reads them
 * all). Fragments at the root are looked into, as execution collects them.
 */
export function conditionalSubscriptionRoot(document: DocumentNode): GraphQLError | null {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  for (const operation of document.definitions) {
    if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'subscription') continue;
    const visited = new Set<string>();
    const conditional = (selectionSet: SelectionSetNode): SelectionNode | undefined => {
      for (const selection of selectionSet.selections) {
        if (selection.directives?.some((d) => d.name.value === 'skip' || d.name.value === 'include')) return selection;
        const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : selection.kind === Kind.FRAGMENT_SPREAD && !visited.has(selection.name.value) ? fragments.get(selection.name.value)?.selectionSet : undefined;
        if (selection.kind === Kind.FRAGMENT_SPREAD) visited.add(selection.name.value);
        const found = inner && conditional(inner);
        if (found) return found;
      }
      return undefined;
    };
    const found = conditional(operation.selectionSet);
    if (found) {
      const name = operation.name ? `"${operation.name.value}" ` : '';
      return new GraphQLError(`Subscription ${name}must not use "@skip" or "@include" directives in the top level selection.`, { nodes: found, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    }
  }
  return null;
}
