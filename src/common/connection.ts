import { ClassType, Field, InputType, Int, ObjectType } from 'type-graphql';
import { badInput } from './errors';
import { EntityRow } from './node.type';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@InputType({ description: 'String operators; every one given must hold. Input is normalized to simplified script first.' })
export class StringFilter {
  @Field(() => String, { nullable: true, description: 'Equal to.' })
  eq?: string | null;

  @Field(() => [String], { nullable: true, description: 'Equal to one of.' })
  in?: string[] | null;

  @Field(() => String, { nullable: true })
  contains?: string | null;

  @Field(() => String, { nullable: true })
  startsWith?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: PromiseLike<number>;
}

/** A promise-like that runs `work` only when GraphQL awaits it, i.e. only if the field is selected. */
export function onDemand<T>(work: () => Promise<T>): PromiseLike<T> {
  let started: Promise<T> | undefined;
  return {
    then(onFulfilled, onRejected) {
      started ??= work();
      return started.then(onFulfilled, onRejected);
    },
  };
}

/** A Relay connection type and its edge type for a node type. */
export function connectionTypes<T extends object>(nodeType: ClassType<T> | object, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} nodes.` })
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many nodes match, over all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

export interface SortKey {
  name: string;
  id: string;
}

/** Cursors are opaque to clients: base64url of the sort key, so they survive inserts. */
export const encodeCursor = (key: SortKey) => Buffer.from(JSON.stringify([key.name, key.id])).toString('base64url');

export function decodeCursor(cursor: string | null | undefined, field = 'after'): SortKey | null {
  if (cursor == null) return null;
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof name === 'string' && typeof id === 'string') return { name, id };
  } catch {
    // fall through to the error below
  }
  throw badInput(field, 'is not a cursor this API issued');
}

export function checkFirst(first: number | null | undefined): number {
  const value = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(value) || value < 0) throw badInput('first', `must be a whole number from 0 to ${MAX_PAGE_SIZE}, got ${value}`);
  if (value > MAX_PAGE_SIZE) throw badInput('first', `must be at most ${MAX_PAGE_SIZE}, got ${value}; page with "after"`);
  return value;
}

/** Builds a connection from the rows of a page query that fetched one row more than asked. */
export function toConnection(
  rows: EntityRow[],
  first: number,
  hasPrevious: boolean,
  totalCount: () => Promise<number>,
): Connection<EntityRow> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor({ name: node.name, id: node.id }), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: onDemand(totalCount),
  };
}
