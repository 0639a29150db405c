import { normalizeName } from '../text/normalize';
import {
  AwardFact,
  DocumentContext,
  EntityMention,
  Extraction,
  Gazetteer,
  GazetteerEntry,
  HierarchyFact,
  IngestDocument,
  MembershipFact,
  MentionKind,
  Span,
} from './ingest.model';
import { cityOf, documentDate, isEditorialNote, lastYearReading, LineText, placeOf, reportYear, titleYear } from './document-context';
import { findHonorsInLine, headingTitle, HonorHit, honorLevel, variantOf } from './honor-patterns';
import { BYLINE, isPersonName, LIST_MARKER, nameAt, postAt, POSTS } from './honoree-lists';
import {
  canonicalOrganizationName,
  findOrganizationsInLine,
  Level,
  levelOfOrganization,
  OrgHit,
  OrgKind,
  PlacePart,
  placeParts,
  placePrefix,
  suffixOf,
} from './organization-names';
import { segment, Token } from './segment';

/**
 * Organizations, people and honors the document names, with the awards, memberships and
 * hierarchy links between them, and the document's own context (place, date, year, issuer).
 *
 * Deterministic rules (docs/ingest-extraction.md): organization names by their suffixes with the prefix read
 * back to a sensible start, short forms expanded with the document's place, honors by the verbs and
 * marks that name them, people from honoree list lines, posts and bylines, and the gazetteer's
 * names. Every mention keeps all its spans and names the rules that found it.
 */
export function extractEntities(document: IngestDocument, gazetteer: Gazetteer): Extraction {
  return new EntityExtractor(document, gazetteer).run();
}

/** The mention (of `kind`, if given) whose span holds `offset`: the narrowest such, or null. */
export function mentionAt(extraction: Extraction, offset: number, kind?: MentionKind): EntityMention | null {
  let best: { mention: EntityMention; width: number } | null = null;
  for (const mention of extraction.entities) {
    if (kind && mention.kind !== kind) continue;
    for (const span of mention.spans) {
      if (span.start <= offset && offset < span.end) {
        const width = span.end - span.start;
        if (!best || width < best.width) best = { mention, width };
      }
    }
  }
  return best?.mention ?? null;
}

// ---- internals ------------------------------------------------------------------------------

interface RawHit {
  id: number;
  kind: MentionKind;
  name: string;
  written: string;
  start: number;
  end: number;
  locator: string;
  lineIndex: number;
  evidence: string[];
  organizationKind?: OrgKind | null;
  level?: Level | null;
  parentHit?: RawHit | null;
  branch?: boolean;
  variantOfName?: string | null;
  honor?: HonorHit;
  org?: OrgHit;
}

interface PendingAward {
  recipient: RawHit;
  honor: RawHit;
  year: number | null;
  yearStated: boolean;
  yearNote: string | null;
  span: Span;
  evidence: string[];
}

interface PendingMembership {
  member: RawHit;
  organization: RawHit;
  role: string | null;
  span: Span;
  evidence: string[];
}

interface PendingHierarchy {
  child: RawHit;
  parent: RawHit;
  stated: boolean;
  span: Span;
  evidence: string[];
  note: string | null;
}

/** A list item: a name, or a family named after a person (姓名家庭, 姓名户), before a space, bracket, 、, comma or the end. */
const LIST_ITEM = /^([\p{Script=Han}]{2,4}?)(家庭)?(?=[\u3000\s（(、，,]|$)/u;
/** A place heading a group of list items, on their line or a line of its own (城南镇：, 白沙乡：). */
const GROUP_HEADING = /^[\p{Script=Han}]{1,8}(镇|乡|街道|县|区|市|社区|村)[：:]\s*/u;

const CLAUSE_BREAK = /[，。；！？,;!?]/;
const SENTENCE_BREAK = /[。！？!?]/;

class EntityExtractor {
  private readonly lines: LineText[];
  private readonly content: LineText[];
  private readonly tokens = new Map<number, Token[]>();
  private hits: RawHit[] = [];
  /** The hits of each line, so that a line's rules look at its own hits only (linear in the document). */
  private readonly byLine = new Map<number, RawHit[]>();
  private nextId = 1;
  private readonly orgHitsByLine = new Map<number, RawHit[]>();
  private readonly awards: PendingAward[] = [];
  private readonly memberships: PendingMembership[] = [];
  private readonly hierarchy: PendingHierarchy[] = [];
  private docPlace: PlacePart[] = [];
  /** Townships and villages the document wrote with the places above them (清溪街道 → 望海区). */
  private readonly writtenPlaces = new Map<string, string>();
  private context: DocumentContext = { place: null, date: null, dateSpan: null, year: null, yearNote: null, issuerKey: null };
  private issuerHit: RawHit | null = null;
  private readonly conferrers = new Map<string, RawHit>();
  /** Years written with a title as its edition (2025年度“淮南市三八红旗手”), by honor name. */
  private readonly editionYears = new Map<string, { year: number; locator: string }>();

  constructor(
    document: IngestDocument,
    private readonly gazetteer: Gazetteer,
  ) {
    this.lines = document.lines.map((l, index) => ({ index, locator: l.locator, start: l.start, text: document.text.slice(l.start, l.end) }));
    this.content = this.lines.filter((l) => !isEditorialNote(l.text) && l.text.trim().length > 0);
  }

  run(): Extraction {
    const rawOrgs = new Map<number, OrgHit[]>();
    for (const line of this.content) rawOrgs.set(line.index, findOrganizationsInLine(line.text, this.tokensOf(line)));
    this.readContext(rawOrgs);
    this.addOrganizations(rawOrgs);
    this.addGazetteerHits(['Organization']);
    this.chooseIssuer();
    this.addHonors();
    this.addPeople();
    this.addGazetteerHits(['Honor', 'Person']);
    this.addBackReferences();
    this.addAwards();
    this.addImpliedHierarchy();
    return this.build();
  }

  private tokensOf(line: LineText): Token[] {
    let t = this.tokens.get(line.index);
    if (!t) {
      t = segment(line.text, this.gazetteer);
      this.tokens.set(line.index, t);
    }
    return t;
  }

  private hit(h: Omit<RawHit, 'id'>): RawHit {
    const full = { ...h, id: this.nextId++ };
    this.hits.push(full);
    const list = this.byLine.get(full.lineIndex);
    if (list) list.push(full);
    else this.byLine.set(full.lineIndex, [full]);
    return full;
  }

  private lineHits(index: number): RawHit[] {
    return this.byLine.get(index) ?? [];
  }

  private span(line: LineText, start: number, end: number): Span {
    return { start: line.start + start, end: line.start + end, locator: line.locator };
  }

  // ---- context --------------------------------------------------------------------------------

  private readContext(rawOrgs: Map<number, OrgHit[]>): void {
    const date = documentDate(this.content);
    if (date) {
      this.context.date = date.date;
      this.context.dateSpan = { start: date.start, end: date.end, locator: date.line.locator };
    }
    const report = reportYear(this.content);
    if (report) {
      this.context.year = report.year;
      this.context.yearNote = report.note;
    } else if (date) {
      this.context.year = date.year;
      this.context.yearNote = `the document's date (${date.line.locator}: ${date.date})`;
    } else if (titleYear(this.content)) {
      const y = titleYear(this.content)!;
      this.context.year = y.year;
      this.context.yearNote = y.note;
    } else {
      const lastYear = lastYearReading(this.content);
      if (lastYear) {
        this.context.year = lastYear.year;
        this.context.yearNote = lastYear.note;
        this.context.date = lastYear.date;
        this.context.dateSpan = { start: lastYear.start, end: lastYear.end, locator: lastYear.line.locator };
      }
    }
    this.context.place = this.readPlace(rawOrgs, date?.line.index ?? null);
    this.docPlace = placeParts(this.context.place);
  }

  /** Lines that name the document's author: a signature or issuer line, a report's title, a dateline or byline, the title. */
  private issuerCandidates(rawOrgs: Map<number, OrgHit[]>, dateLine: number | null): { line: LineText; org: OrgHit; rule: string }[] {
    const out: { line: LineText; org: OrgHit; rule: string }[] = [];
    const edge = new Set([...this.content.slice(0, 3), ...this.content.slice(-3)].map((l) => l.index));
    for (const line of this.content) {
      const orgs = rawOrgs.get(line.index) ?? [];
      if (orgs.length === 0) continue;
      const bare = line.text.replace(/\d{4}年\d{1,2}月\d{1,2}日/, '').replace(/[\s\u3000（）()]/g, '');
      const top = orgs.filter((o) => o.parentIndex === null);
      if (edge.has(line.index) && !LIST_MARKER.exec(line.text)?.[0].trim() && top.length === 1 && normalizeName(top[0].written).length >= bare.length - 0) {
        if (orgs[orgs.length - 1].end - top[0].start >= bare.length) out.push({ line, org: top[0], rule: 'signature' });
      }
    }
    for (const line of this.content.slice(0, 5)) {
      if (/(工作报告|工作总结|年度报告)/.test(line.text)) {
        const org = (rawOrgs.get(line.index) ?? [])[0];
        if (org) out.push({ line, org, rule: 'report-title' });
      }
    }
    for (const line of this.content) {
      if (line.index !== dateLine) continue;
      const org = (rawOrgs.get(line.index) ?? []).find((o) => o.parentIndex === null);
      if (org) out.push({ line, org, rule: 'dateline' });
    }
    const title = this.content[0];
    if (title) {
      const org = (rawOrgs.get(title.index) ?? [])[0];
      if (org) out.push({ line: title, org, rule: 'title' });
    }
    return out;
  }

  private readPlace(rawOrgs: Map<number, OrgHit[]>, dateLine: number | null): string | null {
    const text = this.content.map((l) => l.text).join('\n');
    for (const { org } of this.issuerCandidates(rawOrgs, dateLine)) {
      const name = normalizeName(org.written);
      const place = placeOf(name);
      if (place) return place;
      // A publisher named by its city's stem (临河日报): the city the text writes with that stem.
      const stem = /^([\p{Script=Han}]{2})/u.exec(name)?.[1];
      if (stem && !/^[市区县省]/.test(name) && text.includes(`${stem}市`)) return `${stem}市`;
    }
    // An issuer set in a county or district and written without its city (石桥县妇女联合会 signing):
    // the county's own document; its short forms (县妇联) take the county as the issuer writes it.
    for (const { org, rule } of this.issuerCandidates(rawOrgs, dateLine)) {
      if (rule !== 'signature' && rule !== 'title') continue;
      const name = normalizeName(org.written);
      const place = placeOf(name, true);
      if (place && org.kind === 'FEDERATION') return place;
    }
    // Else the city most often written in names.
    const counts = new Map<string, number>();
    for (const orgs of rawOrgs.values())
      for (const o of orgs) {
        const p = placeOf(normalizeName(o.written));
        const city = p ? cityOf(p) : null;
        if (city) counts.set(city, (counts.get(city) ?? 0) + 1);
      }
    for (const m of text.matchAll(/([\p{Script=Han}]{2})市(?=三八|优秀|首届|首批|巾帼|\d{4}|妇)/gu)) {
      const city = `${m[1]}市`;
      if (!/^(全市|本市|我市|城市|各市)$/.test(city)) counts.set(city, (counts.get(city) ?? 0) + 1);
    }
    let best: string | null = null;
    for (const [city, n] of counts) if (!best || n > (counts.get(best) ?? 0)) best = city;
    if (best) return best;
    // No city anywhere: a county's or district's own document (江宁县妇联…).
    for (const { org } of this.issuerCandidates(rawOrgs, dateLine)) {
      const place = placeOf(normalizeName(org.written), true);
      if (place) return place;
    }
    return null;
  }

  private chooseIssuer(): void {
    const rawOrgs = new Map<number, OrgHit[]>();
    for (const [index, hits] of this.orgHitsByLine) rawOrgs.set(index, hits.map((h) => h.org).filter((o): o is OrgHit => Boolean(o)));
    const dateLine = this.content.find((l) => this.context.dateSpan && l.locator === this.context.dateSpan.locator)?.index ?? null;
    const candidate = this.issuerCandidates(rawOrgs, dateLine)[0];
    if (!candidate) return;
    this.issuerHit = (this.orgHitsByLine.get(candidate.line.index) ?? []).find((h) => h.org === candidate.org) ?? null;
  }

  // ---- organizations --------------------------------------------------------------------------

  private addOrganizations(rawOrgs: Map<number, OrgHit[]>): void {
    for (const line of this.content) {
      const orgs = rawOrgs.get(line.index) ?? [];
      const made: (RawHit | null)[] = [];
      for (const org of orgs) {
        const parent = org.parentIndex !== null ? (made[org.parentIndex] ?? null) : null;
        const written = parent ? line.text.slice(parent.start - line.start, org.end) : org.written;
        const name = this.withWrittenPlaces(canonicalOrganizationName(written, this.docPlace, parent !== null), parent !== null);
        if (name === null) {
          made.push(null);
          continue;
        }
        const suffix = suffixOf(normalizeName(org.written));
        // A department, or a generic unit (中心, 办公室) inside another body, is of that body's kind.
        const generic = org.kind === null || (parent !== null && /^(中心|办公室)$/.test(org.suffix));
        const kind = (generic ? parent?.organizationKind : org.kind) ?? org.kind ?? null;
        const branch = Boolean(suffix?.branch);
        const level = levelOfOrganization(name, kind, parent?.level ?? null, branch, this.docPlace);
        const evidence = [org.evidence];
        if (org.levelOnly) evidence.push(`short-form:${org.levelOnly}`);
        if (parent) evidence.push('part-of-name');
        const hit = this.hit({
          kind: 'ORGANIZATION',
          name,
          written,
          start: line.start + (parent ? parent.start - line.start : org.start),
          end: line.start + org.end,
          locator: line.locator,
          lineIndex: line.index,
          evidence,
          organizationKind: kind,
          level,
          parentHit: parent,
          branch,
          org,
        });
        made.push(hit);
        if (parent) {
          this.hierarchy.push({
            child: hit,
            parent,
            stated: true,
            span: this.span(line, parent.start - line.start, org.end),
            evidence: ['part-of-name'],
            note: `${normalizeName(written)} is written with ${normalizeName(parent.written)} in it`,
          });
        }
      }
      this.orgHitsByLine.set(line.index, made.filter((h): h is RawHit => h !== null));
    }
  }

  /**
   * The places a document once wrote in full stand for their short mentions: 清溪街道妇联 after
   * 望海区清溪街道妇联 is 望海区清溪街道妇女联合会; a bare 街道妇联/镇妇联/乡妇联 (no place at all) is the
   * one such body of the township the document named before it.
   */
  private withWrittenPlaces(name: string, isPart: boolean): string | null {
    const { parts, rest } = placePrefix(name);
    if (parts.length > 0) {
      const first = parts[0];
      if (first.level === 'TOWNSHIP' || first.level === 'VILLAGE') {
        const above = this.writtenPlaces.get(first.name);
        if (above) name = above + name;
      }
      const full = placePrefix(name).parts;
      for (let i = 1; i < full.length; i += 1) {
        if ((full[i].level === 'TOWNSHIP' || full[i].level === 'VILLAGE') && !this.writtenPlaces.has(full[i].name)) {
          this.writtenPlaces.set(full[i].name, full.slice(0, i).map((p) => p.name).join(''));
        }
      }
      return name;
    }
    const bare = /^(街道|镇|乡)(?=.)/.exec(name);
    if (bare && !isPart) {
      const earlier = [...new Set(this.hits.filter((h) => h.kind === 'ORGANIZATION' && !h.parentHit).map((h) => h.name))].filter((n) => {
        const p = placePrefix(n);
        return p.rest === rest.slice(bare[1].length) && p.parts.length > 0 && p.parts[p.parts.length - 1].name.endsWith(bare[1]) && p.parts[p.parts.length - 1].level === 'TOWNSHIP';
      });
      if (earlier.length === 1) return earlier[0];
      // No township named before (a headline's 街道妇联把服务…): no particular body.
      if (earlier.length === 0) return null;
    }
    return name;
  }

  /** Names and aliases of the graph written in the text (a context alias only in its place). */
  private addGazetteerHits(types: GazetteerEntry['type'][]): void {
    const city = this.context.place ? cityOf(this.context.place) : null;
    const stem = city ? city.replace(/市$/, '') : null;
    const forms: { form: string; entry: GazetteerEntry }[] = [];
    for (const entry of this.gazetteer.entries) {
      if (!types.includes(entry.type)) continue;
      for (const name of [entry.name, ...entry.aliases]) forms.push({ form: normalizeName(name), entry });
      for (const ca of entry.contextAliases) {
        if (stem && ca.contexts.some((c) => c === `place:${stem}` || c === `place:${city}`)) forms.push({ form: normalizeName(ca.alias), entry });
      }
    }
    forms.sort((a, b) => b.form.length - a.form.length || a.form.localeCompare(b.form));
    for (const line of this.content) {
      const lineText = line.text;
      const taken: { start: number; end: number }[] = [];
      for (const { form, entry } of forms) {
        if (form.length < 2) continue;
        for (let at = lineText.indexOf(form); at >= 0; at = lineText.indexOf(form, at + 1)) {
          const start = line.start + at;
          const end = start + form.length;
          if (taken.some((t) => t.start < end && start < t.end)) continue;
          taken.push({ start, end });
          const kind: MentionKind = entry.type === 'Person' ? 'PERSON' : entry.type === 'Honor' ? 'HONOR' : 'ORGANIZATION';
          const same = this.lineHits(line.index).find((h) => h.kind === kind && h.start === start && h.end === end);
          if (same) {
            if (!same.evidence.includes('gazetteer')) same.evidence.push('gazetteer');
            // The graph's name for a form the rules kept as written (an alias); a name the rules
            // expanded from the document's context (青源市三八红旗集体) stays theirs.
            if (same.name === form) same.name = normalizeName(entry.name);
            continue;
          }
          // Inside or across a name the rules found (三八红旗手 in 青源市三八红旗手, 徽商银行 in 徽商银行淮南分行,
          // itself found as that name's part): no mention of its own.
          if (this.lineHits(line.index).some((h) => h.start < end && start < h.end)) continue;
          const hit = this.hit({
            kind,
            name: normalizeName(entry.name),
            written: form,
            start,
            end,
            locator: line.locator,
            lineIndex: line.index,
            evidence: ['gazetteer'],
            organizationKind: kind === 'ORGANIZATION' ? ((entry.kind as OrgKind | null) ?? null) : undefined,
            level: (entry.level as Level | null) ?? null,
          });
          if (kind === 'ORGANIZATION') {
            const list = this.orgHitsByLine.get(line.index) ?? [];
            list.push(hit);
            list.sort((a, b) => a.start - b.start || b.end - a.end);
            this.orgHitsByLine.set(line.index, list);
          }
        }
      }
    }
  }

  private orgsIn(line: LineText): RawHit[] {
    return this.orgHitsByLine.get(line.index) ?? [];
  }

  /** The deepest organization of the chain ending latest in [from, to) of the line (line offsets). */
  private unitIn(line: LineText, from: number, to: number): RawHit | null {
    let best: RawHit | null = null;
    for (const h of this.orgsIn(line)) {
      const s = h.start - line.start;
      const e = h.end - line.start;
      if (s < from || e > to) continue;
      if (!best || e > best.end - line.start || (e === best.end - line.start && h.end - h.start > best.end - best.start)) best = h;
    }
    return best;
  }

  // ---- honors ---------------------------------------------------------------------------------

  private addHonors(): void {
    for (const line of this.content) {
      const excluded = this.orgsIn(line)
        .filter((h) => h.organizationKind !== undefined)
        .map((h) => ({ start: h.start - line.start, end: h.end - line.start }));
      const found = findHonorsInLine(line.text, excluded, this.tokensOf(line));
      const heading = headingTitle(line.text);
      if (heading && !found.some((f) => f.start <= heading.start && heading.start < f.end)) {
        const name = normalizeName(heading.title);
        found.push({
          start: heading.start,
          end: heading.start + heading.title.length,
          written: heading.title,
          name,
          level: honorLevel(name),
          variantOfName: variantOf(name),
          statedYear: null,
          evidence: 'honor:list-heading',
          trigger: null,
          triggerAt: null,
        });
      }
      for (const h of found) {
        if (this.lineHits(line.index).some((x) => x.kind === 'HONOR' && x.start === line.start + h.start && x.end === line.start + h.end)) continue;
        this.hit({
          kind: 'HONOR',
          name: h.name,
          written: h.written,
          start: line.start + h.start,
          end: line.start + h.end,
          locator: line.locator,
          lineIndex: line.index,
          evidence: [h.evidence],
          variantOfName: h.variantOfName,
          level: h.level,
          honor: h,
        });
        if (h.statedYear && /年度\s*[“"]?$/.test(line.text.slice(0, h.start))) {
          if (!this.editionYears.has(h.name)) this.editionYears.set(h.name, { year: h.statedYear, locator: line.locator });
        }
      }
      this.readConferrer(line);
    }
  }

  /** 市妇联决定，授予…“…”称号: the body that decides confers the titles its sentence names. */
  private readConferrer(line: LineText): void {
    for (const sentence of sentencesOf(line.text)) {
      const verb = /(?<!被)(授予|命名|表彰)/.exec(sentence.text);
      if (!verb) continue;
      const verbAt = sentence.start + verb.index;
      const orgs = this.orgsIn(line).filter((h) => h.start - line.start >= sentence.start && h.end - line.start <= verbAt);
      // The body that decides (市妇联决定，授予…) or grants (市妇联授予…) at the sentence's opening.
      const subject = orgs.find((o) => /^(研究决定|决定|授予|命名|表彰)/.test(line.text.slice(o.end - line.start)));
      if (!subject) continue;
      const honors = this.lineHits(line.index).filter(
        (h) =>
          h.kind === 'HONOR' &&
          h.lineIndex === line.index &&
          h.start - line.start >= verbAt &&
          h.end - line.start <= sentence.end &&
          /^(授予|命名|表彰)$/.test(h.honor?.trigger ?? ''),
      );
      for (const h of honors) if (!this.conferrers.has(h.name)) this.conferrers.set(h.name, subject);
    }
  }

  // ---- people ---------------------------------------------------------------------------------

  private person(line: LineText, at: number, name: string, evidence: string): RawHit {
    const start = line.start + at;
    const existing = this.lineHits(line.index).find((h) => h.kind === 'PERSON' && h.start === start && h.name === name);
    if (existing) {
      if (!existing.evidence.includes(evidence)) existing.evidence.push(evidence);
      return existing;
    }
    return this.hit({ kind: 'PERSON', name, written: name, start, end: start + name.length, locator: line.locator, lineIndex: line.index, evidence: [evidence] });
  }

  private insideOther(line: LineText, at: number, len: number): boolean {
    const s = line.start + at;
    const e = s + len;
    return this.lineHits(line.index).some((h) => h.kind !== 'PERSON' && h.start < e && s < h.end);
  }

  private addPeople(): void {
    for (const line of this.content) {
      this.readListLine(line);
      this.readPostsBeforeNames(line);
      this.readBylines(line);
      this.readNamedInSentences(line);
    }
    this.readNamedAgain();
  }

  /** A person the rules found once (市妇联主席邵美琳) is that person wherever the name is written again (邵美琳本人…). */
  private readNamedAgain(): void {
    const names = [...new Set(this.hits.filter((h) => h.kind === 'PERSON' && h.name.length >= 3).map((h) => h.name))];
    for (const line of this.content) {
      for (const name of names) {
        for (let at = line.text.indexOf(name); at >= 0; at = line.text.indexOf(name, at + 1)) {
          if (this.lineHits(line.index).some((h) => h.start < line.start + at + name.length && line.start + at < h.end)) continue;
          // Not the tail or the head of a longer run of a name (王芳 in 黄王芳): a character boundary or a word after it.
          const before = line.text[at - 1] ?? '';
          if (/[\p{Script=Han}]/u.test(before) && !this.tokensOf(line).some((t) => t.start === at)) continue;
          this.person(line, at, name, 'named-before');
        }
      }
    }
  }

  /**
   * 刘秀兰　青源市第一人民医院产科主任; 杨桂芳（临溪县城关镇妇联主席）、黄秋菊（…）; 罗佳慧、田淑芬　单位教师;
   * 1. 姓名，单位职务 (a comma after the name); a family as the recipient (姓名家庭（村名）: the person
   * named is the recipient, the bracket their place of residence); two or more items on one line
   * separated by spaces; items after a place heading on the same line (某某镇：甲家庭、乙家庭).
   */
  private readListLine(line: LineText): void {
    const text = line.text;
    let at = LIST_MARKER.exec(text)?.[0].length ?? 0;
    const group = GROUP_HEADING.exec(text.slice(at));
    if (group) at += group[0].length;
    const people: { hit: RawHit; unit: [number, number] | null; family: boolean }[] = [];
    for (;;) {
      const m = LIST_ITEM.exec(text.slice(at));
      if (!m || !isPersonName(m[1]) || this.insideOther(line, at, m[1].length)) break;
      const family = Boolean(m[2]);
      const hit = this.person(line, at, m[1], 'list-line');
      at += m[0].length;
      let unit: [number, number] | null = null;
      let bracketed = false;
      if (/[（(]/.test(text[at] ?? '')) {
        const close = text.slice(at).search(/[）)]/);
        if (close < 0) break;
        unit = [at + 1, at + close];
        bracketed = true;
        at += close + 1;
      }
      people.push({ hit, unit, family });
      if (text[at] === '、') {
        at += 1;
        continue;
      }
      // Items side by side, separated by spaces: each complete (a family, or a bracket), the next one too.
      const gap = /^[　\s]+/.exec(text.slice(at));
      if (gap && (family || bracketed)) {
        const next = LIST_ITEM.exec(text.slice(at + gap[0].length));
        if (next && isPersonName(next[1]) && (next[2] || /[（(]/.test(text[at + gap[0].length + next[0].length] ?? ''))) {
          at += gap[0].length;
          continue;
        }
      }
      break;
    }
    if (people.length === 0) return;
    const rest = text.slice(at);
    const shared = /^[\u3000\s]+(.+)$/u.exec(rest) ?? (people.length === 1 ? /^[，,]\s*([^。；;！？]+)$/u.exec(rest) : null);
    let sharedUnit: [number, number] | null = shared ? [text.length - shared[1].length, text.length] : null;
    // 姓名，单位职务: the comma form holds a unit and a post, nothing else.
    if (sharedUnit && /^[，,]/.test(rest)) {
      const org = this.unitIn(line, sharedUnit[0], sharedUnit[1]);
      if (!org || org.start - line.start !== sharedUnit[0] || !postAt(text, org.end - line.start)) sharedUnit = null;
    }
    const complete = (p: (typeof people)[number]) => p.unit || p.family;
    if (!sharedUnit && !people.some(complete) && rest.trim()) {
      // A name followed by prose is not a list line: drop what was read.
      const dropped = (h: RawHit) => people.some((p) => p.hit === h && p.hit.evidence.length === 1);
      this.hits = this.hits.filter((h) => !dropped(h));
      this.byLine.set(line.index, this.lineHits(line.index).filter((h) => !dropped(h)));
      return;
    }
    for (const p of people) {
      const unit = p.unit ?? sharedUnit;
      if (!unit) continue;
      const org = this.unitIn(line, unit[0], unit[1]);
      if (!org) continue;
      const after = text.slice(org.end - line.start, unit[1]).trim();
      const role = after && after.length <= 12 && /^[\p{Script=Han}]+$/u.test(after) ? after : postAt(text, org.end - line.start);
      this.memberships.push({
        member: p.hit,
        organization: org,
        role: role || null,
        span: this.span(line, p.hit.start - line.start, unit[1]),
        evidence: ['list-line'],
      });
    }
  }

  /** 市妇联主席 李红梅, 区妇联主席何晓梅主持, 文昌社区党委书记郑雅琴; and a post with no unit before it (带头人张玉梅). */
  private readPostsBeforeNames(line: LineText): void {
    const text = line.text;
    const tokens = this.tokensOf(line);
    const orgEnds = new Map<number, RawHit>();
    for (const h of this.orgsIn(line)) {
      const e = h.end - line.start;
      const prev = orgEnds.get(e);
      if (!prev || h.end - h.start > prev.end - prev.start) orgEnds.set(e, h);
    }
    const posted: { org: RawHit; person: RawHit }[] = [];
    for (const [end, org] of orgEnds) {
      // One post, or several joined by 、 (党组书记、主席王海燕).
      let post = postAt(text, end);
      if (!post) continue;
      for (let more = text[end + post.length] === '、' ? postAt(text, end + post.length + 1) : null; more; more = text[end + post.length] === '、' ? postAt(text, end + post.length + 1) : null) {
        post = `${post}、${more}`;
      }
      let at = end + post.length;
      // Names joined by 、 after one post share it (教师孙丽、周敏).
      for (let first = true; ; first = false) {
        const name = nameAt(text, at, tokens);
        if (!name) break;
        const nameAtPos = text.indexOf(name, at);
        if (nameAtPos < 0 || this.insideOther(line, nameAtPos, name.length) || (!first && nameAtPos !== at)) break;
        const person = this.person(line, nameAtPos, name, 'post-before-name');
        posted.push({ org, person });
        this.memberships.push({
          member: person,
          organization: org,
          role: post,
          span: this.span(line, org.start - line.start, nameAtPos + name.length),
          evidence: ['post-before-name'],
        });
        at = nameAtPos + name.length;
        if (text[at] !== '、') break;
        at += 1;
      }
    }
    // A post opening a clause: 带头人张玉梅, …，副主席李小红. Its unit is the one a post before it in
    // the sentence names (县妇联主席王海燕，副主席李小红), else the body the sentence is about.
    const clausePost = /(^|[，。；：\s\u3000])((?:副)?(?:带头人|负责人|创始人|主任|主席|书记|会长|校长|院长|站长|队长|团长|秘书长))(?=[\p{Script=Han}])/gu;
    for (let m = clausePost.exec(text); m; m = clausePost.exec(text)) {
      const postAtPos = m.index + m[1].length;
      const at = postAtPos + m[2].length;
      const name = nameAt(text, at, tokens);
      if (!name || this.insideOther(line, at, name.length)) continue;
      const person = this.person(line, at, name, 'post-before-name');
      const sentence = sentencesOf(text).find((x) => x.start <= postAtPos && postAtPos < x.end);
      const before = posted.filter((p) => sentence && p.person.start - line.start >= sentence.start && p.person.end - line.start <= postAtPos);
      const unit = before.length > 0 ? before[before.length - 1].org : null;
      if (unit) {
        this.memberships.push({ member: person, organization: unit, role: m[2], span: this.span(line, postAtPos, at + name.length), evidence: ['post-of-previous-unit'] });
      } else (person as RawHit & { clausePost?: string }).clausePost = m[2];
    }
  }

  /** 记者 何婷婷, （编辑：林小雨）: the person, and a reporter's membership of the publisher on the same line. */
  private readBylines(line: LineText): void {
    const text = line.text;
    const tokens = this.tokensOf(line);
    BYLINE.lastIndex = 0;
    for (let m = BYLINE.exec(text); m; m = BYLINE.exec(text)) {
      const before = m.index === 0 ? '' : text[m.index - 1];
      if (before && !/[\s\u3000（(【\d日]/.test(before)) continue;
      const at = m.index + m[0].length;
      const name = nameAt(text, at, tokens);
      if (!name) continue;
      const nameStart = text.indexOf(name, at);
      if (this.insideOther(line, nameStart, name.length)) continue;
      const person = this.person(line, nameStart, name, 'byline');
      const publisher = this.orgsIn(line).find((o) => o.end - line.start <= m!.index && !o.parentHit);
      if (publisher && m[1] === '记者') {
        this.memberships.push({ member: person, organization: publisher, role: m[1], span: this.span(line, publisher.start - line.start, nameStart + name.length), evidence: ['byline'] });
      }
    }
  }

  /** 授予刘秀兰等8名同志…; 张玉梅是河西区人民医院儿科主任. */
  private readNamedInSentences(line: LineText): void {
    const text = line.text;
    for (const m of text.matchAll(/等\d+(?:名|位|户)(同志|个人|女性|妇女|家庭)?|同志|女士|先生/gu)) {
      const end = m.index!;
      // A person already read there (主任医师程丽等…) is the one; else the tail of the run before 等
      // (授予刘秀兰 → 刘秀兰), never starting inside a post (医师程丽 is 医师 + 程丽).
      if (this.lineHits(line.index).some((h) => h.kind === 'PERSON' && h.end - line.start === end)) continue;
      for (const len of [3, 2]) {
        const at = end - len;
        const cand = text.slice(at, end);
        if (at < 0 || !isPersonName(cand)) continue;
        if (POSTS.some((p) => p.length >= 2 && text.slice(at - p.length + 1, at + 1) === p)) continue;
        // The name opens a word (有关负责同志 holds no 关负责).
        if (!this.tokensOf(line).some((t) => t.start === at)) continue;
        if (!this.insideOther(line, at, len)) this.person(line, at, cand, m[0].startsWith('等') ? 'named-with-count' : 'named-with-title');
        break;
      }
    }
    for (const p of this.lineHits(line.index).filter((h) => h.kind === 'PERSON')) {
      const after = p.end - line.start;
      const verb = /^(是|任|系|现任|担任)/.exec(text.slice(after));
      if (!verb) continue;
      const unitStart = after + verb[0].length;
      const first = this.orgsIn(line).find((o) => o.start - line.start === unitStart);
      if (!first) continue;
      let clauseEnd = text.slice(unitStart).search(CLAUSE_BREAK);
      clauseEnd = clauseEnd < 0 ? text.length : unitStart + clauseEnd;
      const org = this.unitIn(line, unitStart, clauseEnd);
      if (!org) continue;
      const post = postAt(text, org.end - line.start);
      if (!post) continue;
      this.memberships.push({ member: p, organization: org, role: post, span: this.span(line, p.start - line.start, org.end - line.start + post.length), evidence: ['is-post-of'] });
    }
  }

  // ---- back-references ------------------------------------------------------------------------

  /** A bare 工作室/联盟/宣讲团 opening a clause is the last such body named; a post with no unit belongs to it. */
  private addBackReferences(): void {
    this.addDemonstratives();
    const bare = /(^|[，。；：\s])(工作室|联盟|宣讲团|协会|中心)(?=于|与|将|已|在|开展|的|是|由|先后|还|和|[，。])/gu;
    for (const line of this.content) {
      const text = line.text;
      for (let m = bare.exec(text); m; m = bare.exec(text)) {
        const at = m.index + m[1].length;
        const start = line.start + at;
        const target = [...this.hits]
          .filter((h) => h.kind === 'ORGANIZATION' && h.end <= start && normalizeName(h.written).endsWith(m![2]))
          .sort((a, b) => b.end - a.end)[0];
        if (!target) continue;
        const ref = this.hit({
          kind: 'ORGANIZATION',
          name: target.name,
          written: m[2],
          start,
          end: start + m[2].length,
          locator: line.locator,
          lineIndex: line.index,
          evidence: ['back-reference'],
          organizationKind: target.organizationKind,
          level: target.level,
        });
        const sentence = sentencesOf(text).find((s) => s.start <= at && at < s.end)!;
        // 由市妇联命名: the body named it (a parent the text implies, not states).
        const namer = /由(.{2,20}?)(命名|成立|组建|设立)/.exec(text.slice(sentence.start, sentence.end));
        if (namer) {
          const namerAt = sentence.start + namer.index + 1;
          const org = this.orgsIn(line).find((o) => o.start - line.start === namerAt && o !== ref);
          if (org && !this.hierarchy.some((h) => h.child.name === target.name)) {
            this.hierarchy.push({ child: target, parent: org, stated: false, span: this.span(line, at, sentence.end), evidence: ['named-by'], note: `${normalizeName(org.written)} named it (${line.locator})` });
          }
        }
        for (const p of this.lineHits(line.index).filter((h) => h.kind === 'PERSON')) {
          const post = (p as RawHit & { clausePost?: string }).clausePost;
          const pAt = p.start - line.start;
          if (!post || pAt < sentence.start || pAt >= sentence.end || pAt < at) continue;
          if (this.memberships.some((x) => x.member === p && x.organization === ref)) continue;
          this.memberships.push({ member: p, organization: ref, role: post, span: this.span(line, at, pAt + p.name.length), evidence: ['post-of-back-reference'] });
        }
      }
      bare.lastIndex = 0;
    }
  }

  /** 该校, 该院, 该公司…: the last body named before with that kind of name. */
  private addDemonstratives(): void {
    const ENDINGS: Record<string, RegExp> = {
      校: /(学校|小学|中学|大学|学院)$/,
      院: /(医院|法院|检察院|研究院|学院|卫生院)$/,
      局: /局$/,
      中心: /中心$/,
      公司: /公司$/,
      行: /(银行|分行|支行)$/,
      所: /所$/,
      园: /幼儿园$/,
      会: /(会|妇联)$/,
      社区: /社区/,
    };
    const demonstrative = /该(中心|公司|社区|校|院|局|行|所|园|会)/g;
    for (const line of this.content) {
      for (const m of line.text.matchAll(demonstrative)) {
        const start = line.start + m.index!;
        const target = [...this.hits]
          .filter((h) => h.kind === 'ORGANIZATION' && h.end <= start && ENDINGS[m[1]].test(h.name))
          .sort((a, b) => b.end - a.end)[0];
        if (!target) continue;
        this.hit({
          kind: 'ORGANIZATION',
          name: target.name,
          written: m[0],
          start,
          end: start + m[0].length,
          locator: line.locator,
          lineIndex: line.index,
          evidence: ['back-reference'],
          organizationKind: target.organizationKind,
          level: target.level,
        });
      }
    }
  }

  // ---- awards ---------------------------------------------------------------------------------

  private yearFor(honor: RawHit, trigger: string | null, at?: { line: LineText; offset: number }): Pick<PendingAward, 'year' | 'yearStated' | 'yearNote'> {
    const h = honor.honor;
    if (h?.statedYear) return { year: h.statedYear, yearStated: true, yearNote: null };
    if (at) {
      // A year opening the sentence (2025年，…被评为…) is the award's.
      const sentence = sentencesOf(at.line.text).find((x) => x.start <= at.offset && at.offset < x.end);
      const opening = sentence ? /^\s*(\d{4})年(?:度)?[，,\s]/.exec(sentence.text) : null;
      if (opening) return { year: Number(opening[1]), yearStated: true, yearNote: null };
      // Awards gathered over years (近年来…先后获得…) fall in no one year.
      if (sentence && /(近年来|多年来|历年来|先后|曾经|历年)/.test(sentence.text.slice(0, Math.max(0, at.offset - sentence.start)))) {
        return { year: null, yearStated: false, yearNote: 'awards gathered over several years (近年来, 先后): no one year' };
      }
    }
    const edition = this.editionYears.get(honor.name);
    if (edition) return { year: edition.year, yearStated: true, yearNote: null };
    if (trigger === '曾获') return { year: null, yearStated: false, yearNote: 'a past award (曾获): the year is neither stated nor inferable' };
    if (this.context.year) return { year: this.context.year, yearStated: false, yearNote: `not stated; inferred from ${this.context.yearNote}` };
    return { year: null, yearStated: false, yearNote: 'not stated, and the document gives no date' };
  }

  private addAwards(): void {
    // Sentences: recipients of the titles their verbs name.
    for (const honor of this.hits.filter((h) => h.kind === 'HONOR' && h.honor?.trigger)) {
      const line = this.lines[honor.lineIndex];
      const h = honor.honor!;
      const text = line.text;
      const verbAt = h.triggerAt!;
      const recipients: RawHit[] = [];
      if (h.trigger === '授予' || h.trigger === '命名') {
        // 授予刘秀兰等8名同志“…”称号: the recipients stand between the verb and the title.
        const between = this.lineHits(line.index).filter(
          (x) => (x.kind === 'PERSON' || x.kind === 'ORGANIZATION') && x.lineIndex === line.index && x.start - line.start > verbAt && x.end <= honor.start,
        );
        const deepest = between.filter((x) => !between.some((y) => y !== x && y.start <= x.start && x.end <= y.end && y.end - y.start > x.end - x.start));
        // A unit written before a post and a name (第二中学教师许美玲) is the person's, not a recipient.
        recipients.push(...deepest.filter((x) => x.kind === 'PERSON' || !postAt(text, x.end - line.start)));
      } else if (h.trigger === '曾获' && text.slice(honor.end - line.start).startsWith('的')) {
        const after = honor.end - line.start;
        const org = this.unitIn(line, after + 1, (text.slice(after + 1).search(CLAUSE_BREAK) + 1 || text.length - after) + after);
        const first = org && this.orgsIn(line).filter((o) => o.start - line.start === after + 1);
        if (org && first && first.length > 0) recipients.push(org);
      } else {
        const subject = this.subjectBefore(line, verbAt);
        if (subject) recipients.push(subject);
        // 孙丽、周敏分别获评…: people joined by 、 before the verb share it.
        for (let p = subject; p && p.kind === 'PERSON'; ) {
          const joined: RawHit | undefined = this.lineHits(line.index).find((h) => h.kind === 'PERSON' && h.end === p!.start - 1 && text[h.end - line.start] === '、');
          if (joined) recipients.push(joined);
          p = joined ?? null;
        }
      }
      for (const recipient of recipients) {
        this.awards.push({
          recipient,
          honor,
          ...this.yearFor(honor, h.trigger, { line, offset: verbAt }),
          span: this.span(line, Math.min(recipient.start, honor.start) - line.start, Math.max(recipient.end, honor.end) - line.start),
          evidence: [`award:${h.trigger}`],
        });
      }
    }
    // Lists under a heading naming a title.
    let current: RawHit | null = null;
    let seenItem = false;
    for (const line of this.lines) {
      if (isEditorialNote(line.text)) continue;
      const heading = this.lineHits(line.index).find((h) => h.kind === 'HONOR' && h.evidence.includes('honor:list-heading'));
      const headed = heading ?? (headingTitle(line.text) ? this.lineHits(line.index).find((h) => h.kind === 'HONOR') : undefined) ?? this.rosterHonor(line);
      if (headed) {
        current = headed;
        seenItem = false;
        continue;
      }
      if (!line.text.trim()) {
        if (seenItem) current = null;
        continue;
      }
      if (/^\s*#/.test(line.text)) {
        current = null;
        continue;
      }
      if (!current) continue;
      // A place heading a group of items (城南镇：) on a line of its own keeps the list going.
      if (GROUP_HEADING.exec(line.text.trim())?.[0].length === line.text.trim().length) continue;
      seenItem = true;
      const recipients = this.listRecipients(line);
      if (recipients.length === 0) {
        current = null;
        continue;
      }
      for (const recipient of recipients) {
        this.awards.push({
          recipient,
          honor: current,
          ...this.yearFor(current, null),
          span: this.span(line, recipient.start - line.start, recipient.end - line.start),
          evidence: ['award:list-under-heading'],
        });
      }
    }
  }

  /**
   * A roster heading (附：获奖人员名单): the one title it names, else the one title the document
   * confers (授予/命名); with two or more the roster is left to the headings below it.
   */
  private rosterHonor(line: LineText): RawHit | undefined {
    if (!/名单\s*$/.test(line.text) || line.text.length > 40) return undefined;
    const own = [...new Set(this.lineHits(line.index).filter((h) => h.kind === 'HONOR').map((h) => h.name))];
    const names = own.length > 0 ? own : [...new Set(this.hits.filter((h) => h.kind === 'HONOR' && /^(授予|命名)$/.test(h.honor?.trigger ?? '')).map((h) => h.name))];
    if (names.length !== 1) return undefined;
    return this.hits.find((h) => h.kind === 'HONOR' && h.name === names[0]);
  }

  /** The people of a list line, else its organizations (items separated by 、, each its deepest unit). */
  private listRecipients(line: LineText): RawHit[] {
    const people = this.lineHits(line.index).filter((h) => h.kind === 'PERSON' && h.evidence.includes('list-line'));
    if (people.length > 0) return people;
    const text = line.text;
    const out: RawHit[] = [];
    let from = LIST_MARKER.exec(text)?.[0].length ?? 0;
    for (const item of text.slice(from).split('、')) {
      const org = this.unitIn(line, from, from + item.length);
      if (org && org.start - line.start <= from + (item.length - item.trimStart().length) && org.end - line.start >= from + item.trimEnd().length) out.push(org);
      from += item.length + 1;
    }
    return out;
  }

  /** The subject of a verb: the nearest person or (deepest) organization before it in its clause, else the nearest person in its sentence. */
  private subjectBefore(line: LineText, verbAt: number): RawHit | null {
    const text = line.text;
    let clauseStart = 0;
    for (let i = verbAt - 1; i >= 0; i -= 1)
      if (CLAUSE_BREAK.test(text[i])) {
        clauseStart = i + 1;
        break;
      }
    let sentenceStart = 0;
    for (let i = verbAt - 1; i >= 0; i -= 1)
      if (SENTENCE_BREAK.test(text[i])) {
        sentenceStart = i + 1;
        break;
      }
    const before = (from: number) =>
      this.lineHits(line.index).filter((h) => (h.kind === 'PERSON' || h.kind === 'ORGANIZATION') && h.start - line.start >= from && h.end - line.start <= verbAt);
    const inClause = before(clauseStart);
    if (inClause.length > 0) {
      return inClause.sort((a, b) => b.end - a.end || b.end - b.start - (a.end - a.start))[0];
    }
    const persons = before(sentenceStart).filter((h) => h.kind === 'PERSON');
    return persons.sort((a, b) => b.end - a.end)[0] ?? null;
  }

  // ---- implied hierarchy ----------------------------------------------------------------------

  /**
   * Parents the federation system implies, when the document names the federation (not stated):
   * a district's or county's federation stands under the city's; an honorees' alliance or studio
   * named after a federation title (三八红旗手) under the federation of its place.
   */
  private addImpliedHierarchy(): void {
    this.addTownshipFederations();
    const city = this.context.place ? cityOf(this.context.place) : null;
    // A county's own document: its city's federation is the one city federation it names (抄送：…市妇女联合会).
    const cityFederations = [...new Set(this.hits.filter((h) => h.kind === 'ORGANIZATION' && h.organizationKind === 'FEDERATION' && h.level === 'MUNICIPAL' && h.name.endsWith('妇女联合会')).map((h) => h.name))];
    const cityFederationName = city ? `${city}妇女联合会` : cityFederations.length === 1 ? cityFederations[0] : null;
    const cityFederation = cityFederationName ? this.hits.find((h) => h.kind === 'ORGANIZATION' && h.name === cityFederationName) : undefined;
    if (!cityFederation) return;
    for (const h of this.hits) {
      if (h.kind !== 'ORGANIZATION' || h.parentHit || !/^(ALLIANCE|STUDIO)$/.test(h.organizationKind ?? '') || !/三八红旗/.test(h.name)) continue;
      if (h.level !== null && h.level !== 'MUNICIPAL' && h.level !== undefined) continue;
      if (this.hierarchy.some((x) => x.child.name === h.name)) continue;
      this.hierarchy.push({
        child: h,
        parent: cityFederation,
        stated: false,
        span: { start: h.start, end: h.end, locator: h.locator },
        evidence: ['federation-title-body'],
        note: `named after a federation title; stands under ${city}'s federation (the federation system, not the text)`,
      });
    }
    for (const h of this.hits) {
      if (h.kind !== 'ORGANIZATION' || h.parentHit || h.organizationKind !== 'FEDERATION' || h.level !== 'COUNTY') continue;
      if (!h.name.endsWith('妇女联合会')) continue;
      if (this.hierarchy.some((x) => x.child.name === h.name)) continue;
      this.hierarchy.push({
        child: h,
        parent: cityFederation,
        stated: false,
        span: { start: h.start, end: h.end, locator: h.locator },
        evidence: ['federation-hierarchy'],
        note: `a ${h.level === 'COUNTY' ? 'district or county' : 'lower'} federation in a ${city} document stands under ${city}'s (the federation system, not the text)`,
      });
    }
  }

  /**
   * A town's or subdistrict's federation (青峰镇妇联, 清溪街道妇联) stands under the federation of the
   * county or district its name or the document sets it in, when the document names that one (implied).
   */
  private addTownshipFederations(): void {
    const federations = this.hits.filter((h) => h.kind === 'ORGANIZATION' && h.organizationKind === 'FEDERATION' && h.name.endsWith('妇女联合会'));
    const counties = federations.filter((h) => h.level === 'COUNTY');
    for (const h of federations) {
      if (h.level !== 'TOWNSHIP' || h.parentHit || this.hierarchy.some((x) => x.child.name === h.name)) continue;
      const county = placePrefix(h.name).parts.find((p) => p.level === 'COUNTY')?.name ?? this.docPlace.find((p) => p.level === 'COUNTY')?.name;
      if (!county) continue;
      const parents = [...new Set(counties.filter((c) => placePrefix(c.name).parts.some((p) => p.name === county)).map((c) => c.name))];
      if (parents.length !== 1) continue;
      const parent = counties.find((c) => c.name === parents[0])!;
      this.hierarchy.push({
        child: h,
        parent,
        stated: false,
        span: { start: h.start, end: h.end, locator: h.locator },
        evidence: ['federation-hierarchy'],
        note: `a township federation of ${county} stands under ${county}'s federation (the federation system, not the text)`,
      });
    }
  }

  // ---- the extraction -------------------------------------------------------------------------

  private build(): Extraction {
    const sorted = [...this.hits].sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id);
    const byName = new Map<string, EntityMention>();
    const keyOf = new Map<number, string>();
    const entities: EntityMention[] = [];
    for (const h of sorted) {
      const id = `${h.kind}|${h.name}`;
      let mention = byName.get(id);
      if (!mention) {
        mention = {
          key: `e${entities.length + 1}`,
          kind: h.kind,
          name: h.name,
          written: [],
          spans: [],
          fields: { stated: ['name'], inferred: [] },
          evidence: [],
        };
        if (h.kind === 'ORGANIZATION') {
          mention.organizationKind = h.organizationKind ?? null;
          mention.level = h.level ?? null;
          mention.fields.inferred.push('kind', 'level');
        }
        if (h.kind === 'HONOR') {
          mention.level = h.level ?? null;
          mention.variantOfName = h.variantOfName ?? null;
          mention.conferredByKey = null;
          mention.fields.inferred.push('level');
        }
        byName.set(id, mention);
        entities.push(mention);
      }
      if (h.kind === 'ORGANIZATION') {
        mention.organizationKind ??= h.organizationKind ?? null;
        mention.level ??= h.level ?? null;
      }
      if (!mention.written.includes(h.written)) mention.written.push(h.written);
      if (!mention.spans.some((s) => s.start === h.start && s.end === h.end)) mention.spans.push({ start: h.start, end: h.end, locator: h.locator });
      for (const e of h.evidence) if (!mention.evidence.includes(e)) mention.evidence.push(e);
      keyOf.set(h.id, mention.key);
    }
    const key = (h: RawHit) => keyOf.get(h.id)!;
    for (const m of entities) {
      if (m.kind !== 'HONOR') continue;
      const conferrer = this.conferrers.get(m.name);
      if (conferrer) {
        m.conferredByKey = key(conferrer);
        m.fields.stated.push('conferredBy');
        m.evidence.push('conferrer:decides');
      }
    }
    const awards: AwardFact[] = [];
    for (const a of this.awards) {
      const recipientKey = key(a.recipient);
      const honorKey = key(a.honor);
      if (awards.some((x) => x.recipientKey === recipientKey && x.honorKey === honorKey && x.year === a.year)) continue;
      awards.push({ recipientKey, honorKey, year: a.year, yearStated: a.yearStated, yearNote: a.yearNote, span: a.span, evidence: a.evidence });
    }
    const memberships: MembershipFact[] = [];
    for (const m of this.memberships) {
      const memberKey = key(m.member);
      const organizationKey = key(m.organization);
      if (memberships.some((x) => x.memberKey === memberKey && x.organizationKey === organizationKey && x.role === m.role)) continue;
      memberships.push({ memberKey, organizationKey, role: m.role, span: m.span, evidence: m.evidence });
    }
    const hierarchy: HierarchyFact[] = [];
    for (const h of this.hierarchy) {
      const childKey = key(h.child);
      const parentKey = key(h.parent);
      if (childKey === parentKey || hierarchy.some((x) => x.childKey === childKey && x.parentKey === parentKey)) continue;
      hierarchy.push({ childKey, parentKey, stated: h.stated, span: h.span, evidence: h.evidence, note: h.note });
      const child = entities.find((e) => e.key === childKey);
      if (child) (h.stated ? child.fields.stated : child.fields.inferred).push('parent');
    }
    const context: DocumentContext = { ...this.context, issuerKey: this.issuerHit ? key(this.issuerHit) : null };
    return { context, entities, awards, memberships, hierarchy, programLinks: [], figures: [] };
  }
}

/** Sentences of a line (offsets in it), ending at 。！？. */
function sentencesOf(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (SENTENCE_BREAK.test(text[i]) || i === text.length - 1) {
      out.push({ start, end: i + 1, text: text.slice(start, i + 1) });
      start = i + 1;
    }
  }
  return out;
}
