import { GraphQLSchema, isObjectType } from 'graphql';

/**
 * Look-ahead results. When a repository reads a field's value in an earlier query anyway (the
 * organization page reads members, their awards and honors in one query), it attaches the value
 * to the row under this symbol, and the field is answered from it without running its resolver,
 * its DataLoader or type-graphql's argument handling. Only fields without arguments take
 * prefetched values, so a value always means the same as what the resolver would return.
 */
export const PREFETCHED = Symbol('prefetched');

type WithPrefetched = { [PREFETCHED]?: Record<string, unknown> };

/** Attaches field values to a row (merged with any it already has) and returns the row. */
export function prefetch<T extends object>(row: T, values: Record<string, unknown>): T {
  const target = row as T & WithPrefetched;
  target[PREFETCHED] = target[PREFETCHED] ? { ...target[PREFETCHED], ...values } : values;
  return row;
}

/** The value prefetched for `field` on a row, if any. */
export function prefetched(row: object, field: string): unknown {
  return (row as WithPrefetched)[PREFETCHED]?.[field];
}

/** Makes every argument-less field with a resolver answer from prefetched values when the row has one. */
export function answerPrefetchedFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || field.args.length > 0) continue;
      const name = field.name;
      field.resolve = (source, args, context, info) => {
        const values = (source as WithPrefetched | null)?.[PREFETCHED];
        return values !== undefined && name in values ? values[name] : resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
