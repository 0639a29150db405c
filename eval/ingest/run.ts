/**
 * `npm run ingest:eval [-- --no-db] [--runs N]`: the ingest evaluation (issue 15, part 7).
 *
 * Reads each document of eval/ingest/documents/ and the seed article, analyzes it with an empty
 * gazetteer and scores it against its expected facts (eval/ingest/README.md). Without --no-db it
 * also starts its own embedded Neo4j (data in eval/out/neo4j, a developer's database untouched),
 * seeds it as `npm start` seeds an empty database, ingests every document again with the seeded
 * graph's gazetteer, times proposing for a 10,000-character document, and writes
 * docs/ingest-eval.md. Progress on stderr; exit code 0 even when targets are missed (it is a report).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDocument } from '../../src/ingest/document.reader';
import { Analysis, Gazetteer } from '../../src/ingest/ingest.model';
import { analyze } from '../../src/ingest/pipeline';
import { extractEntities } from '../../src/ingest/extract-entities';
import { extractProgramsAndFigures } from '../../src/ingest/extract-programs';
import { matchMentions } from '../../src/ingest/match';
import { readSeedFile } from '../../src/seed/seed-file';
import { normalizeName } from '../../src/text/normalize';
import { KIND_TITLES, Target, failures, fmt, kindTable, pct, sharesTable, summedSection, targetsTable } from './report';
import { DocumentScore, ExpectedFacts, KindScore, ScoreKind, scoreAnalysis, sumScores } from './score';
import { seedGazetteer } from './seeded-graph';
import { seedExpected } from './seed-expected';
import { findSeedArticle } from './seed-article';

/** The project's root: the folder above this file (or its compiled copy) that holds eval/ingest/README.md. */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'eval', 'ingest', 'README.md')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no project root above ${__dirname}`);
  }
}

const ROOT = projectRoot();
const EVAL = path.join(ROOT, 'eval', 'ingest');
const SEED_ARTICLE = findSeedArticle(ROOT);
const SEED_FILE = path.join(ROOT, 'seeds', 'huainan-womens-federation-2024.json');
const REPORT = path.join(ROOT, 'docs', 'ingest-eval.md');
const EMPTY: Gazetteer = { entries: [] };
const SPEED_CHARS = 10_000;
/**
 * The documents no rule was tuned on (eval/ingest/README.md): written after the rules by someone who
 * never ran the extractor. Once a rule is written from their failures they are held out no more:
 * move them out of this list and write new ones.
 */
const HELD_OUT = ['09', '10'];
const TARGET = 0.9;
/** The kinds with a target for the seed article into an empty graph ("entities" are organizations and people). */
const TARGET_KINDS: Partial<Record<ScoreKind, number>> = { organizations: TARGET, people: TARGET, honors: TARGET, awards: TARGET, programs: TARGET, programLinks: TARGET, figures: TARGET };

const progress = (line: string) => process.stderr.write(`[ingest:eval] ${line}\n`);

interface Case {
  name: string;
  bytes: Buffer;
  expected: ExpectedFacts;
}

function loadCases(): Case[] {
  const cases: Case[] = [];
  for (const file of fs.readdirSync(path.join(EVAL, 'documents')).sort()) {
    const expectedFile = path.join(EVAL, 'expected', `${file.replace(/\.[^.]+$/, '')}.json`);
    if (!fs.existsSync(expectedFile)) throw new Error(`no expected facts for ${file}`);
    cases.push({ name: file, bytes: fs.readFileSync(path.join(EVAL, 'documents', file)), expected: JSON.parse(fs.readFileSync(expectedFile, 'utf8')) });
  }
  if (SEED_ARTICLE) {
    const bytes = fs.readFileSync(SEED_ARTICLE);
    const name = path.basename(SEED_ARTICLE);
    cases.unshift({ name, bytes, expected: seedExpected(readSeedFile(SEED_FILE), bytes.toString('utf8'), name) });
  } else {
    progress(`the seed article is not in ../shared/seed/ beside the project or its origin (HONORGRAPH_SHARED_DIR): evaluating without it`);
  }
  return cases;
}

/** Documents a stage failed on, with the error: scored as if nothing was proposed. */
const failed: string[] = [];

async function analyzeCase(c: Case, gazetteer: Gazetteer, label: string): Promise<Analysis> {
  try {
    const document = await readDocument({ bytes: c.bytes, fileName: c.name });
    return analyze(document, gazetteer);
  } catch (error) {
    const message = `${c.name} (${label}): ${String((error as Error)?.message ?? error).split('\n')[0]}`;
    progress(`failed: ${message}`);
    failed.push(message);
    const text = c.bytes.toString('utf8');
    const document = { format: 'TEXT' as const, fileName: c.name, contentHash: '', rawText: text, text, lines: [], repairs: [], title: null };
    const context = { place: null, date: null, dateSpan: null, year: null, yearNote: null, issuerKey: null };
    return { document, extraction: { context, entities: [], awards: [], memberships: [], hierarchy: [], programLinks: [], figures: [] }, matches: [] };
  }
}

/** Organizations and people as one kind, "entities". */
function entitiesOf(kinds: Record<ScoreKind, KindScore>) {
  const [o, p] = [kinds.organizations, kinds.people];
  const matched = o.matched + p.matched;
  const counted = o.proposed + p.proposed - o.optionalFound - p.optionalFound;
  return { precision: counted ? matched / counted : null, recall: o.expected + p.expected ? matched / (o.expected + p.expected) : null };
}

function seedTargets(score: DocumentScore): Target[] {
  const rows: [string, { precision: number | null; recall: number | null }][] = [
    ['entities (organizations and people)', entitiesOf(score.kinds)],
    ...(['honors', 'awards', 'programs', 'programLinks', 'figures'] as ScoreKind[]).map((k): [string, KindScore] => [KIND_TITLES[k], score.kinds[k]]),
  ];
  return rows.flatMap(([what, k]) => [
    { what: `seed article, empty graph: ${what} precision`, value: fmt(k.precision), target: `≥ ${TARGET}`, met: (k.precision ?? 0) >= TARGET },
    { what: `seed article, empty graph: ${what} recall`, value: fmt(k.recall), target: `≥ ${TARGET}`, met: (k.recall ?? 0) >= TARGET },
  ]);
}

/** Into the seeded graph: new entities proposed, mentions matched to the right node, 05's matches, 04's 市妇联. */
function seededTargets(cases: Case[], analyses: Analysis[], scores: DocumentScore[]): Target[] {
  const targets: Target[] = [];
  const at = (prefix: string) => cases.findIndex((c) => c.name.startsWith(prefix));
  const seed = at('000_');
  if (seed >= 0) {
    const a = analyses[seed];
    const expectedId = new Map<string, string | null>();
    const facts = cases[seed].expected;
    for (const e of [...facts.organizations, ...facts.people, ...facts.honors, ...facts.programs, ...(facts.optional?.organizations ?? []), ...(facts.optional?.people ?? []), ...(facts.optional?.honors ?? []), ...(facts.optional?.programs ?? [])]) {
      expectedId.set(e.key, e.matches ?? null);
    }
    // Mentions: the expected entities (found or not) and every other mention proposed; right: matched to its node.
    const pairs = scores[seed].entities;
    const pairOf = new Map(pairs.map((p) => [p.proposedKey, p.expectedKey]));
    const required = facts.organizations.length + facts.people.length + facts.honors.length + facts.programs.length;
    const mentions = required + a.matches.filter((m) => !pairs.some((p) => p.proposedKey === m.key && !p.optional)).length;
    const newOnes = a.matches.filter((m) => m.status === 'NEW');
    const right = a.matches.filter((m) => {
      const key = pairOf.get(m.key);
      return key !== undefined && m.status === 'MATCHED' && m.match?.id === expectedId.get(key);
    });
    const names = new Map(a.extraction.entities.map((e) => [e.key, e.name]));
    targets.push({
      what: 'seed article, seeded graph: new entities proposed',
      value: a.matches.length === 0 ? '0 (no mention proposed)' : `${newOnes.length}${newOnes.length ? ` (${newOnes.slice(0, 8).map((m) => names.get(m.key)).join('、')}${newOnes.length > 8 ? '…' : ''})` : ''}`,
      target: '0',
      met: newOnes.length === 0 && a.matches.length > 0,
    });
    targets.push({
      what: 'seed article, seeded graph: mentions matched to the right node (of the expected entities and the other mentions proposed)',
      value: pct(right.length, mentions),
      target: '≥ 95 %',
      met: mentions > 0 && right.length / mentions >= 0.95,
    });
  }
  const honorees = at('05-');
  if (honorees >= 0) {
    const m = scores[honorees].shares.matches;
    const k = scores[honorees].kinds;
    const found = k.organizations.matched + k.people.matched + k.honors.matched + k.programs.matched;
    const expected = k.organizations.expected + k.people.expected + k.honors.expected + k.programs.expected;
    targets.push({
      what: '05, seeded graph: `matches` right (of the entities found)',
      value: `${pct(m.right, m.of)}; ${found} of ${expected} expected entities found`,
      target: '≥ 95 %',
      met: m.of > 0 && m.right / m.of >= 0.95,
    });
  }
  const linhe = at('04-');
  if (linhe >= 0) {
    const a = analyses[linhe];
    const short = a.extraction.entities.filter((e) => e.written.some((w) => normalizeName(w) === '市妇联'));
    const wrong = short.filter((e) => a.matches.find((m) => m.key === e.key)?.match?.id === 'org-huainan-wf');
    targets.push({
      what: "04, seeded graph: 市妇联 (another city's) does not resolve to org-huainan-wf",
      value: short.length === 0 ? '市妇联 not extracted' : wrong.length ? `resolves to org-huainan-wf (${wrong.length} of ${short.length})` : `not (${short.length} mention${short.length > 1 ? 's' : ''})`,
      target: 'not org-huainan-wf',
      met: short.length > 0 && wrong.length === 0,
    });
  }
  return targets;
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

/**
 * Read + analyze (the stages of pipeline.ts, each timed) of a ≥ 10,000-character document made
 * of the eval documents and the seed article.
 */
async function timeProposing(cases: Case[], gazetteer: Gazetteer, runs: number) {
  const parts = cases.map((c) => c.bytes.toString('utf8'));
  let text = '';
  for (let i = 0; text.length < SPEED_CHARS; i++) text += `${parts[i % parts.length]}\n`;
  const bytes = Buffer.from(text, 'utf8');
  const stages = { read: [] as number[], extractEntities: [] as number[], extractProgramsAndFigures: [] as number[], matchMentions: [] as number[] };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const document = await readDocument({ bytes, fileName: 'speed.txt' });
    const t1 = performance.now();
    const entities = extractEntities(document, gazetteer);
    const t2 = performance.now();
    const extraction = extractProgramsAndFigures(document, entities, gazetteer);
    const t3 = performance.now();
    matchMentions(document, extraction, gazetteer);
    const t4 = performance.now();
    stages.read.push(t1 - t0);
    stages.extractEntities.push(t2 - t1);
    stages.extractProgramsAndFigures.push(t3 - t2);
    stages.matchMentions.push(t4 - t3);
    times.push(t4 - t0);
  }
  const stageMedians = Object.entries(stages).map(([stage, xs]) => `${stage} ${median(xs).toFixed(1)} ms`).join(', ');
  return { chars: text.length, runs, first: times[0], median: median(times), max: Math.max(...times), stageMedians };
}

function commit(): string {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'eval/ingest'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${hash} (with uncommitted changes in src/ or eval/ingest/)` : hash;
  } catch {
    return 'unknown';
  }
}

function perDocument(scores: DocumentScore[], withTargets: (s: DocumentScore) => boolean): string {
  return scores.map((s) => [`### ${s.document}`, '', kindTable(s.kinds, withTargets(s) ? TARGET_KINDS : {}), '', sharesTable(s.shares), ''].join('\n')).join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const noDb = argv.includes('--no-db');
  const runsArg = argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(argv[runsArg + 1]) : 7;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a whole number ≥ 1');

  const cases = loadCases();
  const emptyAnalyses: Analysis[] = [];
  for (const c of cases) {
    progress(`${c.name}: read and analyze, empty gazetteer`);
    emptyAnalyses.push(await analyzeCase(c, EMPTY, 'empty gazetteer'));
  }
  const empty = cases.map((c, i) => scoreAnalysis(c.expected, emptyAnalyses[i], { graph: 'empty' }));
  const isSeed = (s: DocumentScore) => s.document.startsWith('000_');
  const isHeldOut = (s: DocumentScore) => HELD_OUT.some((name) => s.document.startsWith(`${name}-`));
  const targets: Target[] = empty.filter(isSeed).flatMap(seedTargets);

  const sections: string[] = [
    '## Into an empty graph (empty gazetteer)',
    '',
    'Per document; the seed article carries the targets of issue 15 (precision and recall ≥ 0.9). "optional found": facts the seed marks inferred, not required, found.',
    '',
    perDocument(empty, isSeed),
    summedSection('Summed over the set (empty graph)', sumScores(empty)),
    `The rules were written against the seed article and 01–06, then against the failures of 07 and 08 (held out until then). ${HELD_OUT.join(' and ')} were written afterwards by someone who never ran the extractor, and no rule has been tuned on them: their sum is the estimate of how the rules do on a document nobody has seen.`,
    '',
    summedSection('Summed over the development set (the seed article, 01–08; empty graph)', sumScores(empty.filter((s) => !isHeldOut(s)))),
    summedSection(`Summed over the held-out documents (${HELD_OUT.join(', ')}; empty graph)`, sumScores(empty.filter(isHeldOut))),
  ];

  let speed: Awaited<ReturnType<typeof timeProposing>>;
  let seededNote = '';
  if (noDb) {
    progress(`timing read + analyze of a ≥ ${SPEED_CHARS}-character document (${runs} runs, empty gazetteer)`);
    speed = await timeProposing(cases, EMPTY, runs);
  } else {
    const seeded = await seedGazetteer(ROOT, progress);
    seededNote = seeded.source;
    try {
      const analyses: Analysis[] = [];
      for (const c of cases) {
        progress(`${c.name}: read and analyze, seeded gazetteer`);
        analyses.push(await analyzeCase(c, seeded.gazetteer, 'seeded gazetteer'));
      }
      const scores = cases.map((c, i) => scoreAnalysis(c.expected, analyses[i], { graph: 'seeded' }));
      targets.push(...seededTargets(cases, analyses, scores));
      progress(`timing read + analyze + match of a ≥ ${SPEED_CHARS}-character document (${runs} runs, seeded gazetteer)`);
      speed = await timeProposing(cases, seeded.gazetteer, runs);
      sections.push(
        '## Into the seeded graph',
        '',
        `Gazetteer: ${seeded.source}. Precision/recall summed over the set, and the matching rate per document.`,
        '',
        kindTable(sumScores(scores).kinds),
        '',
        '| document | `matches` right |',
        '|---|---:|',
        ...scores.map((s) => `| ${s.document} | ${pct(s.shares.matches.right, s.shares.matches.of)} |`),
        '',
        '### Where matching fails (seeded graph)',
        '',
        ...scores.flatMap((s, i) => {
          const names = new Map(analyses[i].extraction.entities.map((e) => [e.key, e.name]));
          const paired = new Set(s.entities.map((p) => p.proposedKey));
          const unpaired = analyses[i].matches.filter((m) => !paired.has(m.key)).map((m) => `${names.get(m.key)}: ${m.status}${m.match ? ` ${m.match.id}` : ''} (not an expected entity)`);
          const wrong = [...s.shares.matches.wrong, ...unpaired];
          return wrong.length ? [`${s.document}:`, '', ...wrong.map((w) => `- ${w}`), ''] : [];
        }),
      );
    } finally {
      await seeded.close();
    }
  }
  targets.push({ what: `speed: proposing for a ${speed.chars}-character document (median of ${speed.runs})`, value: `${speed.median.toFixed(1)} ms`, target: '< 1000 ms', met: speed.median < 1000 });

  const met = targets.filter((t) => t.met).length;
  const report = [
    '# Ingest evaluation',
    '',
    `Generated by \`npm run ingest:eval${noDb ? ' -- --no-db' : ''}\` (eval/ingest/run.ts) on ${new Date().toISOString().slice(0, 10)} at commit ${commit()}; do not edit by hand.`,
    `The set: ${cases.map((c) => c.name).join(', ')}; format and scoring in eval/ingest/README.md.`,
    '',
    '## Targets',
    '',
    targetsTable(targets),
    '',
    `${met} of ${targets.length} targets met.`,
    '',
    ...(failed.length ? ['**The analysis failed on** (scored as proposing nothing):', '', ...failed.map((f) => `- ${f}`), ''] : []),
    ...sections,
    '## Speed',
    '',
    `Read + analyze${noDb ? '' : ' + match with the seeded gazetteer'} of one ${speed.chars}-character document made of the evaluation documents and the seed article, ${speed.runs} runs in one process: median ${speed.median.toFixed(1)} ms, max ${speed.max.toFixed(1)} ms (the first, cold, ${speed.first.toFixed(1)} ms); medians by stage: ${speed.stageMedians}. A bench figure of this machine, not a test.`,
    '',
    '## Where it fails (empty graph)',
    '',
    failures(empty),
  ].join('\n');

  process.stdout.write(`${report}\n`);
  if (!noDb) {
    fs.writeFileSync(REPORT, `${report.trimEnd()}\n`);
    progress(`wrote ${path.relative(ROOT, REPORT)}`);
  }
  progress(`${met} of ${targets.length} targets met:`);
  for (const t of targets) progress(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.what}: ${t.value} (wanted ${t.target})`);
  if (seededNote) progress(`seeded gazetteer: ${seededNote}`);
}

main().catch((error) => {
  progress(`failed: ${error?.stack ?? error}`);
  process.exit(1);
});
