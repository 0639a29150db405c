import { MAX_SEARCH_TEXT } from '../search/search.input';
import { BATCH_SIZE } from './manifest';
import { ReconProperty, ReconType, RECON_PROPERTIES, RECON_TYPES, reconProperty, reconType } from './catalog';

/**
 * What arrives at the service, checked and bounded before anything reaches Neo4j: both versions'
 * query batches become one shape (MatchQuery), and every refusal is a ReconcileInputError with the
 * HTTP status it answers (400 BAD_USER_INPUT; 413 for a batch over BATCH_SIZE).
 */

export const RECONCILE_LIMITS = {
  /** Characters of a query, a property value or a suggest prefix (the search box's bound). */
  MAX_TEXT: MAX_SEARCH_TEXT,
  DEFAULT_LIMIT: 5,
  MAX_LIMIT: 25,
  MAX_PROPERTIES: 8,
  MAX_VALUES: 10,
  MAX_TYPES: 5,
  MAX_KEY: 64,
  /** Ids in one extension query or one property list. */
  MAX_IDS: 100,
  MAX_EXTEND_PROPERTIES: 20,
  DEFAULT_SUGGEST: 10,
  MAX_SUGGEST: 50,
  MAX_OFFSET: 1000,
  /** Body of a POST, JSON or form. */
  MAX_BODY: '256kb',
} as const;

export class ReconcileInputError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const fail = (field: string, message: string): never => {
  throw new ReconcileInputError(`${field}: ${message}`);
};

export type TypeStrict = 'any' | 'should' | 'all';

/** A value a condition compares: an entity (reconciled before) or text. */
export interface ConditionValue {
  id?: string;
  text?: string;
}

export interface PropertyCondition {
  property: ReconProperty;
  values: ConditionValue[];
  /** 1.0 `required`: a candidate that fails it is dropped. */
  required: boolean;
}

export interface MatchQuery {
  /** The batch key (0.2: q0, q1…; 1.0: the index). */
  key: string;
  text: string;
  /** An entity id the query names (1.0 matchType id, or a query that is an id). */
  id: string | null;
  types: ReconType[];
  typeStrict: TypeStrict;
  limit: number;
  conditions: PropertyCondition[];
}

function text(value: unknown, field: string, allowEmpty = false): string {
  if (typeof value !== 'string') return fail(field, 'must be a string');
  if (value.length > RECONCILE_LIMITS.MAX_TEXT) return fail(field, `must be at most ${RECONCILE_LIMITS.MAX_TEXT} characters`);
  if (!allowEmpty && !value.trim()) return fail(field, 'must not be empty');
  return value;
}

function integer(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) return fail(field, `must be a whole number from ${min} to ${max}`);
  return n;
}

export function parseTypes(value: unknown, field: string): ReconType[] {
  if (value === undefined || value === null || value === '') return [];
  const ids = Array.isArray(value) ? value : [value];
  if (ids.length > RECONCILE_LIMITS.MAX_TYPES) fail(field, `at most ${RECONCILE_LIMITS.MAX_TYPES} types`);
  return ids.map((id, i) => {
    if (typeof id !== 'string') return fail(`${field}[${i}]`, 'must be a type id');
    return reconType(id) ?? fail(field, `unknown type ${JSON.stringify(id.slice(0, 64))}; one of ${RECON_TYPES.map((t) => t.id).join(', ')}`);
  });
}

function conditionValues(value: unknown, field: string): ConditionValue[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) fail(field, 'must hold a value');
  if (list.length > RECONCILE_LIMITS.MAX_VALUES) fail(field, `at most ${RECONCILE_LIMITS.MAX_VALUES} values`);
  return list.map((v, i) => {
    const at = Array.isArray(value) ? `${field}[${i}]` : field;
    if (typeof v === 'number' || typeof v === 'boolean') return { text: String(v) };
    if (typeof v === 'string') return { text: text(v, at) };
    if (v && typeof v === 'object' && typeof (v as any).id === 'string') {
      const name = (v as any).name;
      return { id: text((v as any).id, `${at}.id`), ...(typeof name === 'string' && name.trim() ? { text: text(name, `${at}.name`) } : {}) };
    }
    return fail(at, 'must be a string, a number, a boolean or an entity {id, name}');
  });
}

function matchableProperty(pid: unknown, field: string): ReconProperty {
  if (typeof pid !== 'string') return fail(field, 'must be a property id');
  const property = reconProperty(pid);
  if (!property || !property.matchable) {
    return fail(field, `unknown property ${JSON.stringify(pid.slice(0, 64))}; one of ${RECON_PROPERTIES.filter((p) => p.matchable).map((p) => p.id).join(', ')}`);
  }
  return property;
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail(field, 'must be a JSON object');
  return value as Record<string, unknown>;
}

/** JSON text from a parameter (0.2 sends batches as `queries=` / `extend=` text). */
export function parseJson(value: unknown, field: string): unknown {
  if (typeof value !== 'string') return fail(field, 'must be JSON text');
  try {
    return JSON.parse(value);
  } catch {
    return fail(field, 'is not valid JSON');
  }
}

function checkBatch(size: number, field: string) {
  if (size === 0) fail(field, 'must hold at least one query');
  if (size > BATCH_SIZE) throw new ReconcileInputError(`${field}: a batch may hold at most ${BATCH_SIZE} queries (batchSize in the manifest); this one holds ${size}`, 413);
}

/** A 0.2 batch: {"q0": {query, type, limit, properties: [{pid, v}], type_strict}, …}. */
export function parseBatch02(raw: unknown): MatchQuery[] {
  const batch = object(raw, 'queries');
  const keys = Object.keys(batch);
  checkBatch(keys.length, 'queries');
  return keys.map((key) => {
    if (key.length > RECONCILE_LIMITS.MAX_KEY) fail('queries', `keys must be at most ${RECONCILE_LIMITS.MAX_KEY} characters`);
    const q = object(batch[key], `queries.${key}`);
    const at = `queries.${key}`;
    const properties = q.properties ?? [];
    if (!Array.isArray(properties)) fail(`${at}.properties`, 'must be a list');
    const list = properties as unknown[];
    if (list.length > RECONCILE_LIMITS.MAX_PROPERTIES) fail(`${at}.properties`, `at most ${RECONCILE_LIMITS.MAX_PROPERTIES} properties`);
    if (q.query === undefined && list.length === 0) fail(at, 'needs a query or properties');
    const strict = q.type_strict ?? 'any';
    if (strict !== 'any' && strict !== 'should' && strict !== 'all') fail(`${at}.type_strict`, 'must be any, should or all');
    return {
      key,
      text: q.query === undefined ? '' : text(q.query, `${at}.query`, true),
      id: null,
      types: parseTypes(q.type, `${at}.type`),
      typeStrict: strict as TypeStrict,
      limit: integer(q.limit, `${at}.limit`, 1, RECONCILE_LIMITS.MAX_LIMIT, RECONCILE_LIMITS.DEFAULT_LIMIT),
      conditions: list.map((p, i) => {
        const entry = object(p, `${at}.properties[${i}]`);
        return { property: matchableProperty(entry.pid, `${at}.properties[${i}].pid`), values: conditionValues(entry.v, `${at}.properties[${i}].v`), required: false };
      }),
    };
  });
}

/** A 1.0 batch: {queries: [{type, limit, conditions: [{matchType, propertyId, propertyValue, required}]}]}. */
export function parseBatch10(raw: unknown): MatchQuery[] {
  const body = object(raw, 'body');
  const queries = body.queries;
  if (!Array.isArray(queries)) return fail('queries', 'must be a list');
  checkBatch(queries.length, 'queries');
  return queries.map((entry, index) => {
    const at = `queries[${index}]`;
    const q = object(entry, at);
    const conditions = q.conditions;
    if (!Array.isArray(conditions) || conditions.length === 0) return fail(`${at}.conditions`, 'must be a non-empty list');
    if (conditions.length > RECONCILE_LIMITS.MAX_PROPERTIES + 2) fail(`${at}.conditions`, `at most ${RECONCILE_LIMITS.MAX_PROPERTIES + 2} conditions`);
    if (typeof q.type !== 'undefined' && typeof q.type !== 'string') fail(`${at}.type`, 'must be one type id');
    let name = '';
    let id: string | null = null;
    const out: PropertyCondition[] = [];
    conditions.forEach((c, i) => {
      const cat = `${at}.conditions[${i}]`;
      const condition = object(c, cat);
      const values = conditionValues(condition.propertyValue, `${cat}.propertyValue`);
      if (condition.matchType === 'name') name = [name, ...values.map((v) => v.text ?? '')].filter(Boolean).join(' ');
      else if (condition.matchType === 'id') id = values[0].id ?? values[0].text ?? null;
      else if (condition.matchType === 'property') {
        out.push({ property: matchableProperty(condition.propertyId, `${cat}.propertyId`), values, required: condition.required === true });
      } else fail(`${cat}.matchType`, 'must be name, id or property');
    });
    if (out.length > RECONCILE_LIMITS.MAX_PROPERTIES) fail(`${at}.conditions`, `at most ${RECONCILE_LIMITS.MAX_PROPERTIES} property conditions`);
    return {
      key: String(index),
      text: text(name, `${at}.conditions (name)`, true),
      id,
      types: parseTypes(q.type, `${at}.type`),
      typeStrict: 'all' as TypeStrict,
      limit: integer(q.limit, `${at}.limit`, 1, RECONCILE_LIMITS.MAX_LIMIT, RECONCILE_LIMITS.DEFAULT_LIMIT),
      conditions: out,
    };
  });
}

export interface SuggestRequest {
  prefix: string;
  types: ReconType[];
  limit: number;
  offset: number;
}

export function parseSuggest(query: Record<string, unknown>): SuggestRequest {
  const single = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  return {
    prefix: text(single(query.prefix) ?? '', 'prefix', true),
    types: parseTypes(single(query.type), 'type'),
    limit: integer(single(query.limit), 'limit', 1, RECONCILE_LIMITS.MAX_SUGGEST, RECONCILE_LIMITS.DEFAULT_SUGGEST),
    // 0.2 clients page with `cursor`, 1.0 with `offset`.
    offset: integer(single(query.offset) ?? single(query.cursor), 'offset', 0, RECONCILE_LIMITS.MAX_OFFSET, 0),
  };
}

export interface ExtendRequest {
  ids: string[];
  properties: ReconProperty[];
}

export function parseExtend(raw: unknown): ExtendRequest {
  const body = object(raw, 'extend');
  if (!Array.isArray(body.ids) || body.ids.length === 0) return fail('ids', 'must be a non-empty list of entity ids');
  if (body.ids.length > RECONCILE_LIMITS.MAX_IDS) throw new ReconcileInputError(`ids: at most ${RECONCILE_LIMITS.MAX_IDS} entities in one extension query; this one holds ${body.ids.length}`, 413);
  if (!Array.isArray(body.properties) || body.properties.length === 0) return fail('properties', 'must be a non-empty list of {id}');
  if (body.properties.length > RECONCILE_LIMITS.MAX_EXTEND_PROPERTIES) fail('properties', `at most ${RECONCILE_LIMITS.MAX_EXTEND_PROPERTIES} properties`);
  return {
    ids: body.ids.map((id, i) => text(id, `ids[${i}]`)),
    properties: body.properties.map((p, i) => {
      const id = object(p, `properties[${i}]`).id;
      if (typeof id !== 'string') return fail(`properties[${i}].id`, 'must be a property id');
      return reconProperty(id) ?? fail(`properties[${i}].id`, `unknown property ${JSON.stringify(id.slice(0, 64))}; one of ${RECON_PROPERTIES.map((x) => x.id).join(', ')}`);
    }),
  };
}

export function parseId(value: unknown): string {
  return text(Array.isArray(value) ? value[0] : value, 'id');
}

export function parseProposeType(query: Record<string, unknown>): { type: ReconType; limit: number } {
  const single = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const [type] = parseTypes(single(query.type), 'type');
  if (!type) fail('type', 'is required');
  return { type, limit: integer(single(query.limit), 'limit', 1, RECONCILE_LIMITS.MAX_EXTEND_PROPERTIES, RECONCILE_LIMITS.MAX_EXTEND_PROPERTIES) };
}
