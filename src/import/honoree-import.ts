import { GraphQLError } from 'graphql';
import { Viewer } from '../auth/viewer';
import { EntityType } from '../api/entity-type';
import { badInput } from '../api/errors';
import { EntityRow } from '../api/node.type';
import { nameProblem, yearProblem } from '../api/validation';
import { Graph } from '../db/graph';
import { DuplicateRepository } from '../duplicates/duplicate.repository';
import { NamedEntities } from '../editing/named-entities';
import { Recorder } from '../editing/recorder';
import { mutate, nodeIn } from '../editing/write';
import { AwardService } from '../honors/award.service';
import { OrganizationKind } from '../api/organization-kind';
import { OrganizationService } from '../organizations/organization.service';
import { nameKey } from '../text/normalize';
import { unsafeTextProblem } from '../text/unicode';
import { ImportRepository } from './import.repository';
import { HonoreeRowInput, ImportReport, ImportRowResult, ImportRowStatus } from './import.type';

/** Thrown to roll a dry run back after it has done everything a real run would. */
class DryRun extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

class Rejected extends Error {}

/** At most this many rows in one import (a list, or a CSV file's data rows). */
export const MAX_ROWS = 5000;

/**
 * Imports a published list in one transaction. A dry run performs the same writes and rolls them
 * back, so what it reports (matched, created, rejected, also between rows of the same file) is
 * exactly what the real run does.
 */
export class HonoreeImport {
  constructor(
    private readonly graph: Graph,
    private readonly imports: ImportRepository,
    private readonly duplicates: DuplicateRepository,
    private readonly named: NamedEntities,
    private readonly organizations: OrganizationService,
    private readonly awards: AwardService,
  ) {}

  async run(viewer: Viewer, rows: HonoreeRowInput[], dryRun: boolean): Promise<ImportReport> {
    if (rows.length === 0) throw badInput('rows', 'must hold at least one row');
    if (rows.length > MAX_ROWS) throw badInput('rows', `must hold at most ${MAX_ROWS} rows, got ${rows.length}; split the file`);
    try {
      return await mutate(this.graph, viewer, async (rec) => {
        // One revision for the whole list: the report names it, and one undo reverts the import.
        const report = await rec.batched('importHonorees', () => this.rows(rec, rows, dryRun));
        if (dryRun) throw new DryRun(report);
        if (report.rejected > 0) {
          const first = report.rows.find((r) => r.status === ImportRowStatus.REJECTED)!;
          throw new GraphQLError(
            `rows[${first.row - 1}].${first.reason}; ${report.rejected} of ${rows.length} rows rejected, nothing was imported (run with dryRun for the full report)`,
            { extensions: { code: 'BAD_USER_INPUT', field: `rows[${first.row - 1}]`, report } },
          );
        }
        return { ...report, revisionId: rec.lastRevisionId };
      });
    } catch (error) {
      if (error instanceof DryRun) return error.report;
      throw error;
    }
  }

  private async rows(rec: Recorder, rows: HonoreeRowInput[], dryRun: boolean): Promise<ImportReport> {
    const results: ImportRowResult[] = [];
    const seen = new Map<string, number>();
    const sources = new Map<string, EntityRow>();
    for (const [index, row] of rows.entries()) {
      const result: ImportRowResult = { row: index + 1, status: ImportRowStatus.MATCHED, name: row.name, recipientId: null, actions: [], reason: null };
      results.push(result);
      try {
        this.validate(row);
        const key = [nameKey(row.name), nameKey(row.honor), row.year, row.kind ?? ''].join('|');
        const earlier = seen.get(key);
        if (earlier) throw new Rejected(`name: duplicate of row ${earlier} (same honoree, honor and year)`);
        seen.set(key, index + 1);
        await this.row(rec, row, result, sources);
      } catch (error) {
        if (!(error instanceof Rejected) && !(error instanceof GraphQLError)) throw error;
        result.status = ImportRowStatus.REJECTED;
        result.reason = error.message;
      }
    }
    const count = (status: ImportRowStatus) => results.filter((r) => r.status === status).length;
    return {
      dryRun,
      committed: !dryRun && count(ImportRowStatus.REJECTED) === 0,
      created: count(ImportRowStatus.CREATED),
      matched: count(ImportRowStatus.MATCHED),
      rejected: count(ImportRowStatus.REJECTED),
      rows: results,
      revisionId: null,
    };
  }

  private validate(row: HonoreeRowInput): void {
    const fields: [string, unknown, (v: unknown) => string | null][] = [
      ['name', row.name, nameProblem],
      ['honor', row.honor, nameProblem],
      ['year', row.year, yearProblem],
    ];
    if (row.organization != null && row.organization !== '') fields.push(['organization', row.organization, nameProblem]);
    if (row.source != null && row.source !== '') fields.push(['source', row.source, nameProblem]);
    // A CSV's kind cell arrives as text (the GraphQL rows are checked as the enum already).
    if (row.kind != null && !Object.values(OrganizationKind).includes(row.kind)) {
      throw new Rejected(`kind: must be one of ${Object.values(OrganizationKind).join(', ')} (or blank for a person), got "${row.kind}"`);
    }
    for (const [field, value, problem] of fields) {
      // Rows are checked here, not only as GraphQL arguments: this is the door every row of a
      // file passes, and a row's text becomes names, titles and citations.
      const found = (typeof value === 'string' ? unsafeTextProblem(value) : null) ?? problem(value);
      if (found) throw new Rejected(`${field}: ${found}`);
    }
  }

  /** One existing entity by id, exact name or alias; several are ambiguous. */
  private async exact(rec: Recorder, field: string, type: EntityType, text: string): Promise<EntityRow | null> {
    const found = await this.imports.findExact(rec.tx, type, text);
    if (found.length > 1) {
      throw new Rejected(`${field}: "${text}" names ${found.length} entities (${found.map((f) => f.id).join(', ')}); use an id`);
    }
    return found[0] ?? null;
  }

  /** An exact match, else nothing as long as no likely duplicate exists (then the row is rejected). */
  private async matchOrNew(rec: Recorder, field: string, type: EntityType, text: string): Promise<EntityRow | null> {
    const exact = await this.exact(rec, field, type, text);
    if (exact) return exact;
    const candidates = await this.duplicates.candidates(text, type, (c, p) => rec.tx.run(c, p));
    if (candidates.length) {
      const list = candidates.map((c) => `${c.node.name} (${c.node.id}, ${c.reason})`).join('; ');
      throw new Rejected(`${field}: "${text}" looks like ${list}; write the name exactly as recorded, or use the id`);
    }
    return null;
  }

  private async row(rec: Recorder, row: HonoreeRowInput, result: ImportRowResult, sources: Map<string, EntityRow>) {
    const note = (line: string, created = false) => {
      result.actions.push(line);
      if (created) result.status = ImportRowStatus.CREATED;
    };
    const sourceIds: string[] = [];
    if (row.source) {
      let source = sources.get(nameKey(row.source)) ?? (await this.exact(rec, 'source', EntityType.SOURCE, row.source));
      if (source) {
        note(`source ${source.title ?? source.name} matched (${source.id})`);
      } else {
        const id = await this.named.createIn(rec, { type: EntityType.SOURCE, name: row.source, props: { kind: 'PUBLISHED_LIST' }, nameProperty: 'title' });
        source = (await nodeIn(rec.tx, id))!;
        note(`source ${source.title} created (${id})`, true);
      }
      sources.set(nameKey(row.source), source);
      sourceIds.push(source.id);
    }
    const honor = await this.exact(rec, 'honor', EntityType.HONOR, row.honor);
    if (!honor) throw new Rejected(`honor: no honor is named "${row.honor}"; create it first (createHonor) or use its id`);
    note(`honor ${honor.name} matched (${honor.id})`);

    let organization: EntityRow | null = null;
    if (row.organization) {
      organization = await this.matchOrNew(rec, 'organization', EntityType.ORGANIZATION, row.organization);
      if (organization) {
        note(`organization ${organization.name} matched (${organization.id})`);
      } else {
        const id = await this.named.createIn(rec, {
          type: EntityType.ORGANIZATION,
          name: row.organization,
          props: { kind: OrganizationKind.INSTITUTION, level: null },
          sourceIds,
        });
        organization = (await nodeIn(rec.tx, id))!;
        note(`organization ${organization.name} created as an INSTITUTION (${id})`, true);
      }
    }

    const type = row.kind ? EntityType.ORGANIZATION : EntityType.PERSON;
    const what = row.kind ? 'organization' : 'person';
    let recipient = await this.matchOrNew(rec, 'name', type, row.name);
    if (recipient) {
      if (row.kind && recipient.kind !== row.kind) throw new Rejected(`kind: ${recipient.name} (${recipient.id}) is a ${recipient.kind}, not a ${row.kind}`);
      note(`${what} ${recipient.name} matched (${recipient.id})`);
    } else {
      const id = await this.named.createIn(rec, {
        type,
        name: row.name,
        props: row.kind ? { kind: row.kind, level: null } : {},
        sourceIds,
      });
      recipient = (await nodeIn(rec.tx, id))!;
      note(`${what} ${recipient.name} created (${id})`, true);
      if (row.kind && organization) {
        await this.organizations.setParentIn(rec, id, organization.id);
        note(`${recipient.name} placed under ${organization.name}`, true);
      }
    }
    result.recipientId = recipient.id;

    const yearProvenance = row.yearInferred != null ? { inferred: row.yearInferred, note: null } : null;
    const { created } = await this.awards.awardIn(rec, recipient.id, honor.id, row.year!, sourceIds, yearProvenance);
    note(`award ${honor.name} ${row.year} ${created ? 'created' : 'already recorded'}`, created);
    if (organization && !row.kind) {
      const before = await rec.rel('MEMBER_OF', recipient.id, organization.id, 'role:');
      await this.organizations.addMembershipIn(rec, recipient.id, organization.id, null, null, sourceIds);
      note(`membership in ${organization.name} ${before.props ? 'already recorded' : 'created'}`, !before.props);
    }
  }
}
