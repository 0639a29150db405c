import { ArgsType, ClassType, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { badInput } from './errors';
import { EntityRow } from './node.type';
import { CONNECTION_EDGES, CONNECTION_PAGE_INFO, EDGE_CURSOR, edgeNodeOf } from './descriptions';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ simpleResolvers: true, description: 'Where a page lies among all pages (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when edges follow this page: paging forward, when more match; paging backward, whenever `before` was given.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when edges precede this page: paging forward, whenever `after` was given; paging backward, when more match.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; pass it as `before` for the page before. Null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last edge's cursor; pass it as `after` for the next page. Null on an empty page." })
  endCursor!: string | null;
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Which way a sort key orders.',
  valuesConfig: {
    ASC: { description: 'Ascending: earliest, smallest or first in text order first.' },
    DESC: { description: 'Descending: latest, largest or last in text order first.' },
  },
});

export enum SortField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(SortField, {
  name: 'SortField',
  description: 'What a list of nodes can be sorted by.',
  valuesConfig: {
    NAME: { description: 'Canonical name (a source: its title).' },
    CREATED_AT: { description: 'When the node entered the graph.' },
  },
});

export enum DatedSortField {
  NAME = 'NAME',
  YEAR = 'YEAR',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(DatedSortField, {
  name: 'DatedSortField',
  description: 'What a list of awards or programs (things with a year) can be sorted by.',
  valuesConfig: {
    NAME: { description: 'Name of the listed node.' },
    YEAR: { description: 'Year (of the award or program); an unknown year sorts before every known one.' },
    CREATED_AT: { description: 'When the listed node entered the graph.' },
  },
});

@InputType({ description: 'One sort key; id breaks remaining ties (in the direction of the last key), so pages never repeat or skip.' })
export class NodeSort {
  @Field(() => SortField, { description: 'The key to sort by.' })
  field!: SortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending unless given.' })
  direction!: SortDirection;
}

@InputType({ description: 'One sort key for lists with a year; id breaks remaining ties (in the direction of the last key).' })
export class DatedSort {
  @Field(() => DatedSortField, { description: 'The key to sort by.' })
  field!: DatedSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending unless given.' })
  direction!: SortDirection;
}

export interface SortInput<F extends string = string> {
  field: F;
  direction?: SortDirection | null;
}

@ArgsType()
export class FirstAfterArgs {
  @Field(() => Int, { nullable: true, description: `Page size, ${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

@ArgsType()
export class ConnectionArgs extends FirstAfterArgs {
  @Field(() => Int, { nullable: true, description: `Page backwards: the last ${MAX_PAGE_SIZE} at most, before \`before\`.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'The startCursor of the following page (with `last`).' })
  before?: string | null;
}

const sizeOf = (field: string, value: number | null | undefined): number => {
  const size = value ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0) throw badInput(field, `must be a whole number from 0 to ${MAX_PAGE_SIZE}, got ${size}`);
  if (size > MAX_PAGE_SIZE) throw badInput(field, `must be at most ${MAX_PAGE_SIZE}, got ${size}; page with "${field === 'first' ? 'after' : 'before'}"`);
  return size;
};

/** The ordering's name, carried in every cursor. */
export const sortSignature = (orderBy: SortInput[]) => orderBy.map((s) => `${s.field}:${s.direction ?? 'ASC'}`).join(',');

/** Cursors are opaque to clients: base64url of the ordering and the row's sort key, so they survive inserts. */
export const encodeCursor = (signature: string, key: unknown[]) => Buffer.from(JSON.stringify([signature, ...key])).toString('base64url');

export function decodeCursor(cursor: string, field: string, signature: string): unknown[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (!Array.isArray(decoded) || typeof decoded[0] !== 'string' || decoded.length < 2) {
    throw badInput(field, 'is not a cursor this API issued');
  }
  if (decoded[0] !== signature) throw badInput(field, `was issued for another orderBy (${decoded[0] || 'default'}), not ${signature}`);
  return decoded.slice(1);
}

/** What a connection field asks for, validated: direction, size and the cursor's sort key. */
export interface KeysetPage {
  limit: number;
  backward: boolean;
  key: unknown[] | null;
  /** Identifies the ordering; part of every cursor so a cursor from another ordering is refused. */
  signature: string;
}

/** Validates first/after/last/before and the ordering into the repository's page request. */
export function keysetPage(args: Partial<ConnectionArgs>, orderBy: SortInput[]): KeysetPage {
  const signature = sortSignature(orderBy);
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    throw badInput(args.first != null ? 'first' : 'after', 'cannot be combined with last/before; page one way at a time');
  }
  if (backward) {
    return { limit: sizeOf('last', args.last), backward, key: args.before == null ? null : decodeCursor(args.before, 'before', signature), signature };
  }
  return { limit: sizeOf('first', args.first), backward, key: args.after == null ? null : decodeCursor(args.after, 'after', signature), signature };
}

/** The orderBy given, or the default; an empty list means the default too. */
export const orderOrDefault = <S extends SortInput>(orderBy: S[] | null | undefined, fallback: S[]): S[] =>
  orderBy?.length ? orderBy.map((s) => ({ ...s, direction: s.direction ?? SortDirection.ASC })) : fallback;

export interface Connection<E> {
  edges: (E & { cursor: string })[];
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

/** A page a repository read: rows in display order, each with its sort key, and whether more lie beyond. */
export interface KeyedPage<E> {
  rows: { edge: E; key: unknown[] }[];
  more: boolean;
}

export function toConnection<E extends object>(page: KeyedPage<E>, request: KeysetPage, totalCount: () => Promise<number>): Connection<E> {
  const edges = page.rows.map((row) => ({ ...row.edge, cursor: encodeCursor(request.signature, row.key) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: request.backward ? request.key != null : page.more,
      hasPreviousPage: request.backward ? page.more : request.key != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: onDemand(totalCount),
  };
}

/** A Relay connection type and its edge type for a node type. */
export function connectionTypes<T extends object>(nodeType: ClassType<T> | object, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${name} node of a page, with its cursor.` })
  class Edge {
    @Field({ description: EDGE_CURSOR })
    cursor!: string;

    @Field(() => nodeType, { description: edgeNodeOf(name) })
    node!: T;
  }
  return connectionOf(Edge, name, `A page of ${name} nodes.`);
}

/** A connection type over an edge type (which may carry the relationship's properties). */
export function connectionOf(edgeType: ClassType<object>, name: string, description: string) {
  @ObjectType(`${name}Connection`, { simpleResolvers: true, description })
  class ConnectionType {
    @Field(() => [edgeType], { description: CONNECTION_EDGES })
    edges!: object[];

    @Field(() => PageInfo, { description: CONNECTION_PAGE_INFO })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many match, over all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

/** A relationship read for a connection field: the related node and the relationship's properties. */
export interface RelatedRow {
  node: EntityRow;
  /** The relationship's properties, plus `type`, `startId` and `endId`. */
  rel: Record<string, any>;
}

export const BY_NAME: SortInput[] = [{ field: 'NAME', direction: SortDirection.ASC }];
export const NEWEST_FIRST: SortInput[] = [
  { field: 'YEAR', direction: SortDirection.DESC },
  { field: 'NAME', direction: SortDirection.ASC },
];

/** The ordering and validated page a connection field asks for. */
export function pagingOf(args: Partial<ConnectionArgs>, orderBy: SortInput[] | null | undefined, fallback: SortInput[]) {
  const order = orderOrDefault(orderBy, fallback);
  return { order, page: keysetPage(args, order) };
}
