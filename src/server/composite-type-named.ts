import { isCompositeType, type GraphQLCompositeType, type GraphQLSchema } from 'graphql';

/** The object, interface or union type called `name` in `schema`, if there is one (a fragment's type condition). */
export function compositeTypeNamed(schema: GraphQLSchema, name: string | undefined): GraphQLCompositeType | undefined {
  const type = name === undefined ? undefined : schema.getType(name);
  return isCompositeType(type) ? type : undefined;
}
