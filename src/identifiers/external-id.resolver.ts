import { Arg, ClassType, Ctx, FieldResolver, ID, Authorized, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { checkId } from '../api/id';
import { EntityRow, Node } from '../api/node.type';
import { Honor } from '../honors/honor.type';
import { Organization } from '../organizations/organization.type';
import { Person } from '../people/person.type';
import { Program } from '../programs/program.type';
import { Source } from '../sources/source.type';
import { ExternalId, ExternalIdChange, externalIdsOf } from './external-id.type';
import { ExternalIdRepository } from './external-id.repository';
import { ExternalIdService, ExternalIdResult, externalIdArgument } from './external-id.service';
import { Citation } from '../api/citation.type';

const EXTERNAL_ID_ARG = 'Q42, http://www.wikidata.org/entity/Q42 (or its https or /wiki/ address), an http(s) URL, or an 18-character Unified Social Credit Code.';

/** `externalIds` on one entity type: its identifiers with their citations. */
function externalIdsField(type: ClassType | Function) {
  @Resolver(() => type)
  class ExternalIdsFieldResolver {
    @FieldResolver(() => [ExternalId], { description: 'Identifiers outside the graph (Wikidata, official website, USCC), each with its source; never null.' })
    externalIds(@Root() node: EntityRow) {
      return externalIdsOf(node);
    }
  }
  return ExternalIdsFieldResolver;
}

export const PersonExternalIdsResolver = externalIdsField(Person);
export const OrganizationExternalIdsResolver = externalIdsField(Organization);
export const HonorExternalIdsResolver = externalIdsField(Honor);
export const ProgramExternalIdsResolver = externalIdsField(Program);
export const SourceExternalIdsResolver = externalIdsField(Source);

const change = (result: ExternalIdResult): ExternalIdChange => {
  const { sourceId, locator, ...id } = result.externalId;
  const sources = sourceId ? [Object.assign(new Citation(), { sourceId, locator: locator || null })] : [];
  return { entity: result.entity, externalId: Object.assign(new ExternalId(), { ...id, sources }), revisionId: result.revisionId };
};

/** The lookup by an external identifier and the two mutations that edit them. */
@Resolver()
export class ExternalIdResolver {
  @Query(() => Node, { nullable: true, description: 'The node an external identifier names (Q42, a Wikidata IRI, a website URL, a USCC); null when none does.' })
  nodeByExternalId(@Arg('externalId', { description: EXTERNAL_ID_ARG }) externalId: string, @Ctx() ctx: Context) {
    return ctx.get(ExternalIdRepository).byExternalId(externalIdArgument(externalId).stored);
  }

  @Authorized('editor')
  @Mutation(() => ExternalIdChange, {
    description:
      'Gives an entity an external identifier, cited by a source (given again: its citation is replaced). CONFLICT when another node holds it; a USCC only for an organization.',
  })
  async addExternalId(
    @Arg('entityId', () => ID, { description: 'The person, organization, honor, program or source.' }) entityId: string,
    @Arg('externalId', { description: EXTERNAL_ID_ARG }) externalId: string,
    @Arg('sourceId', () => ID, { nullable: true, description: 'The source that gives the identifier (must exist).' }) sourceId: string | null,
    @Arg('locator', () => String, { nullable: true, description: 'Where in the source (¶5); at most 200 characters, only with a sourceId.' }) locator: string | null,
    @Ctx() ctx: Context,
  ) {
    const source = sourceId == null ? null : checkId(sourceId, 'sourceId');
    return change(await ctx.get(ExternalIdService).add(ctx.viewer, checkId(entityId, 'entityId'), externalId, source, locator));
  }

  @Authorized('editor')
  @Mutation(() => ExternalIdChange, { description: 'Removes an external identifier from an entity; NOT_FOUND when it does not hold it.' })
  async removeExternalId(
    @Arg('entityId', () => ID, { description: 'The entity holding it.' }) entityId: string,
    @Arg('externalId', { description: EXTERNAL_ID_ARG }) externalId: string,
    @Ctx() ctx: Context,
  ) {
    return change(await ctx.get(ExternalIdService).remove(ctx.viewer, checkId(entityId, 'entityId'), externalId));
  }
}
