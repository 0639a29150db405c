/**
 * External identifiers: what an entity is called outside this graph. Three kinds, each with one
 * stored form (graph/model.ts `externalIds`):
 * - a Wikidata item, stored as its entity IRI `http://www.wikidata.org/entity/Q42` (given as Q42,
 *   as that IRI, or as its https or /wiki/ page address);
 * - an official website, stored as the normalized http(s) URL;
 * - a Unified Social Credit Code (统一社会信用代码, GB 32100-2015) of an organization, stored as
 *   `uscc:` and the 18 characters, its check character verified.
 * Plain functions: no Cypher, no GraphQL.
 */

export type ExternalIdKind = 'WIKIDATA' | 'WEBSITE' | 'USCC';

export interface ExternalId {
  kind: ExternalIdKind;
  /** The stored form (an IRI, a URL, `uscc:` + code): unique across the graph. */
  stored: string;
  /** The short form people write: Q42, the URL, the code. */
  value: string;
  /** The linked-data IRI (schema:sameAs), or null for a code that has none (a USCC). */
  iri: string | null;
}

export const MAX_EXTERNAL_ID_LENGTH = 500;
/** At most this many identifiers on one entity. */
export const MAX_EXTERNAL_IDS = 50;

export const WIKIDATA_ENTITY = 'http://www.wikidata.org/entity/';
const USCC_PREFIX = 'uscc:';
const QID = /^Q[1-9][0-9]{0,11}$/;
const WIKIDATA_HOSTS = new Set(['www.wikidata.org', 'wikidata.org', 'm.wikidata.org']);

/** GB 32100-2015: the 31 characters a code is written with (no I, O, S, V, Z). */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weight of each of the first 17 characters: 3^i mod 31. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a USCC, or null when one is outside the charset. */
export function usccCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * USCC_WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** Why `code` is no Unified Social Credit Code, or null when it is one. */
export function usccProblem(code: string): string | null {
  if (code.length !== 18) return `a Unified Social Credit Code has 18 characters, got ${code.length}`;
  const bad = [...code].find((c) => !USCC_CHARSET.includes(c));
  if (bad) return `"${bad}" is not a character of a Unified Social Credit Code (digits and ${USCC_CHARSET.slice(10)})`;
  const check = usccCheckCharacter(code.slice(0, 17));
  if (check !== code[17]) return `the check character is wrong: ${code.slice(0, 17)} ends in ${check}, not ${code[17]}`;
  return null;
}

const wikidata = (qid: string): ExternalId => ({ kind: 'WIKIDATA', stored: `${WIKIDATA_ENTITY}${qid}`, value: qid, iri: `${WIKIDATA_ENTITY}${qid}` });

export class ExternalIdError extends Error {}

/**
 * Reads what an editor or a lookup gives: Q42, a Wikidata IRI or page, a website URL, a USCC
 * (with or without `uscc:`). Throws ExternalIdError saying why it is none of them.
 */
export function parseExternalId(input: string): ExternalId {
  if (typeof input !== 'string') throw new ExternalIdError('must be a string');
  const text = input.trim();
  if (!text) throw new ExternalIdError('must not be empty');
  if (text.length > MAX_EXTERNAL_ID_LENGTH) throw new ExternalIdError(`must be at most ${MAX_EXTERNAL_ID_LENGTH} characters, got ${text.length}`);
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f"<>\\^`{|}]/.test(text)) throw new ExternalIdError('must not hold spaces, control characters or any of " < > \\ ^ ` { | }');
  if (/^q[0-9]+$/i.test(text)) {
    const qid = text.toUpperCase();
    if (!QID.test(qid)) throw new ExternalIdError(`"${text}" is not a Wikidata id (Q and a number without leading zeros)`);
    return wikidata(qid);
  }
  if (/^uscc:/i.test(text)) return uscc(text.slice(USCC_PREFIX.length));
  if (/^[0-9A-Z]{18}$/i.test(text)) return uscc(text);
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new ExternalIdError(`"${text}" is not a valid URL`);
    }
    if (!url.hostname.includes('.')) throw new ExternalIdError(`"${text}" has no host name with a domain`);
    if (url.username || url.password) throw new ExternalIdError('a URL must not hold a user name or password');
    if (WIKIDATA_HOSTS.has(url.hostname)) {
      const match = /^\/(?:entity|wiki)\/(Q[0-9]+)$/i.exec(url.pathname);
      if (!match || !QID.test(match[1].toUpperCase())) throw new ExternalIdError(`"${text}" is a Wikidata address but names no item (…/entity/Q42 or …/wiki/Q42)`);
      return wikidata(match[1].toUpperCase());
    }
    url.hash = '';
    const href = url.href;
    if (href.length > MAX_EXTERNAL_ID_LENGTH) throw new ExternalIdError(`must be at most ${MAX_EXTERNAL_ID_LENGTH} characters, got ${href.length}`);
    return { kind: 'WEBSITE', stored: href, value: href, iri: href };
  }
  throw new ExternalIdError(`"${text}" is neither a Wikidata id (Q42 or its IRI), an http(s) URL nor a Unified Social Credit Code`);
}

function uscc(code: string): ExternalId {
  const upper = code.toUpperCase();
  const problem = usccProblem(upper);
  if (problem) throw new ExternalIdError(problem);
  return { kind: 'USCC', stored: `${USCC_PREFIX}${upper}`, value: upper, iri: null };
}

/** A stored identifier read back (its kind from its form); null for one this code cannot read. */
export function storedExternalId(stored: string): ExternalId | null {
  try {
    const parsed = parseExternalId(stored);
    return parsed.stored === stored ? parsed : null;
  } catch {
    return null;
  }
}

/** The derived search key of a node's identifiers (graph/model.ts `externalIdText`): the stored forms, space-separated. */
export const externalIdText = (stored: readonly string[]): string => stored.join(' ');

/** Which labels may carry which kinds: a USCC names an organization. */
export function kindAllowed(kind: ExternalIdKind, labels: readonly string[]): boolean {
  return kind !== 'USCC' || labels.includes('Organization');
}

/**
 * The identifier lists of a node merged into another: the kept node's first, then the merged
 * one's (each identifier was on one node, so none repeats), with their citations and index text.
 * Nothing when neither had one.
 */
export function unitedExternalIds(kept: Record<string, any>, merged: Record<string, any>): Record<string, string[] | string> {
  const externalIds: string[] = [];
  const externalIdSourceIds: string[] = [];
  const externalIdLocators: string[] = [];
  for (const props of [kept, merged]) {
    (props.externalIds ?? []).forEach((stored: string, i: number) => {
      if (externalIds.includes(stored)) return;
      externalIds.push(stored);
      externalIdSourceIds.push(props.externalIdSourceIds?.[i] ?? '');
      externalIdLocators.push(props.externalIdLocators?.[i] ?? '');
    });
  }
  return externalIds.length ? { externalIds, externalIdSourceIds, externalIdLocators, externalIdText: externalIdText(externalIds) } : {};
}

/** A MENTIONS edge's citation lists: the places the source is cited at, aligned. */
export interface Mention {
  sourceIds: string[];
  locators: string[];
}

/**
 * What the source's MENTIONS of a node holds, derived from every citation the node makes of it
 * (its own `sourceIds` and its identifiers' `externalIdSourceIds`): each place once, `''` when
 * none is known anywhere, as a new entity's MENTIONS has it; null when the node cites it nowhere.
 */
export function mentionOf(props: Record<string, any>, sourceId: string): Mention | null {
  let cited = false;
  const places: string[] = [];
  const lists: [string[] | undefined, string[] | undefined][] = [
    [props.sourceIds, props.locators],
    [props.externalIdSourceIds, props.externalIdLocators],
  ];
  for (const [ids, locators] of lists) {
    (ids ?? []).forEach((id, i) => {
      if (id !== sourceId) return;
      cited = true;
      const place = locators?.[i] ?? '';
      if (place && !places.includes(place)) places.push(place);
    });
  }
  if (!cited) return null;
  const locators = places.length ? places : [''];
  return { sourceIds: locators.map(() => sourceId), locators };
}
