/**
 * The one filter compiler: a `…Where` input (api/where.input.ts) becomes Cypher predicates here,
 * and nowhere else. Each `…Conditions(v, where, params)` takes the Cypher variable the input is
 * about (`n` for a listed node, `r` for a relationship and its two ends) and returns a list of
 * predicates that must all hold; the caller joins them (`where`, `all` in cypher.ts). Values never
 * enter the text: each goes into the statement's ParamBag, which hands back a fresh `$pN`. AND, OR
 * and NOT are compiled the same way for every input by `withLogic`, which calls the input's own
 * compiler again for each nested value. A condition on a related node (an honor's conferring
 * body, an organization's awards) is an `EXISTS { MATCH … WHERE … }` subquery over fresh variables
 * from `params.variable`; the award quantifiers are EXISTS (some), NOT EXISTS (none) and NOT
 * EXISTS of a non-match (all). Names are normalized as the graph stores them (婦聯 finds 妇联).
 */
import type {
  AwardCountWhere, AwardWhere, HierarchyFilter, HonorWhere, IdFilter, IntFilter, MembershipWhere, OrganizationWhere, PersonWhere,
  ProgramWhere, RecipientWhere, SourceWhere, StringFilter,
} from '../api/where.input';
import { normalizeName } from '../text/normalize';
import { ParamBag, all } from './cypher';
import { QualifierPropertyName, qualifiersOfType } from '../graph/model';
import { pathHeldCondition } from './valid-time';
import { badInput } from '../api/errors';

/** What every node where input has: an id and a name (canonical or alias). */
type NodeWhere = Pick<RecipientWhere, 'id' | 'name'>;

/**
 * A where input's own conditions plus its AND/OR/NOT lists, compiled recursively with the same
 * compiler, so every where type gets boolean logic the same way.
 */
export function withLogic<W extends { AND?: W[] | null; OR?: W[] | null; NOT?: W | null }>(
  where: W | null | undefined,
  own: (where: W) => string[],
): string[] {
  if (!where) return [];
  const conditions = own(where);
  const compile = (inner: W) => all(withLogic(inner, own));
  for (const inner of where.AND ?? []) conditions.push(compile(inner));
  if (where.OR?.length) conditions.push(`(${where.OR.map(compile).join(' OR ')})`);
  // A missing value makes a comparison null; NOT of "unknown" must still hold.
  if (where.NOT) conditions.push(`NOT coalesce(${compile(where.NOT)}, false)`);
  return conditions;
}

/** Plain string operators on one expression (no alias matching, no normalization). */
function stringConditions(expression: string, filter: StringFilter | null | undefined, params: ParamBag): string[] {
  if (!filter) return [];
  const conditions: string[] = [];
  if (filter.eq != null) conditions.push(`${expression} = ${params.add(filter.eq)}`);
  if (filter.in != null) conditions.push(`${expression} IN ${params.add(filter.in)}`);
  if (filter.contains != null) conditions.push(`${expression} CONTAINS ${params.add(filter.contains)}`);
  if (filter.startsWith != null) conditions.push(`${expression} STARTS WITH ${params.add(filter.startsWith)}`);
  if (filter.endsWith != null) conditions.push(`${expression} ENDS WITH ${params.add(filter.endsWith)}`);
  return conditions;
}

/** Numeric operators on one expression; a missing value (null) matches none of them. */
function intConditions(expression: string, filter: IntFilter | null | undefined, params: ParamBag): string[] {
  if (!filter) return [];
  const conditions: string[] = [];
  if (filter.eq != null) conditions.push(`${expression} = ${params.add(filter.eq)}`);
  if (filter.in != null) conditions.push(`${expression} IN ${params.add(filter.in)}`);
  if (filter.gte != null) conditions.push(`${expression} >= ${params.add(filter.gte)}`);
  if (filter.lte != null) conditions.push(`${expression} <= ${params.add(filter.lte)}`);
  if (filter.gt != null) conditions.push(`${expression} > ${params.add(filter.gt)}`);
  if (filter.lt != null) conditions.push(`${expression} < ${params.add(filter.lt)}`);
  return conditions;
}

function idConditions(variable: string, filter: IdFilter | null | undefined, params: ParamBag): string[] {
  if (!filter) return [];
  const conditions: string[] = [];
  if (filter.eq != null) conditions.push(`${variable}.id = ${params.add(filter.eq)}`);
  if (filter.in != null) conditions.push(`${variable}.id IN ${params.add(filter.in)}`);
  return conditions;
}

/**
 * A string filter over a node's name and aliases: each operator present must hold for the
 * name or for at least one alias. A filter has no context, so aliases bound to one count too
 * (as a search without a context finds them).
 */
function nameConditions(variable: string, filter: StringFilter, params: ParamBag): string[] {
  const conditions: string[] = [];
  const either = (test: (value: string) => string) =>
    `(${test(`${variable}.name`)} OR any(alias IN coalesce(${variable}.aliases, []) + coalesce(${variable}.contextAliases, []) WHERE ${test('alias')}))`;
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
  if (filter.endsWith != null) {
    const p = params.add(filter.endsWith);
    conditions.push(either((v) => `${v} ENDS WITH ${p}`));
  }
  return conditions;
}

/** Id and name conditions for any node; names match the canonical name or any alias, normalized. */
function nodeConditions(variable: string, filter: NodeWhere | null | undefined, params: ParamBag): string[] {
  if (!filter) return [];
  const conditions = idConditions(variable, filter.id, params);
  if (filter.name) {
    const f = filter.name;
    const norm = (value: string | null | undefined) => (value == null ? value : normalizeName(value));
    conditions.push(
      ...nameConditions(
        variable,
        {
          eq: norm(f.eq),
          in: f.in?.map((v) => normalizeName(v)),
          contains: norm(f.contains),
          startsWith: norm(f.startsWith),
          endsWith: norm(f.endsWith),
        },
        params,
      ),
    );
  }
  return conditions;
}

/**
 * For a lookup by exact name (`name: { eq }` or `{ in }`), where the matching nodes come from:
 * the name index for canonical names and the full-text index for aliases (a list property,
 * which no range index covers), instead of scanning every node of the label. The where
 * conditions still check the exact match afterwards; null when the filter is no such lookup.
 */
export function nameAnchor(label: string, filter: NodeWhere | null | undefined, params: ParamBag): string | null {
  const f = filter?.name;
  const raw = f?.eq != null ? [f.eq] : f?.in;
  if (!raw?.length) return null;
  const values = raw.map((value) => normalizeName(value));
  // A value with no letter or digit gives the full-text analyzer no token to look up.
  if (values.some((value) => !/[\p{L}\p{N}]/u.test(value))) return null;
  const names = params.add(values);
  const quoted = values.map((value) => `"${value.replace(/[\\"]/g, '\\$&')}"`);
  const phrases = params.add(quoted.map((value) => `aliasText:${value}`).join(' OR '));
  const boundPhrases = params.add(quoted.map((value) => `contextAliasText:${value}`).join(' OR '));
  return `CALL () {
      MATCH (n:${label}) WHERE n.name IN ${names} RETURN n
      UNION
      CALL db.index.fulltext.queryNodes('entity_search', ${phrases}) YIELD node AS n WITH n WHERE n:${label} RETURN n
      UNION
      CALL db.index.fulltext.queryNodes('entity_context_search', ${boundPhrases}) YIELD node AS n WITH n WHERE n:${label} RETURN n
    }`;
}

/**
 * `(variable)-[:TYPE]->(:Organization {id})`; with descendants, the organization may also be
 * anywhere under it (PART_OF at any depth). The relationship and every PART_OF step of the chain
 * must hold on the filter's day (today unless asOf; any period with allTime).
 */
function hierarchyCondition(variable: string, type: 'PART_OF' | 'MEMBER_OF', filter: HierarchyFilter, params: ParamBag): string {
  if (filter.allTime && filter.asOf != null) throw badInput('allTime', 'give either asOf or allTime, not both');
  const id = params.add(filter.id);
  const target = params.variable('target');
  const path = params.variable('chain');
  const held = pathHeldCondition(path, filter, params);
  const pattern = !filter.includeDescendants
    ? `(${variable})-[:${type}]->(${target}:Organization {id: ${id}})`
    : type === 'PART_OF'
      ? `(${variable})-[:PART_OF*1..]->(${target}:Organization {id: ${id}})`
      : `(${variable})-[:MEMBER_OF]->(:Organization)-[:PART_OF*0..]->(${target}:Organization {id: ${id}})`;
  return held ? `EXISTS { MATCH ${path} = ${pattern} WHERE ${held} }` : `EXISTS { MATCH ${pattern} }`;
}

/** A recipient (person or organization) filter: id and name with AND/OR/NOT. */
export function recipientConditions(variable: string, filter: RecipientWhere | null | undefined, params: ParamBag): string[] {
  return withLogic(filter, (f) => nodeConditions(variable, f, params));
}

/** The Cypher conditions for a SourceWhere on node variable `v`. */
export function sourceConditions(v: string, filter: SourceWhere | null | undefined, params: ParamBag): string[] {
  return withLogic(filter, (f) => nodeConditions(v, f, params));
}

/** The Cypher conditions for a HonorWhere on node variable `v`. */
export function honorConditions(v: string, filter: HonorWhere | null | undefined, params: ParamBag): string[] {
  return withLogic(filter, (f) => {
    const conditions = nodeConditions(v, f, params);
    if (f.level?.length) conditions.push(`${v}.level IN ${params.add(f.level)}`);
    if (f.conferredBy) {
      const o = params.variable('body');
      conditions.push(`EXISTS { MATCH (${v})-[:CONFERRED_BY]->(${o}:Organization) WHERE ${all(organizationConditions(o, f.conferredBy, params))} }`);
    }
    return conditions;
  });
}

/**
 * Provenance conditions on statement `r` (see QUALIFIER_NAMES in graph/model.ts): a qualifier is
 * inferred by its own `<q>Inferred`, else like the statement; only a qualifier with a value counts.
 */
const statementInferred = (r: string) => `coalesce(${r}.inferred, false)`;
const qualifierInferred = (r: string, q: QualifierPropertyName) => `(${r}.${q} IS NOT NULL AND coalesce(${r}.${q}Inferred, ${r}.inferred, false))`;

function provenanceConditions(
  r: string,
  qualifiers: readonly QualifierPropertyName[],
  f: { inferred?: boolean | null; fullyStated?: boolean | null } & Partial<Record<`${QualifierPropertyName}Inferred`, boolean | null>>,
  params: ParamBag,
): string[] {
  const conditions: string[] = [];
  if (f.inferred != null) conditions.push(`${statementInferred(r)} = ${params.add(f.inferred)}`);
  for (const q of qualifiers) {
    const wanted = f[`${q}Inferred`];
    if (wanted != null) conditions.push(`${r}.${q} IS NOT NULL AND coalesce(${r}.${q}Inferred, ${r}.inferred, false) = ${params.add(wanted)}`);
  }
  if (f.fullyStated != null) {
    const fullyStated = `(NOT ${statementInferred(r)}${qualifiers.map((q) => ` AND NOT ${qualifierInferred(r, q)}`).join('')})`;
    conditions.push(f.fullyStated ? fullyStated : `NOT ${fullyStated}`);
  }
  return conditions;
}

/** The Cypher conditions for an AwardWhere on RECEIVED relationship `r` from `recipient` to `honor`. */
export function awardConditions(r: string, recipient: string, honor: string, filter: AwardWhere | null | undefined, params: ParamBag): string[] {
  return withLogic(filter, (f) => {
    const conditions = intConditions(`${r}.year`, f.year, params);
    conditions.push(...provenanceConditions(r, qualifiersOfType('RECEIVED'), f, params));
    if (f.honor) conditions.push(all(honorConditions(honor, f.honor, params)));
    if (f.recipient) conditions.push(all(recipientConditions(recipient, f.recipient, params)));
    return conditions;
  });
}

/** Conditions on a recipient `v` over its awards: some match, none match, or every one matches (none at all counts). */
function awardQuantifierConditions(v: string, filter: Pick<PersonWhere, 'awardsSome' | 'awardsNone' | 'awardsAll'>, params: ParamBag): string[] {
  const conditions: string[] = [];
  const exists = (award: AwardWhere, negateInner: boolean) => {
    const r = params.variable('award');
    const h = params.variable('honor');
    const inner = all(awardConditions(r, v, h, award, params));
    return `EXISTS { MATCH (${v})-[${r}:RECEIVED]->(${h}:Honor) WHERE ${negateInner ? `NOT coalesce(${inner}, false)` : inner} }`;
  };
  if (filter.awardsSome) conditions.push(exists(filter.awardsSome, false));
  if (filter.awardsNone) conditions.push(`NOT ${exists(filter.awardsNone, false)}`);
  if (filter.awardsAll) conditions.push(`NOT ${exists(filter.awardsAll, true)}`);
  return conditions;
}

/** The Cypher conditions for an OrganizationWhere on node variable `v`. */
export function organizationConditions(v: string, filter: OrganizationWhere | null | undefined, params: ParamBag): string[] {
  return withLogic(filter, (f) => {
    const conditions = nodeConditions(v, f, params);
    if (f.kind?.length) conditions.push(`${v}.kind IN ${params.add(f.kind)}`);
    if (f.level?.length) conditions.push(`${v}.level IN ${params.add(f.level)}`);
    conditions.push(...awardQuantifierConditions(v, f, params));
    if (f.partOf) conditions.push(hierarchyCondition(v, 'PART_OF', f.partOf, params));
    return conditions;
  });
}

/** The Cypher conditions for a MembershipWhere on relationship `m` from `member` to `organization`. */
export function membershipConditions(m: string, member: string, organization: string, filter: MembershipWhere | null | undefined, params: ParamBag): string[] {
  return withLogic(filter, (f) => [
    ...stringConditions(`${m}.role`, f.role, params),
    ...(f.member ? [all(recipientConditions(member, f.member, params))] : []),
    ...(f.organization ? [all(organizationConditions(organization, f.organization, params))] : []),
    ...provenanceConditions(m, qualifiersOfType('MEMBER_OF'), f, params),
  ]);
}

/** The Cypher conditions for a PersonWhere on node variable `v`. */
export function personConditions(v: string, filter: PersonWhere | null | undefined, params: ParamBag): string[] {
  return withLogic(filter, (f) => {
    const conditions = nodeConditions(v, f, params);
    if (f.memberOf) conditions.push(hierarchyCondition(v, 'MEMBER_OF', f.memberOf, params));
    conditions.push(...awardQuantifierConditions(v, f, params));
    return conditions;
  });
}

/** The Cypher conditions for a ProgramWhere on node variable `v`. */
export function programConditions(v: string, filter: ProgramWhere | null | undefined, params: ParamBag): string[] {
  return withLogic(filter, (f) => {
    const conditions = nodeConditions(v, f, params);
    if (f.kind?.length) conditions.push(`${v}.kind IN ${params.add(f.kind)}`);
    conditions.push(...intConditions(`${v}.year`, f.year, params));
    for (const [type, organizations] of [['ORGANIZED', f.organizedBy], ['PARTNERED', f.partneredBy]] as const) {
      if (!organizations) continue;
      const o = params.variable('org');
      conditions.push(`EXISTS { MATCH (${v})<-[:${type}]-(${o}:Organization) WHERE ${all(organizationConditions(o, organizations, params))} }`);
    }
    return conditions;
  });
}

/** The Cypher conditions for an AwardCountWhere on RECEIVED relationship `a` to honor `h`. */
export function awardCountConditions(a: string, h: string, filter: AwardCountWhere | null | undefined, params: ParamBag): string[] {
  const conditions: string[] = [];
  if (filter?.yearFrom != null) conditions.push(`${a}.year >= ${params.add(filter.yearFrom)}`);
  if (filter?.yearTo != null) conditions.push(`${a}.year <= ${params.add(filter.yearTo)}`);
  if (filter?.levels != null) conditions.push(`${h}.level IN ${params.add(filter.levels)}`);
  if (filter?.honorIds != null) conditions.push(`${h}.id IN ${params.add(filter.honorIds)}`);
  if (filter?.conferredById != null) {
    conditions.push(`EXISTS { (${h})-[:CONFERRED_BY]->(:Entity {id: ${params.add(filter.conferredById)}}) }`);
  }
  return conditions;
}
