import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { Citation, citationsOf } from '../api/citation.type';
import { Qualifier, QualifierProvenanceInput, checkQualifierProvenance, qualifiersOf } from '../api/qualifier.type';
import { Recipient } from '../api/recipient.type';
import { Award } from './award.type';
import { Honor } from './honor.type';
import { AwardRow } from './honor.repository';
import { NodeRepository } from '../nodes/node.repository';
import { Arg, Authorized, ID, Int, Mutation } from 'type-graphql';
import { checkId, checkIds } from '../api/id';
import { AwardService, RevokedAward } from './award.service';
import { RevokeAwardPayload } from './revoke-award.type';
import { LOCATORS } from '../api/descriptions';
import { checkLocators } from '../api/locators';

/** An award's two ends and its sources. */
@Resolver(() => Award)
export class AwardResolver {
  @FieldResolver(() => Recipient, { description: 'Who received the honor.' })
  recipient(@Root() award: AwardRow, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(award.recipientId);
  }

  @FieldResolver(() => Honor, { description: 'The honor received.' })
  honor(@Root() award: AwardRow, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(award.honorId);
  }

  @FieldResolver(() => [Citation], { description: 'Where this award is reported.' })
  sources(@Root() award: AwardRow) {
    return citationsOf(award);
  }

  @FieldResolver(() => [Qualifier], { description: 'Its year (when known), stated or inferred on its own, with its note and sources.' })
  qualifiers(@Root() award: AwardRow) {
    return qualifiersOf('RECEIVED', award);
  }

  // ---- mutations

  @Authorized('editor')
  @Mutation(() => Award, { description: 'Records that a person or organization received an honor in a year. Idempotent: the same three never make a second award; new sourceIds are added.' })
  awardHonor(
    @Arg('recipientId', () => ID, { description: 'The person or organization that received the honor.' }) recipientId: string,
    @Arg('honorId', () => ID, { description: 'The honor received.' }) honorId: string,
    @Arg('year', () => Int, { description: 'The year of the award (four digits); one award per recipient, honor and year.' }) year: number,
    @Arg('sourceIds', () => [ID], { nullable: true, description: 'Ids of the sources that state the award; each must exist. New ones are added to an existing award.' }) sourceIds: string[] | null,
    @Arg('locators', () => [String], { nullable: true, description: LOCATORS }) locators: string[] | null,
    @Arg('yearProvenance', () => QualifierProvenanceInput, {
      nullable: true,
      description: "Whether the year is stated or inferred, with its note and sources, when that differs from the award's (e.g. a stated award of an inferred year). Given for an award already recorded, it replaces the year's provenance.",
    })
    yearProvenance: QualifierProvenanceInput | null,
    @Ctx() ctx: Context,
  ) {
    const sources = checkIds(sourceIds, 'sourceIds');
    return ctx
      .get(AwardService)
      .award(ctx.viewer, checkId(recipientId, 'recipientId'), checkId(honorId, 'honorId'), year, sources, checkQualifierProvenance(yearProvenance, 'yearProvenance'), checkLocators(locators, sources));
  }

  @Authorized('admin')
  @Mutation(() => RevokeAwardPayload, {
    description: 'Removes an award (admin). It stays in history and can be undone. Answers what a client cache needs: the removed award\'s id and key, its recipient and honor, the revision.',
  })
  revokeAward(
    @Arg('recipientId', () => ID, { description: 'The recipient of the award to remove.' }) recipientId: string,
    @Arg('honorId', () => ID, { description: 'The honor of the award to remove.' }) honorId: string,
    @Arg('year', () => Int, { description: 'The year of the award to remove.' }) year: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(AwardService).revoke(ctx.viewer, checkId(recipientId, 'recipientId'), checkId(honorId, 'honorId'), year);
  }
}

/** The ends of a revoked award, read after the removal (so their award lists no longer hold it). */
@Resolver(() => RevokeAwardPayload)
export class RevokeAwardPayloadResolver {
  @FieldResolver(() => Recipient, { description: 'Who had received the honor: refetch or update its awards.' })
  recipient(@Root() revoked: RevokedAward, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(revoked.recipientId);
  }

  @FieldResolver(() => Honor, { description: 'The honor: refetch or update its recipients.' })
  honor(@Root() revoked: RevokedAward, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(revoked.honorId);
  }
}
