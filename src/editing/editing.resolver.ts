import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { Context } from '../api/context';
import { EntityType } from '../api/entity-type';
import { checkId } from '../api/id';
import { check, nameProblem } from '../api/validation';
import { Node } from '../api/node.type';
import { Award } from '../honors/award.type';
import { Honor } from '../honors/honor.type';
import { Membership } from '../organizations/membership.type';
import { Organization } from '../organizations/organization.type';
import { Person } from '../people/person.type';
import { Program } from '../programs/program.type';
import { Source } from '../sources/source.type';
import {
  CreateHonorInput,
  CreateOrganizationInput,
  CreatePersonInput,
  CreateProgramInput,
  CreateSourceInput,
  UpdateHonorInput,
  UpdateOrganizationInput,
  UpdatePersonInput,
  UpdateProgramInput,
  UpdateSourceInput,
  given,
} from './editing.input';
import { EditingRepository } from './editing.repository';

const ids = (list: string[] | null | undefined, field: string) => list?.map((id, i) => checkId(id, `${field}[${i}]`)) ?? null;
const optionalText = (value: string | null | undefined, field: string) => {
  if (value != null) check(field, value, nameProblem);
  return value ?? null;
};

@Resolver()
export class EditingResolver {
  @Authorized('editor')
  @Mutation(() => Person, { description: 'Adds a person; CONFLICT with candidates when the name matches one, unless allowDuplicate.' })
  createPerson(@Arg('input', () => CreatePersonInput) input: CreatePersonInput, @Ctx() ctx: Context) {
    return ctx.get(EditingRepository).create(ctx.viewer, {
      type: EntityType.PERSON,
      name: input.name,
      aliases: input.aliases,
      nameEn: input.nameEn,
      props: {},
      sourceIds: ids(input.sourceIds, 'sourceIds'),
      allowDuplicate: input.allowDuplicate,
    });
  }

  @Authorized('editor')
  @Mutation(() => Organization, { description: 'Adds an organization, optionally under a parent.' })
  createOrganization(@Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput, @Ctx() ctx: Context) {
    const parentId = input.parentId != null ? checkId(input.parentId, 'parentId') : null;
    return ctx.get(EditingRepository).create(
      ctx.viewer,
      {
        type: EntityType.ORGANIZATION,
        name: input.name,
        aliases: input.aliases,
        nameEn: input.nameEn,
        props: { kind: input.kind, level: input.level ?? null },
        sourceIds: ids(input.sourceIds, 'sourceIds'),
        allowDuplicate: input.allowDuplicate,
      },
      parentId ? (rec, id) => ctx.get(EditingRepository).setParentIn(rec, id, parentId) : undefined,
    );
  }

  @Authorized('editor')
  @Mutation(() => Honor, { description: 'Adds an honor (title).' })
  createHonor(@Arg('input', () => CreateHonorInput) input: CreateHonorInput, @Ctx() ctx: Context) {
    return ctx.get(EditingRepository).create(ctx.viewer, {
      type: EntityType.HONOR,
      name: input.name,
      aliases: input.aliases,
      nameEn: input.nameEn,
      props: { level: input.level ?? null },
      sourceIds: ids(input.sourceIds, 'sourceIds'),
      allowDuplicate: input.allowDuplicate,
    });
  }

  @Authorized('editor')
  @Mutation(() => Program, { description: 'Adds a program, optionally with the organizations that ran it.' })
  createProgram(@Arg('input', () => CreateProgramInput) input: CreateProgramInput, @Ctx() ctx: Context) {
    const organizerIds = ids(input.organizerIds, 'organizerIds') ?? [];
    return ctx.get(EditingRepository).create(
      ctx.viewer,
      {
        type: EntityType.PROGRAM,
        name: input.name,
        aliases: input.aliases,
        nameEn: input.nameEn,
        props: { kind: input.kind, year: input.year ?? null, startDate: input.startDate ?? null },
        sourceIds: ids(input.sourceIds, 'sourceIds'),
        allowDuplicate: input.allowDuplicate,
      },
      async (rec, id) => {
        for (const organizationId of organizerIds) {
          await ctx.get(EditingRepository).linkRelIn(rec, 'linkProgramOrganizer', 'ORGANIZED', organizationId, id, input.sourceIds);
        }
      },
    );
  }

  @Authorized('editor')
  @Mutation(() => Source, { description: 'Adds a source document; its title is checked for duplicates.' })
  createSource(@Arg('input', () => CreateSourceInput) input: CreateSourceInput, @Ctx() ctx: Context) {
    return ctx.get(EditingRepository).create(ctx.viewer, {
      type: EntityType.SOURCE,
      name: input.title,
      props: { kind: input.kind, published: input.published ?? null, publisher: input.publisher ?? null, language: input.language ?? null },
      allowDuplicate: input.allowDuplicate,
      nameProperty: 'title',
    });
  }

  @Authorized('editor')
  @Mutation(() => Person)
  updatePerson(@Arg('id', () => ID) id: string, @Arg('input', () => UpdatePersonInput) input: UpdatePersonInput, @Ctx() ctx: Context) {
    return ctx.get(EditingRepository).update(ctx.viewer, EntityType.PERSON, checkId(id), {
      name: input.name,
      aliases: input.aliases,
      nameEn: input.nameEn,
      props: {},
      sourceIds: ids(input.sourceIds, 'sourceIds'),
    });
  }

  @Authorized('editor')
  @Mutation(() => Organization)
  updateOrganization(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput, @Ctx() ctx: Context) {
    return ctx.get(EditingRepository).update(ctx.viewer, EntityType.ORGANIZATION, checkId(id), {
      name: input.name,
      aliases: input.aliases,
      nameEn: input.nameEn,
      props: given(input, ['kind', 'level'], ['level']),
      sourceIds: ids(input.sourceIds, 'sourceIds'),
    });
  }

  @Authorized('editor')
  @Mutation(() => Honor)
  updateHonor(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateHonorInput) input: UpdateHonorInput, @Ctx() ctx: Context) {
    return ctx.get(EditingRepository).update(ctx.viewer, EntityType.HONOR, checkId(id), {
      name: input.name,
      aliases: input.aliases,
      nameEn: input.nameEn,
      props: given(input, ['level'], ['level']),
      sourceIds: ids(input.sourceIds, 'sourceIds'),
    });
  }

  @Authorized('editor')
  @Mutation(() => Program)
  updateProgram(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateProgramInput) input: UpdateProgramInput, @Ctx() ctx: Context) {
    return ctx.get(EditingRepository).update(ctx.viewer, EntityType.PROGRAM, checkId(id), {
      name: input.name,
      aliases: input.aliases,
      nameEn: input.nameEn,
      props: given(input, ['kind', 'year', 'startDate'], ['year', 'startDate']),
      sourceIds: ids(input.sourceIds, 'sourceIds'),
    });
  }

  @Authorized('editor')
  @Mutation(() => Source)
  updateSource(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateSourceInput) input: UpdateSourceInput, @Ctx() ctx: Context) {
    return ctx.get(EditingRepository).update(
      ctx.viewer,
      EntityType.SOURCE,
      checkId(id),
      { name: input.title, props: given(input, ['kind', 'published', 'publisher', 'language'], ['published', 'publisher', 'language']) },
      'title',
    );
  }

  @Authorized('editor')
  @Mutation(() => Organization, { description: 'Puts an organization under another (null: top level); refuses cycles.' })
  setOrganizationParent(
    @Arg('id', () => ID) id: string,
    @Arg('parentId', () => ID, { nullable: true }) parentId: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(EditingRepository).setOrganizationParent(ctx.viewer, checkId(id), parentId == null ? null : checkId(parentId, 'parentId'));
  }

  @Authorized('editor')
  @Mutation(() => Award, { description: 'Records that a person or organization received an honor in a year. Idempotent: the same three never make a second award; new sourceIds are added.' })
  awardHonor(
    @Arg('recipientId', () => ID) recipientId: string,
    @Arg('honorId', () => ID) honorId: string,
    @Arg('year', () => Int) year: number,
    @Arg('sourceIds', () => [ID], { nullable: true }) sourceIds: string[] | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(EditingRepository).awardHonor(ctx.viewer, checkId(recipientId, 'recipientId'), checkId(honorId, 'honorId'), year, ids(sourceIds, 'sourceIds'));
  }

  @Authorized('admin')
  @Mutation(() => Boolean, { description: 'Removes an award (admin). It stays in history and can be undone.' })
  revokeAward(
    @Arg('recipientId', () => ID) recipientId: string,
    @Arg('honorId', () => ID) honorId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(EditingRepository).revokeAward(ctx.viewer, checkId(recipientId, 'recipientId'), checkId(honorId, 'honorId'), year);
  }

  @Authorized('editor')
  @Mutation(() => Membership, { description: 'Records that a person or organization belongs to an organization in a role. Idempotent per role.' })
  addMembership(
    @Arg('memberId', () => ID) memberId: string,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('role', () => String, { nullable: true }) role: string | null,
    @Arg('since', () => String, { nullable: true, description: 'YYYY, YYYY-MM or YYYY-MM-DD.' }) since: string | null,
    @Arg('sourceIds', () => [ID], { nullable: true }) sourceIds: string[] | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(EditingRepository).addMembership(
      ctx.viewer,
      checkId(memberId, 'memberId'),
      checkId(organizationId, 'organizationId'),
      optionalText(role, 'role'),
      since,
      ids(sourceIds, 'sourceIds'),
    );
  }

  @Authorized('editor')
  @Mutation(() => Membership, { description: 'Ends a membership: sets its until date.' })
  endMembership(
    @Arg('memberId', () => ID) memberId: string,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('role', () => String, { nullable: true }) role: string | null,
    @Arg('until', () => String, { description: 'YYYY, YYYY-MM or YYYY-MM-DD.' }) until: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(EditingRepository).endMembership(ctx.viewer, checkId(memberId, 'memberId'), checkId(organizationId, 'organizationId'), optionalText(role, 'role'), until);
  }

  @Authorized('editor')
  @Mutation(() => Program, { description: 'Records an organization as a partner of a program. Idempotent.' })
  linkProgramPartner(
    @Arg('programId', () => ID) programId: string,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('sourceIds', () => [ID], { nullable: true }) sourceIds: string[] | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(EditingRepository).linkProgramPartner(ctx.viewer, checkId(programId, 'programId'), checkId(organizationId, 'organizationId'), ids(sourceIds, 'sourceIds'));
  }

  @Authorized('admin')
  @Mutation(() => Node, {
    description: 'Merges a duplicate into the node kept (admin): every relationship and property moves over, the merged name becomes an alias.',
  })
  mergeEntities(@Arg('keepId', () => ID) keepId: string, @Arg('mergeId', () => ID) mergeId: string, @Ctx() ctx: Context) {
    return ctx.get(EditingRepository).mergeEntities(ctx.viewer, checkId(keepId, 'keepId'), checkId(mergeId, 'mergeId'));
  }
}
