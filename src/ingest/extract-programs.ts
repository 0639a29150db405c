import { ProgramKind } from '../api/program-kind';
import { normalizeName } from '../text/normalize';
import { readFigures } from './figures';
import {
  EntityMention,
  Extraction,
  FigureFact,
  Gazetteer,
  IngestDocument,
  ProgramLinkFact,
  Span,
} from './ingest.model';
import { findProgramNames, ProgramName } from './program-names';

/**
 * Programs (campaigns, activities, contests, classes, stations, columns, agreements, projects) with
 * their organizers and partners, and figures, added to an extraction that holds the document's
 * organizations, people and honors (extractEntities). Deterministic rules, each named in the
 * evidence of what it found (docs/ingest-programs.md):
 *
 * - programs: program-names.ts (quoted or 《》 names, names ending in a program word), and the
 *   gazetteer's program names and aliases;
 * - organizer: the sentence's subject organization (市妇联…开展; 由…实施; …主办); with no subject, the
 *   document's issuer, `stated: false`;
 * - partners: 联合/会同/携手/联动/对接 X、Y, 与 X (共同/签署…), X协办, X承办; 承办 ORG《P》 makes ORG the
 *   organizer and the subject its partner;
 * - figures: figures.ts, each credited to the honor it is awarded with, the program of its clause,
 *   the campaign the sentence is about, or else the sentence's organization.
 */
export function extractProgramsAndFigures(document: IngestDocument, extraction: Extraction, gazetteer: Gazetteer): Extraction {
  return new ProgramExtractor(document, extraction, gazetteer).run();
}

interface Sentence {
  start: number;
  end: number;
  clauses: { start: number; end: number }[];
}

interface Located {
  mention: EntityMention;
  start: number;
  end: number;
}

interface FoundProgram extends ProgramName {
  /** Absolute offsets. */
  absStart: number;
  absEnd: number;
  mention: EntityMention;
}

/** Leading time phrases and adverbs before a clause's subject. */
const LEAD =
  /^(?:\s|<[^>]*>|[-*#>•·]|去年以来|今年以来|近年来|近年|\d+年来|[一二两三四五六七八九十]+年来|去年|今年|全年|年内|目前|同时|此外|另外|其中|截至目前|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|\d{1,2}月)+/u;
const SUBJECT_MARK = /^(由|依托|经)/u;
/** A post after an organization: the organization is a person's unit, not the subject. */
const POST_AFTER = /^(主席|副主席|书记|副书记|主任|副主任|局长|副局长|会长|副会长|院长|副院长|校长|副校长|部长|理事长|秘书长|记者|执委|干部|党委书记|负责人|工作人员|志愿者|医护)/u;
const WITH_PARTNER = /^(共同|联合|一起|携手|成功签署|签署|签订|合作|联手)/u;
const FUTURE = /(将(于|在|要|把|与|和|同|加入|推动|继续|进一步|开展|举办|启动|实施|组织)|下一步|力争|拟于|即将|计划于)/u;
const ORG_SUFFIX =
  /(人民政府|委员会|联合会|总会|协会|学会|商会|联盟|银行|分行|支行|集团|公司|中心|党委|机关|组织部|宣传部|统战部|局|委|办|院|所|校|社区|妇联|工会|团委|医院|大学|学院)$/u;
/** Verbs before a counted noun (开展…活动600余场次, 发放…贷款3200万元). */
const COUNTING_VERB =
  /(开展|举办|举行|组织|实施|建成|建立|成立|发放|招募|组建|选树|打造|覆盖|服务|资助|救助|惠及|吸引|收集|解决|培训|参加|累计|共|了|利用|介绍|排查出|化解)/gu;
const MEDIA = /(日报|晚报|报社|电视台|广播电视台|融媒体中心|新闻网|新闻中心)$/u;
const YEAR_STATED = /(\d{4})年(?!以来|度以来|来)/gu;
const RELATIVE_YEAR = /(今年|全年|年内|本年度|本年|\d{1,2}月\d{1,2}日)/u;

class ProgramExtractor {
  private readonly text: string;
  private readonly programs = new Map<string, EntityMention>();
  private readonly links: ProgramLinkFact[] = [];
  private readonly figures: FigureFact[] = [];
  private readonly addedOrganizations: EntityMention[] = [];
  /** The extraction's mentions, copied: spans and forms this stage adds (女企协 for 市女企协) leave the input as it was. */
  private readonly entities: EntityMention[];
  private nextKey: number;
  private programKeys: { name: string; kind: ProgramKind; keys: string[] }[] | undefined;
  private located: Located[] | null = null;
  private issuer: { key: string | null; evidence: string } | undefined;

  constructor(
    private readonly document: IngestDocument,
    private readonly extraction: Extraction,
    private readonly gazetteer: Gazetteer,
  ) {
    this.text = document.text;
    this.entities = extraction.entities.map((e) => ({ ...e, written: [...e.written], spans: [...e.spans] }));
    const numbers = extraction.entities.map((e) => Number(/(\d+)$/.exec(e.key)?.[1] ?? 0));
    this.nextKey = Math.max(0, ...numbers) + 1;
  }

  run(): Extraction {
    const all: FoundProgram[] = [];
    const sentences = this.sentences();
    // Future intentions (将于…举办, 下一步将…) propose nothing.
    const programsBySentence = sentences.map((s) => (FUTURE.test(this.text.slice(s.start, s.end)) ? [] : this.programsIn(s)));
    for (const found of programsBySentence) all.push(...found);
    sentences.forEach((sentence, i) => {
      if (FUTURE.test(this.text.slice(sentence.start, sentence.end))) return;
      this.readSentence(sentence, programsBySentence[i]);
    });
    return {
      ...this.extraction,
      entities: [...this.entities, ...this.addedOrganizations, ...this.programs.values()],
      programLinks: [...this.extraction.programLinks, ...this.statedOverInferred()],
      figures: [...this.extraction.figures, ...this.dedupedFigures()],
    };
  }

  // ---- sentences and mentions ---------------------------------------------------------------

  /**
   * Sentences end at 。, a line's end or an ellipsis, and at ！？； (or !?;) outside quotes: inside a
   * quotation an exclamation is followed by its closing quote, and damage leaves ! for a lost one.
   */
  private sentences(): Sentence[] {
    const out: Sentence[] = [];
    const text = this.text;
    let start = 0;
    let quoted = 0;
    const close = (end: number) => {
      if (text.slice(start, end).trim()) out.push({ start, end, clauses: this.clauses(start, end) });
      start = end + 1;
      quoted = 0;
    };
    for (let i = 0; i < text.length; i += 1) {
      const ch = text[i];
      if ('“《「『'.includes(ch)) quoted += 1;
      else if ('”》」』'.includes(ch)) quoted = Math.max(0, quoted - 1);
      else if ('。\n…'.includes(ch) || (quoted === 0 && '！？；!?;'.includes(ch))) close(i);
    }
    close(text.length);
    return out;
  }

  /** Clauses: split at commas and colons outside quotes and parentheses. */
  private clauses(start: number, end: number): { start: number; end: number }[] {
    const clauses: { start: number; end: number }[] = [];
    let at = start;
    let depth = 0;
    for (let i = start; i < end; i += 1) {
      const ch = this.text[i];
      if ('“《「(（'.includes(ch)) depth += 1;
      else if ('”》」)）'.includes(ch)) depth = Math.max(0, depth - 1);
      else if (depth === 0 && '，,：:'.includes(ch)) {
        clauses.push({ start: at, end: i });
        at = i + 1;
      }
    }
    clauses.push({ start: at, end });
    return clauses.filter((c) => c.end > c.start);
  }

  private mentionsIn(start: number, end: number, kinds: string[]): Located[] {
    const all = this.allSpans();
    // The first span starting at or after `start` (spans are sorted by start).
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid].start < start) lo = mid + 1;
      else hi = mid;
    }
    const out: Located[] = [];
    for (let i = lo; i < all.length && all[i].start < end; i += 1) {
      if (all[i].end <= end && kinds.includes(all[i].mention.kind)) out.push(all[i]);
    }
    // A name inside a longer one (三八红旗手 in 青源市三八红旗手, 市妇联 in 市妇联宣讲团) is the longer one's part.
    return out.filter((m) => !out.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start));
  }

  /** Every span of every mention, sorted; rebuilt after a mention or span is added. */
  private allSpans(): Located[] {
    if (!this.located) {
      this.located = [...this.entities, ...this.addedOrganizations, ...this.programs.values()]
        .flatMap((mention) => mention.spans.map((span) => ({ mention, start: span.start, end: span.end })))
        .sort((a, b) => a.start - b.start || b.end - a.end);
    }
    return this.located;
  }

  private span(start: number, end: number): Span {
    return { start, end, locator: this.locator(start) };
  }

  private locator(offset: number): string {
    const line = this.document.lines.find((l) => offset >= l.start && offset <= l.end);
    return line?.locator ?? '¶?';
  }

  private placePrefixes(): string[] {
    const out = new Set<string>();
    const add = (place: string | null | undefined) => {
      if (!place) return;
      out.add(place);
      const stem = place.replace(/(省|市|县|区)$/u, '');
      if (stem.length >= 2) out.add(stem);
    };
    add(this.extraction.context.place);
    for (const e of this.entities) {
      if (e.kind !== 'ORGANIZATION') continue;
      const m = /^(\p{Script=Han}{2,3}?(?:省|市|县|区))/u.exec(e.name);
      if (m && !/^(全|本)/u.test(m[1])) add(m[1]);
    }
    return [...out];
  }

  // ---- programs ------------------------------------------------------------------------------

  private programsIn(sentence: Sentence): FoundProgram[] {
    const text = this.text.slice(sentence.start, sentence.end);
    const blocked = this.mentionsIn(sentence.start, sentence.end, ['ORGANIZATION', 'HONOR', 'PERSON']).map((m) => ({
      start: m.start - sentence.start,
      end: m.end - sentence.start,
    }));
    const names: (ProgramName & { gazetteer?: boolean })[] = findProgramNames(text, { blocked, placePrefixes: this.placePrefixes() });
    for (const known of this.gazetteerPrograms(text)) {
      if (names.some((n) => known.start < n.end && n.start < known.end)) continue;
      if (blocked.some((b) => known.start < b.end && b.start < known.end)) continue;
      names.push(known);
    }
    names.sort((a, b) => a.start - b.start);
    return names.map((n) => {
      const absStart = sentence.start + n.start;
      const absEnd = sentence.start + n.end;
      const mention = this.programMention(n, absStart, absEnd, text);
      return { ...n, absStart, absEnd, mention };
    });
  }

  /** Program names and aliases of the graph written in the sentence (4 characters or more). */
  private gazetteerPrograms(text: string): ProgramName[] {
    const out: ProgramName[] = [];
    for (const { name, kind, keys } of this.gazetteerKeys()) {
      for (const key of keys) {
        const at = text.indexOf(key);
        if (at < 0) continue;
        out.push({ start: at, end: at + key.length, name, written: key, kind, quoted: false, counted: false, theme: null, evidence: ['gazetteer'] });
        break;
      }
    }
    return out;
  }

  /** The graph's programs with their names and aliases normalized, once per extraction (the repaired text is simplified). */
  private gazetteerKeys(): { name: string; kind: ProgramKind; keys: string[] }[] {
    this.programKeys ??= this.gazetteer.entries
      .filter((entry) => entry.type === 'Program')
      .map((entry) => ({
        name: normalizeName(entry.name),
        kind: (entry.kind as ProgramKind | null) ?? ProgramKind.EVENT,
        keys: [...new Set([entry.name, ...entry.aliases, ...entry.contextAliases.map((c) => c.alias)].map(normalizeName))].filter((k) => k.length >= 4),
      }));
    return this.programKeys;
  }

  private programMention(n: ProgramName, start: number, end: number, sentenceText: string): EntityMention {
    let mention = this.programs.get(n.name);
    if (!mention) {
      const year = this.programYear(n, sentenceText);
      mention = {
        key: `e${this.nextKey++}`,
        kind: 'PROGRAM',
        name: n.name,
        written: [],
        spans: [],
        programKind: n.kind,
        year: year.year,
        fields: { stated: ['name', ...(year.stated ? ['year'] : [])], inferred: ['kind', ...(year.year !== null && !year.stated ? ['year'] : [])] },
        evidence: [...n.evidence, ...(year.note ? [year.note] : [])],
      };
      this.programs.set(n.name, mention);
      this.located = null;
    }
    if (!mention.written.includes(n.written)) mention.written.push(n.written);
    if (n.theme && !mention.written.includes(n.theme)) mention.written.push(n.theme);
    if (!mention.spans.some((s) => s.start === start)) {
      mention.spans.push(this.span(start, end));
      this.located = null;
    }
    return mention;
  }

  private programYear(n: ProgramName, sentenceText: string): { year: number | null; stated: boolean; note: string | null } {
    const inName = /(\d{4})年/u.exec(n.written);
    if (inName) return { year: Number(inName[1]), stated: true, note: 'year:in-name' };
    const before = sentenceText.slice(0, n.start);
    const stated = [...before.matchAll(YEAR_STATED)].pop();
    if (stated) return { year: Number(stated[1]), stated: true, note: 'year:stated' };
    if (RELATIVE_YEAR.test(sentenceText)) {
      const context = this.extraction.context;
      const year = context.year ?? (context.date ? Number(context.date.slice(0, 4)) : null);
      if (year !== null) return { year, stated: false, note: 'year:document-context' };
    }
    return { year: null, stated: false, note: null };
  }

  // ---- organizers, partners, figures -----------------------------------------------------------

  private issuerKey(): { key: string | null; evidence: string } {
    if (this.issuer) return this.issuer;
    const stated = this.extraction.context.issuerKey;
    const statedName = this.entities.find((e) => e.key === stated)?.name ?? '';
    // A news item's publisher (its dateline's 日报, 电视台…) reports; it runs nothing of what it reports.
    if (stated && !MEDIA.test(statedName)) this.issuer = { key: stated, evidence: 'organizer:issuer' };
    else {
      // No issuer read (or only the publisher): the organization the document names most often is taken as its author.
      const orgs = this.entities.filter((e) => e.kind === 'ORGANIZATION' && !MEDIA.test(e.name));
      const best = orgs.reduce<EntityMention | null>((a, b) => (a === null || b.spans.length > a.spans.length ? b : a), null);
      this.issuer = { key: best?.key ?? null, evidence: 'organizer:most-named-organization' };
    }
    return this.issuer;
  }

  /** The clause's subject: an organization at its start (after time phrases), 由/依托 X, or a back-reference (工作室…, 本次议事会…). */
  private subjectOf(clause: { start: number; end: number }): Located | null {
    const text = this.text.slice(clause.start, clause.end);
    let at = LEAD.exec(text)?.[0].length ?? 0;
    const mark = SUBJECT_MARK.exec(text.slice(at));
    if (mark) at += mark[0].length;
    const orgs = this.mentionsIn(clause.start, clause.end, ['ORGANIZATION']);
    const first = orgs.find((o) => o.start === clause.start + at);
    if (first) {
      if (POST_AFTER.test(this.text.slice(first.end, clause.end))) return null;
      // A news item's dateline (某某日报讯（记者 …）) names its publisher, not who acts.
      if (/^[*\s]*讯/u.test(this.text.slice(first.end, clause.end))) return null;
      return first;
    }
    return this.backReference(clause.start + at, clause.end);
  }

  /** 工作室开展…, 本次议事会收集…: a category word that ends the name of an entity named before. */
  private backReference(at: number, end: number): Located | null {
    const rest = this.text.slice(at, end);
    const lead = /^(本次|此次|该|这个|这次)/u.exec(rest)?.[0] ?? '';
    const candidates = [...this.entities.filter((e) => e.kind === 'ORGANIZATION'), ...this.addedOrganizations, ...this.programs.values()]
      .map((mention) => ({ mention, before: mention.spans.filter((s) => s.end <= at).pop() }))
      .filter((c) => c.before !== undefined)
      .sort((a, b) => b.before!.end - a.before!.end);
    for (const { mention } of candidates) {
      for (let len = Math.min(5, mention.name.length - 1); len >= 2; len -= 1) {
        const suffix = mention.name.slice(-len);
        if (len < 3 && !lead) continue;
        if (rest.startsWith(lead + suffix)) return { mention, start: at, end: at + lead.length + len };
      }
    }
    return null;
  }

  private readSentence(sentence: Sentence, programs: FoundProgram[]): void {
    const subjects = sentence.clauses.map((c) => this.subjectOf(c));
    const firstSubject = subjects.find((s) => s !== null) ?? null;
    const partnersByClause = sentence.clauses.map((c, i) => this.partnersOf(c, subjects[i] ?? firstSubject));
    const firstPartners = partnersByClause.find((p) => p.partners.length > 0) ?? null;

    let subject: Located | null = null;
    let partners: Partners | null = null;
    let topic: FoundProgram | null = null;
    let topicCleared = false;
    const firstProgram = programs[0] ?? null;
    const sentenceYears = (upTo: number) => [...this.text.slice(sentence.start, upTo).matchAll(YEAR_STATED)].pop();

    const sentenceFigures = readFigures(this.text.slice(sentence.start, sentence.end));
    sentence.clauses.forEach((clause, i) => {
      if (subjects[i]) {
        if (subject && subjects[i]!.mention.key !== subject.mention.key) partners = null;
        subject = subjects[i];
      }
      if (partnersByClause[i].partners.length > 0 || partnersByClause[i].organizer) partners = partnersByClause[i];
      const inClause = programs.filter((p) => p.absStart >= clause.start && p.absEnd <= clause.end);
      // 推进会由X主办、Y承办: a program named before, referred back to, with its organizers in this sentence.
      const ref = subjects[i];
      if (ref && ref.mention.kind === 'PROGRAM' && programs.length === 0 && (partnersByClause[i].organizer || partnersByClause[i].partners.length > 0)) {
        this.linkBackReferenced(ref, partnersByClause[i]);
      }
      const organizerSubject = subject ?? firstSubject;
      const clausePartners = partners ?? firstPartners;
      for (const p of inClause) this.linkProgram(p, organizerSubject, clausePartners, clause, subject !== null || firstSubject !== null);

      // Figures of the clause.
      const offset = clause.start - sentence.start;
      const readings = sentenceFigures.filter((r) => r.start >= offset && r.end <= offset + clause.end - clause.start);
      for (const r of readings) {
        const absStart = sentence.start + r.start;
        const absEnd = sentence.start + r.end;
        if (programs.some((p) => absStart < p.absEnd && p.absStart < absEnd)) continue;
        if (this.mentionsIn(absStart, absEnd, ['ORGANIZATION', 'HONOR', 'PERSON']).length > 0) continue;
        if (this.insideMention(absStart, absEnd)) continue;
        const orgSubject: Located | null = subject ?? firstSubject;
        const orgKey = orgSubject ? orgSubject.mention.key : this.issuerKey().key;
        const orgEvidence = orgSubject ? 'subject:sentence' : this.issuerKey().evidence;
        let subjectKey: string | null;
        let evidence: string;
        const honor = this.honorFor(clause, absStart, absEnd);
        const counted = this.countedBefore(clause.start, absStart);
        if (honor) {
          subjectKey = honor.key;
          evidence = 'subject:honor';
        } else if (inClause.length === 1) {
          subjectKey = inClause[0].mention.key;
          evidence = 'subject:program-in-clause';
        } else if (inClause.length > 1) {
          if (firstProgram && !inClause.includes(firstProgram)) {
            subjectKey = firstProgram.mention.key;
            evidence = 'subject:sentence-program';
          } else {
            subjectKey = orgKey;
            evidence = orgEvidence;
          }
        } else if (topic && !topicCleared && (!this.isActivity(r.unit, counted) || this.activityOf(topic, counted))) {
          subjectKey = topic.mention.key;
          evidence = 'subject:sentence-topic';
        } else {
          subjectKey = orgKey;
          evidence = orgEvidence;
          if (topic && this.isActivity(r.unit, counted)) topicCleared = true;
        }
        const year = sentenceYears(absStart);
        this.figures.push({
          value: r.value,
          unit: r.unit,
          approximate: r.approximate,
          label: r.label,
          counts: this.countsOf(clause, absStart, absEnd, counted, inClause),
          subjectKey,
          year: year ? Number(year[1]) : null,
          span: this.span(absStart, absEnd),
          evidence: ['figure:' + r.unitWord, ...(r.approximate ? ['figure:approximate'] : []), evidence],
        });
      }
      if (inClause.length === 1) {
        topic = inClause[0];
        topicCleared = false;
      } else if (inClause.length > 1) {
        topic = null;
      }
    });
  }

  /** Whether [start, end) lies inside a program name or an entity's name (1+10+N, 三八红旗手). */
  private insideMention(start: number, end: number): boolean {
    return [...this.entities, ...this.programs.values()].some((m) => m.spans.some((s) => start >= s.start && end <= s.end));
  }

  /** The words right before a figure, back to the clause's last verb (培训学员, 走访排查, 家庭教育讲座). */
  private countedBefore(clauseStart: number, at: number): string {
    const before = this.text.slice(clauseStart, at).replace(/^.*[、“”《》]/u, '');
    let cut = 0;
    // The last verb that leaves a noun of two characters or more (发放救助金 → 救助金, not 金).
    for (const m of before.matchAll(COUNTING_VERB)) {
      const at = (m.index ?? 0) + m[0].length;
      if (before.length - at >= 2) cut = Math.max(cut, at);
    }
    return before.slice(cut).replace(LEAD, '').trim();
  }

  /** Whether a figure counts activities (场次, 期, 次, or a noun ending in a program word). */
  private isActivity(unit: string, counted: string): boolean {
    if (unit === 'event' || unit === 'session' || unit === 'visit') return true;
    return /(活动|培训|讲座|项目|排查|宣讲|义诊|招聘会|报告会)$/u.test(counted);
  }

  /** Whether the counted activities are the topic program's own: a campaign's, or sharing its head word (排查 of …纠纷排查). */
  private activityOf(topic: FoundProgram, counted: string): boolean {
    if (topic.kind === ProgramKind.CAMPAIGN) return true;
    // What a standing service (a loan, a fund) supports is its own tally (支持女性创业项目近600个).
    if (topic.kind === ProgramKind.SERVICE && /^(支持|扶持|资助|帮扶|惠及)/u.test(counted)) return true;
    // The activity word the tally counts (培训, 排查, 讲座…) written in the program's own name.
    const word = /(排查|培训|讲座|宣讲|活动|服务|义诊|课|会)$/u.exec(counted)?.[1];
    return word !== undefined && topic.name.includes(word);
  }

  /** What a figure counts, as written: the noun after it (8名同志, 100余名女企业家参加), else the words before it (培训学员1200余人). */
  private countsOf(clause: { start: number; end: number }, start: number, end: number, counted: string, programs: FoundProgram[]): string {
    const rest = this.text.slice(end, clause.end);
    const after = /^\p{Script=Han}{1,8}?(?=参加|参与|参赛|获奖|就业|[与和及等的在为]|[^\p{Script=Han}]|$)/u.exec(rest)?.[0];
    if (after) return after;
    // A program right before the figure is what it counts (巾帼家政培训班12期).
    const program = programs.find((p) => p.absEnd === start);
    if (program) return program.written;
    return counted || (/^[\p{Script=Han}\d]{2,20}?(?=参加|参与|[，,。；]|$)/u.exec(rest)?.[0] ?? '');
  }

  /** 授予…等8名同志“…”称号, 命名以下6名同志为“…”: the honor after the figure in its clause; （8名） right after an honor. */
  private honorFor(clause: { start: number; end: number }, start: number, end: number): EntityMention | null {
    const honors = this.mentionsIn(clause.start, clause.end, ['HONOR']);
    const after = honors.find((h) => h.start >= end);
    if (after) return after.mention;
    const before = honors.filter((h) => h.end <= start).pop();
    if (before && /^[（(]$/u.test(this.text.slice(before.end, start))) return before.mention;
    return null;
  }

  // ---- links ----------------------------------------------------------------------------------

  private linkProgram(p: FoundProgram, subject: Located | null, partners: Partners | null, clause: { start: number; end: number }, hasSubject: boolean): void {
    const span = this.span(p.absStart, p.absEnd);
    // 承办 ORG《P》: ORG runs the program, the clause's subject (or the issuer) hosts it.
    const host = this.hostedBy(p, clause);
    let organizer: { key: string; stated: boolean; evidence: string } | null = null;
    if (host) organizer = { key: host.mention.key, stated: true, evidence: 'organizer:承办-owner' };
    else if (partners?.organizer) organizer = { key: partners.organizer.mention.key, stated: true, evidence: 'organizer:主办' };
    else if (subject && subject.mention.kind === 'ORGANIZATION') organizer = { key: subject.mention.key, stated: true, evidence: 'organizer:subject' };
    else if (!hasSubject || (subject && subject.mention.kind !== 'ORGANIZATION')) {
      const issuer = this.issuerKey();
      if (issuer.key) organizer = { key: issuer.key, stated: false, evidence: issuer.evidence };
    }
    if (organizer) this.addLink(p.mention.key, organizer.key, 'ORGANIZER', organizer.stated, span, [organizer.evidence, ...p.evidence]);
    if (host) {
      const hostKey = subject?.mention.kind === 'ORGANIZATION' ? subject.mention.key : this.issuerKey().key;
      if (hostKey) this.addLink(p.mention.key, hostKey, 'PARTNER', subject !== null, span, ['partner:承办']);
    }
    for (const partner of partners?.partners ?? []) {
      if (organizer && partner.located.mention.key === organizer.key) continue;
      this.addLink(p.mention.key, partner.located.mention.key, 'PARTNER', true, span, [partner.evidence]);
    }
  }

  /** The organizer (主办) and partners a sentence gives for a program it refers back to. */
  private linkBackReferenced(ref: Located, partners: Partners): void {
    const span = this.span(ref.start, ref.end);
    const key = ref.mention.key;
    if (partners.organizer) this.addLink(key, partners.organizer.mention.key, 'ORGANIZER', true, span, ['organizer:主办', 'program:back-reference']);
    for (const partner of partners.partners) {
      if (partners.organizer && partner.located.mention.key === partners.organizer.mention.key) continue;
      this.addLink(key, partner.located.mention.key, 'PARTNER', true, span, [partner.evidence, 'program:back-reference']);
    }
  }

  private hostedBy(p: FoundProgram, clause: { start: number; end: number }): Located | null {
    const orgs = this.mentionsIn(clause.start, p.absStart, ['ORGANIZATION']);
    const last = orgs.pop();
    if (!last || last.end !== p.absStart) return null;
    return /承办$/u.test(this.text.slice(clause.start, last.start)) ? last : null;
  }

  private addLink(programKey: string, organizationKey: string, role: 'ORGANIZER' | 'PARTNER', stated: boolean, span: Span, evidence: string[]): void {
    const same = this.links.findIndex((l) => l.programKey === programKey && l.organizationKey === organizationKey);
    // A link the text states replaces the same one inferred before (the issuer taken for a subjectless sentence).
    if (same >= 0 && stated && !this.links[same].stated && this.links[same].role === role) this.links.splice(same, 1);
    else if (same >= 0) return;
    this.links.push({ programKey, organizationKey, role, stated, span, evidence });
  }

  /** The partners a clause names, and an organizer it names with 主办. */
  private partnersOf(clause: { start: number; end: number }, subject: Located | null): Partners {
    const out: Partners = { partners: [], organizer: null };
    const orgs = this.mentionsIn(clause.start, clause.end, ['ORGANIZATION']);
    const seen = new Set<string>();
    const push = (located: Located, evidence: string, evenSubject = false) => {
      if (!evenSubject && subject && located.mention.key === subject.mention.key) return;
      if (seen.has(located.mention.key)) return;
      seen.add(located.mention.key);
      out.partners.push({ located, evidence });
    };
    // 联合/会同/携手 X、Y…
    const text = this.text;
    for (const m of text.slice(clause.start, clause.end).matchAll(/(联合|会同|携手|联动|协同|对接|邀请)/gu)) {
      let at = clause.start + (m.index ?? 0) + m[0].length;
      // 联合 inside a name (妇女联合会) is no verb.
      if (orgs.some((o) => o.start < at && at - m[0].length < o.end)) continue;
      const evidence = 'partner:' + m[0];
      for (;;) {
        const org = orgs.find((o) => o.start === at) ?? this.partnerBySuffix(at, clause.end);
        // An item that names no organization (人社、…) is passed over; the list goes on after 、.
        const skipped = org ? null : /^[\p{Script=Han}]{1,8}?(?=、)/u.exec(text.slice(at, clause.end));
        if (!org && !skipped) break;
        if (org) push(org, evidence);
        at = org ? org.end : at + skipped![0].length;
        const sep = /^(、|和|及|以及)/u.exec(text.slice(at, clause.end));
        if (!sep) break;
        at += sep[0].length;
      }
    }
    // 与 X 共同/签署…; X 与 Y 联合开设 (X the subject).
    for (const m of text.slice(clause.start, clause.end).matchAll(/与/gu)) {
      const at = clause.start + (m.index ?? 0) + 1;
      const org = orgs.find((o) => o.start === at) ?? this.partnerBySuffix(at, clause.end);
      if (!org) continue;
      const rest = text.slice(org.end, clause.end);
      if (WITH_PARTNER.test(rest) || /^(签|合|共|联|携|一)/u.test(rest) || /^[^，,]*(签订|签署|开设|举办|开展)/u.test(rest)) push(org, 'partner:与');
    }
    // X协办 / X承办 / X主办.
    const guides: Located[] = [];
    let host: Located | null = null;
    for (const org of orgs) {
      const after = text.slice(org.end, clause.end);
      if (/^主办/u.test(after)) out.organizer = org;
      else if (/^指导/u.test(after)) guides.push(org);
      else if (/^承办/u.test(after)) host = org;
      else if (/^(协办|参与|支持)/u.test(after)) push(org, 'partner:' + after.slice(0, 2));
    }
    // X主办、Y承办: Y hosts for X. X指导、Y承办 (no 主办): Y runs it, X guides it as a partner.
    if (host && !out.organizer && guides.length > 0) {
      out.organizer = host;
      // 由X指导、Y承办: X, the subject after 由, guides; Y runs it.
      for (const g of guides) push(g, 'partner:指导', true);
    } else if (host) push(host, 'partner:承办');
    return out;
  }

  /** A partner the entity extractor missed, read by its organization suffix (…局, …协会, …银行). */
  private partnerBySuffix(at: number, end: number): Located | null {
    const rest = this.text.slice(at, end);
    const m = /^[\p{Script=Han}（）()]{2,24}?(?=(开展|举办|实施|共同|签订|签署|启动|在|、|和|及|等|$))/u.exec(rest);
    if (!m) return null;
    const written = m[0];
    // A form of a mention already read, or that form without its place (女企协 for 市女企协).
    const withoutPlace = (w: string) => w.replace(/^(市|省|县|区)/u, '');
    const existing = [...this.entities, ...this.addedOrganizations].find(
      (e) => e.kind === 'ORGANIZATION' && (e.written.some((w) => w === written || withoutPlace(w) === written) || e.name === normalizeName(written)),
    );
    const span = this.span(at, at + written.length);
    if (existing) {
      if (!existing.spans.some((s) => s.start === at)) {
        existing.spans.push(span);
        this.located = null;
        existing.spans.sort((a, b) => a.start - b.start);
      }
      if (!existing.written.includes(written)) existing.written.push(written);
      return { mention: existing, start: at, end: at + written.length };
    }
    if (!ORG_SUFFIX.test(written) || written.length < 3) return null;
    const place = this.extraction.context.place;
    const name = normalizeName(place && written.startsWith('市') && place.endsWith('市') ? place + written.slice(1) : written);
    const mention: EntityMention = {
      key: `e${this.nextKey++}`,
      kind: 'ORGANIZATION',
      name,
      written: [written],
      spans: [span],
      organizationKind: null,
      level: null,
      fields: { stated: ['name'], inferred: [] },
      evidence: ['partner-slot:org-suffix'],
    };
    this.addedOrganizations.push(mention);
    this.located = null;
    return { mention, start: at, end: at + written.length };
  }

  /** An organizer the document states (推进会由…主办) replaces the issuer taken for a sentence without subject. */
  private statedOverInferred(): ProgramLinkFact[] {
    const stated = new Set(this.links.filter((l) => l.role === 'ORGANIZER' && l.stated).map((l) => l.programKey));
    return this.links.filter((l) => l.role !== 'ORGANIZER' || l.stated || !stated.has(l.programKey));
  }

  /** The same figure said twice (in the decision and again in its list's heading) is one figure. */
  private dedupedFigures(): FigureFact[] {
    const out: FigureFact[] = [];
    for (const f of this.figures) {
      if (out.some((g) => g.value === f.value && g.unit === f.unit && g.subjectKey === f.subjectKey && g.approximate === f.approximate)) continue;
      out.push(f);
    }
    return out;
  }
}

interface Partners {
  partners: { located: Located; evidence: string }[];
  organizer: Located | null;
}
