import { GraphQLSchema, isObjectType } from 'graphql';
import { Selection } from './selection';

/**
 * Look-ahead results, the one way a value read early reaches its field: the row carries it.
 * When a repository reads a field's value in an earlier query anyway (the organization page
 * reads members, their awards and honors in one query), it is attached to the row under this
 * symbol. A field without arguments is then answered from it without running its resolver, its
 * DataLoader or type-graphql's argument handling: its value is the same under any alias. A field
 * with arguments (a connection page) is kept under the response key of the selection it was read
 * for, with that selection's arguments; its resolver takes it from the row (`prefetchedFor`).
 */
export const PREFETCHED = Symbol('prefetched');

interface Prefetched {
  /** Values of fields without arguments, by field name. */
  fields?: Record<string, unknown>;
  /** Values read for one selection of a field with arguments, by response key. */
  selections?: Record<string, { name: string; args: string; value: unknown }>;
}

type WithPrefetched = { [PREFETCHED]?: Prefetched };

/** Replaces a row's prefetched values (never changed in place: a copy of the row, `{ ...row }`, shares them). */
function attach(row: object, change: (old: Prefetched) => Prefetched): void {
  const target = row as WithPrefetched;
  target[PREFETCHED] = change(target[PREFETCHED] ?? {});
}

/** Arguments as graphql-js coerced them, in a form two coercions of the same ones agree on. */
const argumentText = (args: Readonly<Record<string, unknown>>) => JSON.stringify(args);

/** Attaches values of fields without arguments to a row (merged with any it already has) and returns the row. */
export function prefetch<T extends object>(row: T, values: Record<string, unknown>): T {
  attach(row, (old) => ({ ...old, fields: { ...old.fields, ...values } }));
  return row;
}

/** The value prefetched for a field without arguments on a row, if any. */
export function prefetched(row: object, field: string): unknown {
  return (row as WithPrefetched)[PREFETCHED]?.fields?.[field];
}

/** Attaches the value read for `selection` (a field with arguments) to a row, and returns the row. */
export function prefetchFor<T extends object>(row: T, selection: Selection, value: unknown): T {
  const read = { name: selection.name, args: argumentText(selection.args), value };
  attach(row, (old) => ({ ...old, selections: { ...old.selections, [selection.key]: read } }));
  return row;
}

/** The value read for `selection` on a row: only when it was read for this response key, field and arguments. */
export function prefetchedFor<T>(row: object, selection: Selection): T | undefined {
  const read = (row as WithPrefetched)[PREFETCHED]?.selections?.[selection.key];
  return read && read.name === selection.name && read.args === argumentText(selection.args) ? (read.value as T) : undefined;
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
        const values = (source as WithPrefetched | null)?.[PREFETCHED]?.fields;
        return values !== undefined && name in values ? values[name] : resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
