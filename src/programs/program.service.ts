import type { Viewer } from '../auth/viewer';
import { EntityType } from '../api/entity-type';
import { given } from '../api/named.input';
import { EntityRow } from '../api/node.type';
import { NamedEntities, createSpec, updateSpec } from '../editing/named-entities';
import { Recorder } from '../editing/recorder';
import { checkIds } from '../api/id';
import { lock, mutate, provenance, requireEntity, requireSources, unionCitations } from '../editing/write';
import { Graph } from '../db/graph';
import { CreateProgramInput, UpdateProgramInput } from './program.input';
import { ProgramLink, ProgramRepository } from './program.repository';

/** An editor's changes to programs and the organizations that ran them or partnered in them. */
export class ProgramService {
  constructor(
    private readonly graph: Graph,
    private readonly programs: ProgramRepository,
    private readonly named: NamedEntities,
  ) {}

  async create(viewer: Viewer, input: CreateProgramInput): Promise<EntityRow> {
    const organizerIds = checkIds(input.organizerIds, 'organizerIds') ?? [];
    const id = await this.named.create(
      viewer,
      createSpec(EntityType.PROGRAM, input, { kind: input.kind, year: input.year ?? null, startDate: input.startDate ?? null }, organizerIds),
      async (rec, id) => {
        for (const organizationId of organizerIds) {
          await this.linkIn(rec, 'linkProgramOrganizer', 'ORGANIZED', organizationId, id, input.sourceIds);
        }
      },
    );
    return this.programs.byIdFresh(id);
  }

  async update(viewer: Viewer, id: string, input: UpdateProgramInput): Promise<EntityRow> {
    await this.named.update(viewer, EntityType.PROGRAM, id, updateSpec(input, given(input, ['kind', 'year', 'startDate'], ['year', 'startDate'])));
    return this.programs.byIdFresh(id);
  }

  /** Links the organization to the program; linking again adds only the new citations (`locators` aligned with `sourceIds`). */
  async linkIn(
    rec: Recorder,
    operation: string,
    type: ProgramLink['type'],
    organizationId: string,
    programId: string,
    sourceIds?: string[] | null,
    locators?: string[] | null,
  ): Promise<void> {
    await requireEntity(rec.tx, 'programId', programId, ['Program'], 'a program');
    await requireEntity(rec.tx, 'organizationId', organizationId, ['Organization'], 'an organization');
    await requireSources(rec.tx, sourceIds);
    await lock(rec.tx, programId);
    const rel: ProgramLink = { type, from: organizationId, to: programId, key: type === 'PARTNERED' ? 'partner' : 'organizer' };
    const existing = await rec.rel(rel.type, rel.from, rel.to, rel.key);
    await rec.tracked(operation, { nodes: [], rels: [rel] }, async () => {
      const props = existing.props
        ? unionCitations(existing.props, sourceIds ?? [], locators)
        : { ...provenance(sourceIds, locators), inferred: false, note: null, createdBy: rec.actor.sub };
      await this.programs.mergeOrganizationLink(rec.tx, rel, props);
    });
  }

  async linkPartner(viewer: Viewer, programId: string, organizationId: string, sourceIds?: string[] | null): Promise<EntityRow> {
    await mutate(this.graph, viewer, (rec) => this.linkIn(rec, 'linkProgramPartner', 'PARTNERED', organizationId, programId, sourceIds));
    return this.programs.byIdFresh(programId);
  }
}
