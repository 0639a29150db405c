/**
 * Small builders for the Cypher that every repository shares: the node projection, parameters,
 * condition joining and keyset pagination; filters are compiled in filter.ts. Values always
 * travel as parameters, never inside the text.
 */
import { Params } from '../db/graph';
import { nodePropertiesWithRole } from '../graph/model';

/**
 * Projects a node as a map of its properties plus its labels, minus the search-only fields.
 * createdAt travels as a string made by Neo4j: building it from a driver DateTime costs the
 * client far more than the rest of the node.
 */
const SEARCH_ONLY = nodePropertiesWithRole('searchKey').map((name) => `${name}: null, `).join('');
export const project = (variable: string) =>
  `${variable} {.*, __labels: labels(${variable}), ${SEARCH_ONLY}createdAt: toString(${variable}.createdAt)}`;

/** Node fields that are stored properties of the same name, answered as read. */
const PROPERTY_FIELDS = new Set(['id', 'name', 'nameEn', 'aliases', 'kind', 'level']);

/**
 * The narrowest projection of node `v` that answers a request showing `fields` (a plan's
 * field names): those properties plus id, kind and the labels (which pick the
 * GraphQL type). Fields in `answered` come from elsewhere (a prefetched relationship). Null when
 * some field needs more than a property, and the caller projects the whole node. Narrow rows are
 * partial: they must never enter a request cache that other fields read.
 */
export function projectFields(v: string, fields: Set<string> | null, answered: string[] = []): string | null {
  if (!fields) return null;
  const properties = new Set(['id', 'kind']);
  for (const field of fields) {
    if (field === '__typename' || answered.includes(field)) continue;
    if (!PROPERTY_FIELDS.has(field)) return null;
    properties.add(field);
  }
  return `${v} {${[...properties].map((p) => `.${p}`).join(', ')}, __labels: labels(${v})}`;
}

/**
 * A relationship's properties for a request showing `fields`: only the `plain` ones selected (fields
 * stored under their own name). Fields in `answered` are the relationship's ends, read elsewhere.
 * Null, like projectFields, when some field needs more (sources, say) and the caller reads all.
 * `extra` are map entries added as written (`type: type(r)`).
 */
export function projectRelationship(v: string, fields: Set<string> | null, plain: string[], answered: string[], extra: string[] = []): string | null {
  if (!fields) return null;
  const properties: string[] = [];
  for (const field of fields) {
    if (field === '__typename' || answered.includes(field)) continue;
    if (!plain.includes(field)) return null;
    properties.push(field);
  }
  return `${v} {${[...properties.map((p) => `.${p}`), ...extra].join(', ')}}`;
}

/** Adds a parameter under a fresh name and returns that name. */
export class ParamBag {
  readonly values: Params = {};
  private counter = 0;

  add(value: unknown): string {
    const name = `p${this.counter++}`;
    this.values[name] = value;
    return `$${name}`;
  }

  /** A variable name no other fragment of the statement uses, for nested EXISTS patterns. */
  variable(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }
}

export const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

/** Joins conditions with AND; no condition at all holds for every row. */
export const all = (conditions: string[]) => (conditions.length ? `(${conditions.join(' AND ')})` : 'true');


export type Direction = 'ASC' | 'DESC';

/** One ORDER BY term: its Cypher expression and, for non-scalar keys, how to rebuild a cursor value. */
export interface SortTerm {
  expression: string;
  direction: Direction;
  /** Wraps the parameter holding a cursor value, e.g. `datetime($p0)` for datetimes. */
  fromCursor?: (param: string) => string;
}

/** Sort expressions for node properties that may be missing: missing sorts as the smallest value. */
export const sortExpressions = {
  name: (v: string): Omit<SortTerm, 'direction'> => ({ expression: `${v}.name` }),
  year: (v: string): Omit<SortTerm, 'direction'> => ({ expression: `coalesce(${v}.year, -1)` }),
  createdAt: (v: string): Omit<SortTerm, 'direction'> => ({
    expression: `coalesce(${v}.createdAt, datetime('1970-01-01T00:00:00Z'))`,
    fromCursor: (p) => `datetime(${p})`,
  }),
};

export const flip = (terms: SortTerm[]): SortTerm[] =>
  terms.map((term) => ({ ...term, direction: term.direction === 'ASC' ? 'DESC' : 'ASC' }));

export const orderBy = (terms: SortTerm[]) => terms.map((term) => `${term.expression} ${term.direction}`).join(', ');

/** The row's sort key as a list, returned with each row so its cursor can be made. */
export const sortKey = (terms: SortTerm[]) => `[${terms.map((term) => term.expression).join(', ')}]`;

/**
 * Rows strictly after `key` in the order of `terms` (lexicographic, each term in its own
 * direction): the keyset condition that makes cursors stable under inserts.
 */
export function keysetCondition(terms: SortTerm[], key: unknown[], params: ParamBag): string {
  const values = terms.map((term, i) => (term.fromCursor ?? ((p: string) => p))(params.add(key[i])));
  const branches = terms.map((term, i) => {
    const equal = terms.slice(0, i).map((before, j) => `${before.expression} = ${values[j]}`);
    return all([...equal, `${term.expression} ${term.direction === 'ASC' ? '>' : '<'} ${values[i]}`]);
  });
  return `(${branches.join(' OR ')})`;
}

/**
 * The keyword full-text index over `aliases` and `contextAliases`, each list element whole
 * (schema/migrations/011_alias_exact.cypher): the index-backed form of `$name IN n.aliases`,
 * which no range index serves.
 */
export const ALIAS_EXACT_INDEX = 'entity_alias_exact';

/** Its query for the nodes with one of `names` exactly as an alias or context alias (quoted terms: only `"` and `\` are special). */
export function aliasExactQuery(names: readonly string[]): string {
  return names
    .flatMap((name) => {
      const term = `"${name.replace(/[\\"]/g, '\\$&')}"`;
      return [`aliases:${term}`, `contextAliases:${term}`];
    })
    .join(' OR ');
}
