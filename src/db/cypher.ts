/**
 * Small builders for the Cypher that every repository shares: the node projection, string
 * filters and keyset pagination. Values always travel as parameters, never inside the text.
 */
import { Params } from './graph';

/**
 * Projects a node as a map of its properties plus its labels, minus the search-only fields.
 * createdAt travels as a string made by Neo4j: building it from a driver DateTime costs the
 * client far more than the rest of the node.
 */
export const project = (variable: string) =>
  `${variable} {.*, __labels: labels(${variable}), aliasText: null, searchText: null, createdAt: toString(${variable}.createdAt)}`;

export interface StringFilterValue {
  eq?: string | null;
  in?: string[] | null;
  contains?: string | null;
  startsWith?: string | null;
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
}

/**
 * A string filter over a node's name and aliases: each operator present must hold for the
 * name or for at least one alias.
 */
export function nameFilter(variable: string, filter: StringFilterValue, params: ParamBag): string[] {
  const conditions: string[] = [];
  const either = (test: (value: string) => string) =>
    `(${test(`${variable}.name`)} OR any(alias IN coalesce(${variable}.aliases, []) WHERE ${test('alias')}))`;
  if (filter.eq != null) {
    const p = params.add(filter.eq);
    conditions.push(either((v) => `${v} = ${p}`));
  }
  if (filter.in != null) {
    const p = params.add(filter.in);
    conditions.push(either((v) => `${v} IN ${p}`));
  }
  if (filter.contains != null) {
    const p = params.add(filter.contains);
    conditions.push(either((v) => `${v} CONTAINS ${p}`));
  }
  if (filter.startsWith != null) {
    const p = params.add(filter.startsWith);
    conditions.push(either((v) => `${v} STARTS WITH ${p}`));
  }
  return conditions;
}

export interface PageRequest {
  first: number;
  after?: { name: string; id: string } | null;
}

/** Keyset pagination by (name, id): stable under inserts, one index-ordered scan. */
export function pageCondition(variable: string, page: PageRequest, params: ParamBag): string[] {
  if (!page.after) return [];
  const name = params.add(page.after.name);
  const id = params.add(page.after.id);
  return [`(${variable}.name > ${name} OR (${variable}.name = ${name} AND ${variable}.id > ${id}))`];
}

export const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');
