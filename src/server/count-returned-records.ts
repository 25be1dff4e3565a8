import {
  getDirectiveValues,
  getNamedType,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isObjectType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLAbstractType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** What the walk needs of a field's declared type, worked out once per field of the schema. */
interface FieldShape {
  named: GraphQLNamedType;
  composite: boolean;
  isEnum: boolean;
}

const shapes = new WeakMap<GraphQLField<unknown, unknown>, FieldShape>();
const abstractTypes = new WeakMap<GraphQLCompositeType, boolean>();

/** `isAbstractType`, kept per type: graphql's type predicates are slow when they answer false outside production mode. */
function isAbstract(type: GraphQLCompositeType): boolean {
  let abstract = abstractTypes.get(type);
  if (abstract === undefined) abstractTypes.set(type, (abstract = isAbstractType(type)));
  return abstract;
}

function shapeOf(field: GraphQLField<unknown, unknown>): FieldShape {
  let shape = shapes.get(field);
  if (!shape) {
    const named = getNamedType(field.type);
    shapes.set(field, (shape = { named, composite: isCompositeType(named), isEnum: isEnumType(named) }));
  }
  return shape;
}

/** A response key's field and the selections below it (one per occurrence in the document). */
interface CollectedField {
  name: string;
  selectionSets: SelectionSetNode[];
}

export interface ReturnedRecordsInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The request's variables as sent, for `@skip` and `@include` (coerced here, defaults applied, as execution coerced them). */
  variables: Record<string, unknown>;
  /** The response's `data`. */
  data: Record<string, unknown>;
  /** Enums whose values are counted as `<Enum>_<VALUE>`. */
  auditedEnums: ReadonlySet<string>;
}

/**
 * What a response carried, counted from its `data` along the operation's selections (as
 * execution collected them: fragments, type conditions, `@skip`/`@include`): how many
 * objects of each type (by the named return type of the field they came from, as
 * declared), and each value of the audited enums. Objects a response does not hold
 * (null, or nulled by an error) are not counted; introspection fields are not counted.
 * One walk over the answer, instead of a hook on every field as it resolves.
 */
export function countReturnedRecords({ schema, document, operation, variables, data, auditedEnums }: ReturnedRecordsInput): Record<string, number> {
  const records: Record<string, number> = {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  // The fields of a list's items are collected once per list, not once per item.
  const collected = new WeakMap<SelectionSetNode[], Map<GraphQLCompositeType, Map<string, CollectedField>>>();

  // Coerced on the first directive met, as execution did: a variable left out takes its default.
  let variableValues: Record<string, unknown> | undefined;
  const valuesOfVariables = (): Record<string, unknown> => (variableValues ??= getVariableValues(schema, operation.variableDefinitions ?? [], variables).coerced ?? variables);

  const add = (key: string): void => {
    records[key] = (records[key] ?? 0) + 1;
  };

  function fieldsOf(type: GraphQLCompositeType, selectionSets: SelectionSetNode[]): Map<string, CollectedField> {
    let byType = collected.get(selectionSets);
    if (!byType) collected.set(selectionSets, (byType = new Map()));
    let fields = byType.get(type);
    if (!fields) {
      fields = new Map();
      const visited = new Set<string>();
      for (const selectionSet of selectionSets) collect(type, selectionSet, fields, visited);
      byType.set(type, fields);
    }
    return fields;
  }

  function collect(type: GraphQLCompositeType, selectionSet: SelectionSetNode, into: Map<string, CollectedField>, visited: Set<string>): void {
    for (const selection of selectionSet.selections) {
      if (!isIncluded(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const entry = into.get(key) ?? { name: selection.name.value, selectionSets: [] };
        if (selection.selectionSet) entry.selectionSets.push(selection.selectionSet);
        into.set(key, entry);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || applies(selection.typeCondition.name.value, type)) collect(type, selection.selectionSet, into, visited);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visited.has(name) || !applies(fragment.typeCondition.name.value, type)) continue;
        visited.add(name);
        collect(type, fragment.selectionSet, into, visited);
      }
    }
  }

  function isIncluded(node: FieldNode | SelectionSetNode['selections'][number]): boolean {
    if (!node.directives || node.directives.length === 0) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, valuesOfVariables())?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, valuesOfVariables())?.if !== false;
  }

  /** A type condition applies to the type itself, and to an abstract type any of whose possible types it could be. */
  function applies(condition: string, type: GraphQLCompositeType): boolean {
    const conditionType = typeFromAST(schema, { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: condition } });
    if (!conditionType || !isCompositeType(conditionType)) return false;
    if (conditionType === type) return true;
    if (isAbstractType(conditionType)) return isObjectType(type) ? schema.isSubType(conditionType, type) : schema.getPossibleTypes(type).some((t) => schema.isSubType(conditionType, t));
    return isAbstractType(type) && isObjectType(conditionType) && schema.isSubType(type, conditionType);
  }

  function fieldDefinition(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (!isAbstract(type)) return (type as GraphQLObjectType).getFields()[name];
    for (const possible of schema.getPossibleTypes(type as GraphQLAbstractType)) {
      const field = possible.getFields()[name];
      if (field) return field;
    }
    return undefined;
  }

  function visitObject(declared: GraphQLCompositeType, selectionSets: SelectionSetNode[], value: Record<string, unknown>): void {
    // The object's own type when it says it (`__typename`), else the declared one.
    const named = typeof value.__typename === 'string' ? schema.getType(value.__typename) : undefined;
    const type: GraphQLCompositeType = named && isObjectType(named) ? named : declared;
    for (const [key, field] of fieldsOf(type, selectionSets)) {
      if (field.name.startsWith('__')) continue;
      const definition = fieldDefinition(type, field.name);
      if (!definition) continue;
      const shape = shapeOf(definition);
      if (shape.composite || (shape.isEnum && auditedEnums.has(shape.named.name))) visitValue(shape, field.selectionSets, value[key]);
    }
  }

  function visitValue(shape: FieldShape, selectionSets: SelectionSetNode[], value: unknown): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) visitValue(shape, selectionSets, item);
      return;
    }
    if (shape.composite) {
      if (typeof value !== 'object') return;
      add(shape.named.name);
      visitObject(shape.named as GraphQLCompositeType, selectionSets, value as Record<string, unknown>);
    } else if (typeof value === 'string') {
      add(`${shape.named.name}_${value}`);
    }
  }

  const root: GraphQLObjectType | null | undefined = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (root) visitObject(root, [operation.selectionSet], data);
  return records;
}
