import { Kind, parse, visit, type ASTNode, type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode } from 'graphql';

/**
 * The root fields a router may send to any of the gateways it composes: they answer from
 * the national procedure database, which every gateway reads alike. Every other root field
 * answers from this gateway's own state (its provinces' dossiers, its connected document
 * systems, its audit log, its sync) and is hidden from the router; a new root field stays
 * hidden until it is added here.
 */
export const NATIONAL_ROOT_FIELDS: ReadonlySet<string> = new Set(['procedure', 'procedures', 'agency', 'agencies', 'sectors']);

/** The root field under which a router reaches a province's dossiers, e.g. `provinceH56`. */
export function provinceFieldName(province: string): string {
  return `province${province}`;
}

/** One configured province of the gateway: its code and the source that holds its dossiers. */
export interface SubgraphProvince {
  /** Province code, e.g. `H56`. */
  province: string;
  /** The configured source name, e.g. `province-h56`. */
  name: string;
}

/**
 * The type definitions of the gateway as an Apollo Federation 2 subgraph: the plain schema
 * (`typeDefs`, schema/*.graphql), schema/federation.graphql (the link, the entity keys,
 * `Province`) and one `province<Code>` root field per configured province, with:
 *
 * - every field of every object type `@shareable`: any gateway holding an object answers
 *   all of its fields alike, and the composed types are the same in every gateway;
 * - every root field that is not national data (`NATIONAL_ROOT_FIELDS`), and the Mutation
 *   type, `@inaccessible`: still served to this gateway's own clients, never through a
 *   router, which could send them to whichever gateway it liked;
 * - the Subscription type left out: subscriptions are each gateway's own (/graphql/ws,
 *   on the plain schema), which no router composes;
 * - the province fields neither: each is this gateway's alone, so a router composing two
 *   gateways that both claim a province fails to compose instead of picking one.
 */
export function subgraphTypeDefs(typeDefs: readonly string[], federationTypeDefs: string, provinces: readonly SubgraphProvince[]): DocumentNode[] {
  const marked = [...typeDefs, federationTypeDefs].map((sdl) => markForRouter(parse(sdl)));
  return provinces.length === 0 ? marked : [...marked, parse(provinceRootFields(provinces))];
}

function provinceRootFields(provinces: readonly SubgraphProvince[]): string {
  const fields = provinces.map(
    ({ province, name }) => `  "Province ${province}'s dossiers, held by this gateway (source \`${name}\`)."\n  ${provinceFieldName(province)}: Province!`,
  );
  return `extend type Query {\n${fields.join('\n')}\n}\n`;
}

function markForRouter(document: DocumentNode): DocumentNode {
  return visit(document, {
    ObjectTypeDefinition(node) {
      // A router does not carry subscriptions (and two gateways' root subscription fields
      // cannot compose): they are served by each gateway itself, at /graphql/ws.
      if (node.name.value === 'Subscription') return null;
      return node.name.value === 'Mutation' ? { ...node, directives: [...(node.directives ?? []), directive('inaccessible')] } : undefined;
    },
    FieldDefinition(node, _key, _parent, _path, ancestors) {
      const owner = ancestors[ancestors.length - 1] as ASTNode | undefined;
      if (!owner || (owner.kind !== Kind.OBJECT_TYPE_DEFINITION && owner.kind !== Kind.OBJECT_TYPE_EXTENSION)) return undefined;
      const root = owner.name.value === 'Query' || owner.name.value === 'Mutation';
      const hidden = root && !NATIONAL_ROOT_FIELDS.has(node.name.value);
      return withDirectives(node, hidden ? ['shareable', 'inaccessible'] : ['shareable']);
    },
  });
}

function withDirectives(node: FieldDefinitionNode, names: string[]): FieldDefinitionNode {
  return { ...node, directives: [...(node.directives ?? []), ...names.map(directive)] };
}

function directive(name: string): ConstDirectiveNode {
  return { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: name }, arguments: [] };
}
