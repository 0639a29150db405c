/**
 * Aliases bound to a context. A short form such as 市妇联 names Huainan's federation only where
 * Huainan is meant; stored on the node as two aligned lists, `contextAliases[i]` holding in
 * context `aliasContexts[i]`, each context written as `<kind>:<value>`:
 *
 * - `place:淮南`: when the asker names the place (or, for a new entity, when its parent
 *   organization or one above that is named with the place);
 * - `org:<id>`: for that organization and anything under it (PART_OF at any depth);
 * - `source:<id>`: for facts and documents citing that source.
 *
 * An alias bound to several contexts appears once per context. Plain data, no Cypher.
 */
import { normalizeName } from '../text/normalize';

export type AliasContextKind = 'place' | 'org' | 'source';

export interface BoundAlias {
  alias: string;
  /** `place:淮南`, `org:<id>` or `source:<id>`. */
  context: string;
}

const KINDS: readonly AliasContextKind[] = ['place', 'org', 'source'];

export const aliasContext = (kind: AliasContextKind, value: string): string => `${kind}:${value}`;

/** The kind and value of a stored context; null for text in no known form. */
export function parseAliasContext(context: string): { kind: AliasContextKind; value: string } | null {
  const at = context.indexOf(':');
  if (at < 1) return null;
  const kind = context.slice(0, at) as AliasContextKind;
  const value = context.slice(at + 1);
  return KINDS.includes(kind) && value ? { kind, value } : null;
}

/** The bound aliases of a node, from its aligned lists. */
export function boundAliases(node: { contextAliases?: readonly string[] | null; aliasContexts?: readonly string[] | null; [property: string]: unknown }): BoundAlias[] {
  const aliases = node.contextAliases ?? [];
  const contexts = node.aliasContexts ?? [];
  return aliases.map((alias, i) => ({ alias, context: contexts[i] ?? '' })).filter((b) => b.alias && parseAliasContext(b.context));
}

/**
 * Where an asker (a search) or a new entity (a duplicate check) stands: the stored contexts that
 * hold there (`org:` of an organization and each one above it, `source:` of its sources, `place:`
 * of places named) and the names of those organizations, in which a place may be written.
 */
export interface StandingContext {
  contexts: ReadonlySet<string>;
  organizationNames: readonly string[];
}

export const NO_CONTEXT: StandingContext = { contexts: new Set(), organizationNames: [] };

export const hasContext = (standing: StandingContext) => standing.contexts.size > 0 || standing.organizationNames.length > 0;

/** Whether a stored context holds where `standing` stands. */
export function contextHolds(context: string, standing: StandingContext): boolean {
  if (standing.contexts.has(context)) return true;
  const parsed = parseAliasContext(context);
  return parsed?.kind === 'place' && standing.organizationNames.some((name) => name.includes(parsed.value));
}

const PLACE_SUFFIX = /(?:市|省|县|區|区|州)$/u;

/** A place as contexts store it: normalized, without a trailing 市/省/县/区 (淮南市 → 淮南). */
export function placeValue(text: string): string {
  const name = normalizeName(text);
  const bare = name.replace(PLACE_SUFFIX, '');
  return bare.length >= 2 ? bare : name;
}
