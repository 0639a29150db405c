/** Markdown of the ingest evaluation: tables per kind, the shares, the targets and where it fails. */
import { DocumentScore, KindScore, SCORE_KINDS, SHARE_NAMES, ScoreKind, Share, ShareName, SummedScore } from './score';

export const KIND_TITLES: Record<ScoreKind, string> = {
  organizations: 'organizations',
  people: 'people',
  honors: 'honors',
  awards: 'awards',
  memberships: 'memberships',
  programs: 'programs',
  programLinks: 'program links (organizer/partner)',
  figures: 'figures',
  repairs: 'repairs (lost characters)',
};

const SHARE_TITLES: Record<ShareName, string> = {
  locator: 'locator right',
  matches: '`matches` right (node, or new)',
  parent: 'parent found',
  parentStated: 'parent stated/inferred right',
  yearStated: 'award year stated/inferred right',
  kind: 'kind right (organizations, programs)',
  level: 'level right (organizations, honors)',
  conferredBy: 'conferredBy right (honors)',
};

export const fmt = (x: number | null, digits = 2): string => (x === null ? '—' : x.toFixed(digits));
export const pct = (right: number, of: number): string => (of === 0 ? '—' : `${((100 * right) / of).toFixed(1)} % (${right}/${of})`);

export interface Target {
  what: string;
  value: string;
  target: string;
  met: boolean;
}

/** Precision and recall per kind; `targets` marks the kinds with a target (≥ 0.9). */
export function kindTable(kinds: Record<ScoreKind, KindScore>, targets: Partial<Record<ScoreKind, number>> = {}): string {
  const rows = SCORE_KINDS.map((kind) => {
    const k = kinds[kind];
    const optional = k.optionalExpected ? `${k.optionalFound}/${k.optionalExpected}` : '';
    const target = targets[kind] !== undefined ? `≥ ${targets[kind]}` : '';
    return `| ${KIND_TITLES[kind]} | ${k.expected} | ${k.proposed} | ${k.matched} | ${fmt(k.precision)} | ${fmt(k.recall)} | ${optional} | ${target} |`;
  });
  return ['| kind | expected | proposed | matched | precision | recall | optional found | target (P and R) |', '|---|---:|---:|---:|---:|---:|---:|---|', ...rows].join('\n');
}

export function sharesTable(shares: Record<ShareName, Share>): string {
  const rows = SHARE_NAMES.map((n) => `| ${SHARE_TITLES[n]} | ${pct(shares[n].right, shares[n].of)} |`);
  return ['| of the matched items | share |', '|---|---:|', ...rows].join('\n');
}

export function targetsTable(targets: Target[]): string {
  const rows = targets.map((t) => `| ${t.what} | ${t.value} | ${t.target} | ${t.met ? 'met' : '**missed**'} |`);
  return ['| target | measured | wanted | |', '|---|---:|---|---|', ...rows].join('\n');
}

/** The misses and extras of each document, and the matched items a share found wrong. */
export function failures(scores: DocumentScore[], limit = 60): string {
  const out: string[] = [];
  for (const s of scores) {
    const misses = SCORE_KINDS.flatMap((k) => s.kinds[k].misses);
    const extras = SCORE_KINDS.flatMap((k) => s.kinds[k].extras);
    const wrong = SHARE_NAMES.flatMap((n) => s.shares[n].wrong.map((w) => `${n}: ${w}`));
    out.push(`### ${s.document}`, '');
    const list = (title: string, items: string[]) => {
      if (!items.length) return;
      out.push(`${title} (${items.length}):`, '');
      for (const i of items.slice(0, limit)) out.push(`- ${i}`);
      if (items.length > limit) out.push(`- … and ${items.length - limit} more`);
      out.push('');
    };
    list('Missed (expected, not proposed)', misses.map((m) => `${KIND_TITLES[m.kind]}: ${m.label} (${m.locator ?? '—'})`));
    list('Extra (proposed, not expected)', extras.map((m) => `${KIND_TITLES[m.kind]}: ${m.label} (${m.locator ?? '—'})`));
    list('Matched but wrong', wrong);
    if (!misses.length && !extras.length && !wrong.length) out.push('Nothing missed, nothing extra.', '');
  }
  return out.join('\n');
}

export function summedSection(title: string, sum: SummedScore): string {
  return [`## ${title}`, '', kindTable(sum.kinds), '', sharesTable(sum.shares), ''].join('\n');
}
