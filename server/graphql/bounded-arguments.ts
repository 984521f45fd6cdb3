import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { checkInput } from '../input-bounds.ts';

/**
 * Puts `checkInput` in front of every field that takes arguments (queries, mutations,
 * subscriptions and nested fields alike), after graphql-js has coerced them: inline literals and
 * variables are checked the same way, before any resolver or database sees them. Changes `schema`
 * in place, once; returns it.
 */
export function boundArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0 || (field as { bounded?: true }).bounded) continue;
      const guard =
        (inner: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> =>
        (source, args, context, info) => {
          checkInput(args);
          return inner(source, args, context, info);
        };
      if (field.subscribe) field.subscribe = guard(field.subscribe);
      else field.resolve = guard(field.resolve ?? defaultFieldResolver);
      (field as { bounded?: true }).bounded = true;
    }
  }
  return schema;
}
