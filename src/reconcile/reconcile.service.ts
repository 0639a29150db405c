import { EntityType } from '../api/entity-type';
import { EntityRow } from '../api/node.type';
import { Graph } from '../db/graph';
import { Loaders } from '../db/loaders';
import { DuplicateRepository } from '../duplicates/duplicate.repository';
import { DuplicateFeatureKind, pairFeatures } from '../duplicates/pair-features';
import { placeValue } from '../graph/alias-context';
import { SearchRepository } from '../search/search.repository';
import { LIKELY_DUPLICATE, matchName, normalizeName } from '../text/normalize';
import { ORGANIZATION_TYPE, RECON_PROPERTIES, RECON_TYPES, ReconProperty, ReconType, typesOf } from './catalog';
import { ExtendRequest, MatchQuery, PropertyCondition, SuggestRequest } from './reconcile.input';
import { EntityDetails, ReconcileRepository, Related } from './reconcile.repository';

/**
 * Matching, suggest, preview data and extension over the graph. Candidates and their name scores
 * come from the editors' duplicate check (duplicates/ DuplicateRepository.candidates: full-text,
 * name keys, skeletons, context aliases, text/normalize.ts matchName); the per-feature answers from
 * duplicates/pair-features.ts; suggestions from the search box's query (search/). Nothing here
 * scores names on its own.
 */

/** Candidates read per kind of node before types, conditions and the limit apply. */
export const CANDIDATE_POOL = 25;
/** Points a failed property condition costs (of 100). */
export const CONDITION_PENALTY = 15;
/** Points a candidate of another type costs under type_strict "should". */
export const TYPE_PENALTY = 10;
/** `match` needs this much of a lead over the runner-up. */
export const MATCH_MARGIN = 10;
/** Queries of one batch matched at once. */
export const MATCH_CONCURRENCY = 4;
/** `match` needs this name score at least: the same name in any script, or an alias. */
export const MATCH_NAME_SCORE = 0.95;

export interface Feature {
  id: string;
  name: string;
  value: boolean | number;
}

export interface ScoredCandidate {
  id: string;
  name: string;
  description?: string;
  types: ReconType[];
  score: number;
  match: boolean;
  features: Feature[];
}

const MATCHED_KINDS = [EntityType.PERSON, EntityType.ORGANIZATION, EntityType.HONOR, EntityType.PROGRAM] as const;

const NAME_FEATURES: { kind: DuplicateFeatureKind; id: string; name: string }[] = [
  { kind: DuplicateFeatureKind.SAME_NAME, id: 'name_exact', name: 'The same name, as written' },
  { kind: DuplicateFeatureKind.SCRIPT_VARIANT, id: 'script_variant', name: 'The same name in the other script (traditional/simplified) or spelling' },
  { kind: DuplicateFeatureKind.ALIAS, id: 'alias', name: 'An alias of the entity' },
  { kind: DuplicateFeatureKind.ENGLISH_NAME, id: 'english_name', name: 'The English name' },
  { kind: DuplicateFeatureKind.PINYIN, id: 'pinyin', name: 'The same pinyin' },
  { kind: DuplicateFeatureKind.LOOK_ALIKE, id: 'look_alike', name: 'Looks the same (confusable characters)' },
  { kind: DuplicateFeatureKind.SHORT_FORM, id: 'short_form', name: 'A short form of the name' },
];

/** A looks-like-an-id query (person-he-tingting): looked up by id as well. */
const ID_LIKE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;

export const typeMatches = (type: ReconType, node: EntityRow): boolean =>
  type.kind ? node.kind === type.kind : type === ORGANIZATION_TYPE ? typesOf(node.__typename).includes(ORGANIZATION_TYPE) : node.__typename === type.id;

const entityTypeOf = (node: EntityRow): EntityType | undefined => typesOf(node.__typename)[0]?.entity;

/** Whether a text names a related node: its id, or its name as the duplicate check scores names. */
function namesOne(value: { id?: string; text?: string }, others: Related[]): boolean {
  return others.some(
    (other) =>
      (value.id != null && value.id === other.id) ||
      (value.text != null && (value.text === other.id || (matchName(value.text, other, true)?.score ?? 0) >= LIKELY_DUPLICATE)),
  );
}

/** Whether a candidate meets one property condition. */
export function meets(condition: PropertyCondition, details: EntityDetails): boolean {
  const { node } = details;
  const texts = condition.values.map((v) => v.text ?? v.id ?? '');
  switch (condition.property.id) {
    case 'parent':
      return condition.values.some((v) => namesOne(v, details.parents));
    case 'unit':
      return condition.values.some((v) => namesOne(v, details.units));
    case 'honor':
      return condition.values.some((v) => namesOne(v, details.honors));
    case 'kind':
    case 'level': {
      const stored = String(node[condition.property.id] ?? '').toUpperCase();
      return !!stored && texts.some((t) => t.trim().toUpperCase() === stored);
    }
    case 'place': {
      // The place is in its name or a parent's, or one of its aliases is bound to the place.
      const names = [node.name ?? '', ...details.parents.map((p) => p.name), ...details.units.map((u) => u.name)].map((n) => normalizeName(n));
      return texts.some((t) => {
        const place = placeValue(t);
        return !!place && (names.some((n) => n.includes(place)) || (node.aliasContexts ?? []).includes(`place:${place}`));
      });
    }
    default:
      return false;
  }
}

export class ReconcileService {
  private readonly duplicates: DuplicateRepository;
  private readonly search: SearchRepository;
  private readonly repository: ReconcileRepository;

  constructor(graph: Graph) {
    const loaders = new Loaders();
    this.duplicates = new DuplicateRepository(graph, loaders);
    this.search = new SearchRepository(graph, loaders);
    this.repository = new ReconcileRepository(graph, loaders);
  }

  /**
   * Each query's candidates, best first, in the batch's order; each query is scored on its own.
   * At most MATCH_CONCURRENCY queries run at once, so one batch cannot take the whole connection pool.
   */
  async match(queries: MatchQuery[]): Promise<ScoredCandidate[][]> {
    const out: ScoredCandidate[][] = [];
    for (let i = 0; i < queries.length; i += MATCH_CONCURRENCY) {
      out.push(...(await Promise.all(queries.slice(i, i + MATCH_CONCURRENCY).map((query) => this.matchOne(query)))));
    }
    return out;
  }

  private async matchOne(query: MatchQuery): Promise<ScoredCandidate[]> {
    const text = query.text.trim();
    const kinds = query.types.length && query.typeStrict !== 'should' ? [...new Set(query.types.map((t) => t.entity))] : [...MATCHED_KINDS];
    const context = {
      places: query.conditions.filter((c) => c.property.id === 'place').flatMap((c) => c.values.map((v) => v.text ?? '')).filter(Boolean),
      organizationIds: query.conditions.filter((c) => c.property.id === 'parent' || c.property.id === 'unit').flatMap((c) => c.values.map((v) => v.id ?? '')).filter(Boolean),
    };
    const found = new Map<string, { node: EntityRow; nameScore: number; reason: string; byId: boolean }>();
    const ids = [query.id, ID_LIKE.test(text) ? text : null].filter((id): id is string => !!id);
    if (ids.length) {
      for (const [id, details] of await this.repository.details(ids)) found.set(id, { node: details.node, nameScore: 1, reason: 'the entity id', byId: true });
    }
    if (text) {
      for (const kind of kinds) {
        for (const candidate of await this.duplicates.candidates(text, kind, undefined, CANDIDATE_POOL, context)) {
          if (!found.has(candidate.node.id)) found.set(candidate.node.id, { node: candidate.node, nameScore: candidate.score, reason: candidate.reason, byId: false });
        }
      }
    }
    if (found.size === 0) return [];
    const details = await this.repository.details([...found.keys()]);
    const scored: (ScoredCandidate & { nameScore: number; decisive: boolean })[] = [];
    for (const { node, nameScore, reason, byId } of found.values()) {
      const detail = details.get(node.id);
      const kind = entityTypeOf(node);
      if (!detail || !kind) continue;
      const typeOk = query.types.length === 0 || (query.typeStrict === 'all' ? query.types.every((t) => typeMatches(t, node)) : query.types.some((t) => typeMatches(t, node)));
      if (!typeOk && query.typeStrict !== 'should') continue;
      const results = query.conditions.map((condition) => ({ condition, met: meets(condition, detail) }));
      if (results.some((r) => r.condition.required && !r.met)) continue;
      const failed = results.filter((r) => !r.met).length;
      const features = this.features(text, node, kind, nameScore, reason, byId);
      for (const { condition, met } of results) features.push({ id: `${condition.property.id}_match`, name: `${condition.property.name} matches`, value: met });
      if (query.types.length) features.push({ id: 'type_match', name: 'Of the type asked for', value: typeOk });
      const score = Math.max(0, Math.round(100 * nameScore) - CONDITION_PENALTY * failed - (typeOk ? 0 : TYPE_PENALTY));
      scored.push({
        id: node.id,
        name: node.name ?? node.title ?? node.id,
        ...(node.nameEn ? { description: node.nameEn } : {}),
        types: typesOf(node.__typename),
        score,
        match: false,
        features,
        nameScore,
        decisive: (byId || nameScore >= MATCH_NAME_SCORE) && failed === 0 && typeOk,
      });
    }
    scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    const [top, second] = scored;
    if (top && top.decisive && (!second || top.score - second.score >= MATCH_MARGIN)) top.match = true;
    return scored.slice(0, query.limit).map(({ nameScore: _n, decisive: _d, ...candidate }) => candidate);
  }

  /** The name features: the duplicate check's score, and which of the pair features hold. */
  private features(text: string, node: EntityRow, kind: EntityType, nameScore: number, reason: string, byId: boolean): Feature[] {
    // Aliases bound to a context count where the duplicate check counted one (its reason says so).
    const bound = reason.includes('(in the context') ? (node.contextAliases ?? []) : [];
    const named = { id: node.id, name: node.name ?? node.title ?? '', aliases: [...(node.aliases ?? []), ...bound], nameEn: node.nameEn ?? null };
    const held = new Set(text ? pairFeatures({ id: '', name: text, aliases: [], nameEn: null }, named, kind).map((f) => f.kind) : []);
    return [
      { id: 'name_score', name: 'Name score of the duplicate check (0–1)', value: nameScore },
      ...(byId ? [{ id: 'id_match', name: 'The query is the entity id', value: true }] : []),
      ...NAME_FEATURES.map(({ kind: k, id, name }) => ({ id, name, value: held.has(k) })),
    ];
  }

  /** Entities for autocompletion: the entity whose id is the prefix first, then the search box's hits. */
  async suggestEntities(request: SuggestRequest): Promise<{ id: string; name: string; description?: string; types: ReconType[] }[]> {
    const prefix = request.prefix.trim();
    if (!prefix) return [];
    const out: EntityRow[] = [];
    if (ID_LIKE.test(prefix)) out.push(...[...(await this.repository.details([prefix])).values()].map((d) => d.node));
    const kinds = request.types.length ? [...new Set(request.types.map((t) => t.entity))] : [...MATCHED_KINDS];
    const hits = await this.search.search({ text: prefix, types: kinds, first: request.offset + request.limit + out.length, context: null });
    for (const hit of hits) if (!out.some((n) => n.id === hit.node.id)) out.push(hit.node);
    return out
      .filter((node) => request.types.length === 0 || request.types.some((t) => typeMatches(t, node)))
      .slice(request.offset, request.offset + request.limit)
      .map((node) => ({ id: node.id, name: node.name ?? node.id, ...(node.nameEn ? { description: node.nameEn } : {}), types: typesOf(node.__typename) }));
  }

  suggestTypes(request: SuggestRequest): ReconType[] {
    return pageOf(RECON_TYPES, request, (t) => [t.id, t.name]);
  }

  suggestProperties(request: SuggestRequest): ReconProperty[] {
    const applicable = request.types.length ? RECON_PROPERTIES.filter((p) => request.types.some((t) => p.on.includes(t.entity))) : RECON_PROPERTIES;
    return pageOf(applicable, request, (p) => [p.id, p.name]);
  }

  /** What a preview shows of one entity; null when there is none. */
  async entity(id: string): Promise<EntityDetails | null> {
    return (await this.repository.details([id])).get(id) ?? null;
  }

  /** The properties extension proposes for a type. */
  propose(type: ReconType, limit: number): ReconProperty[] {
    return RECON_PROPERTIES.filter((p) => p.on.includes(type.entity)).slice(0, limit);
  }

  /** Each id's values of each property; an unknown id gets empty values. */
  async extend(request: ExtendRequest): Promise<Map<string, Map<string, ExtensionValue[]>>> {
    const details = await this.repository.details(request.ids);
    const out = new Map<string, Map<string, ExtensionValue[]>>();
    for (const id of request.ids) {
      const detail = details.get(id);
      out.set(id, new Map(request.properties.map((p) => [p.id, detail ? valuesOf(p, detail) : []])));
    }
    return out;
  }
}

export type ExtensionValue = { id: string; name: string } | { str: string } | { int: number } | Record<string, never>;

const entities = (xs: Related[]): ExtensionValue[] => xs.map((x) => ({ id: x.id, name: x.name }));

function valuesOf(property: ReconProperty, detail: EntityDetails): ExtensionValue[] {
  const kind = entityTypeOf(detail.node);
  if (!kind || !property.on.includes(kind)) return [];
  const { node } = detail;
  const str = (v: unknown): ExtensionValue[] => (v == null || v === '' ? [] : [{ str: String(v) }]);
  switch (property.id) {
    case 'parent':
      return entities(detail.parents);
    case 'children':
      return entities(detail.children);
    case 'unit':
      return entities(detail.units);
    case 'honor':
    case 'honors':
      return entities(detail.honors);
    case 'honorYears':
      // One value per honor, aligned with `honors`; an award without a year is an empty value.
      return detail.honors.map((h): ExtensionValue => (h.year == null ? {} : { int: h.year }));
    case 'members':
      return entities(detail.members);
    case 'conferredBy':
      return entities(detail.conferredBy);
    case 'organizers':
      return entities(detail.organizers);
    case 'recipients':
      return entities(detail.recipients);
    case 'kind':
    case 'level':
    case 'nameEn':
      return str(node[property.id]);
    case 'aliases':
      return (node.aliases ?? []).map((a: string) => ({ str: a }));
    case 'year':
      return node.year == null ? [] : [{ int: Number(node.year) }];
    case 'place':
      return [];
    default:
      return [];
  }
}

/** A static list filtered by prefix (on its id or name, any case), paged. */
function pageOf<T>(items: readonly T[], request: SuggestRequest, names: (item: T) => string[]): T[] {
  const prefix = request.prefix.trim().toLowerCase();
  const hits = prefix ? items.filter((item) => names(item).some((n) => n.toLowerCase().includes(prefix))) : [...items];
  return hits.slice(request.offset, request.offset + request.limit);
}
