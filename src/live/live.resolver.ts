import { Arg, Ctx, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { Context } from '../api/context';
import { checkId } from '../api/id';
import { withValidTime } from '../history/history.repository';
import { visibleTo } from '../history/revision-visibility';
import { LiveSession, LiveTopic, LogEntry } from './live.service';
import { RevisionEvent } from './live.type';

type LiveContext = Context & { live?: LiveSession };

const AFTER = 'Resume after this position (the last event seen): what was missed since arrives first, in order, once each. Omitted: from now on.';

/** Opens the stream of `topic` for this subscription's connection. */
function subscribe(topic: (args: Record<string, any>) => LiveTopic) {
  return ({ args, context }: { args: Record<string, any>; context: LiveContext }) => {
    if (!context.live) {
      throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) at /graphql, not over HTTP', { extensions: { code: 'BAD_REQUEST' } });
    }
    return context.live.feed.open(topic(args), args.after, context.live.owner);
  };
}

/** The event as this subscriber may see it: actors per the history rules. */
function eventFor(entry: LogEntry, ctx: LiveContext): RevisionEvent {
  return { position: entry.row.position, revision: withValidTime(visibleTo(ctx.viewer, entry.row)) as unknown as RevisionEvent['revision'], sourceIds: entry.sourceIds };
}

@Resolver(() => RevisionEvent)
export class LiveResolver {
  @Subscription(() => RevisionEvent, {
    description: 'Every committed revision of the graph, in commit order (for mirrors).',
    subscribe: subscribe(() => ({ kind: 'revisions' })),
  })
  revisionCommitted(
    @Root() entry: LogEntry,
    @Ctx() ctx: LiveContext,
    @Arg('after', () => Int, { nullable: true, description: AFTER }) _after?: number,
  ): RevisionEvent {
    return eventFor(entry, ctx);
  }

  @Subscription(() => RevisionEvent, {
    description: 'Changes to one entity: revisions that touched it or a relationship at either of its ends.',
    subscribe: subscribe((args) => ({ kind: 'entity', id: checkId(args.id) })),
  })
  entityChanged(
    @Root() entry: LogEntry,
    @Ctx() ctx: LiveContext,
    @Arg('id', () => ID, { description: 'The entity to follow.' }) _id: string,
    @Arg('after', () => Int, { nullable: true, description: AFTER }) _after?: number,
  ): RevisionEvent {
    return eventFor(entry, ctx);
  }

  @Subscription(() => RevisionEvent, {
    description:
      'Changes under an organization: to it, to the organizations PART_OF it (its subtree, up to 20 levels), to their members, and awards to any of them.',
    subscribe: subscribe((args) => ({ kind: 'organization', id: checkId(args.id) })),
  })
  organizationChanged(
    @Root() entry: LogEntry,
    @Ctx() ctx: LiveContext,
    @Arg('id', () => ID, { description: 'The organization whose subtree to follow.' }) _id: string,
    @Arg('after', () => Int, { nullable: true, description: AFTER }) _after?: number,
  ): RevisionEvent {
    return eventFor(entry, ctx);
  }

  @Subscription(() => RevisionEvent, {
    description: 'New awards of an honor: revisions that added a RECEIVED statement to it.',
    subscribe: subscribe((args) => ({ kind: 'honorAwards', id: checkId(args.id) })),
  })
  honorAwarded(
    @Root() entry: LogEntry,
    @Ctx() ctx: LiveContext,
    @Arg('id', () => ID, { description: 'The honor to follow.' }) _id: string,
    @Arg('after', () => Int, { nullable: true, description: AFTER }) _after?: number,
  ): RevisionEvent {
    return eventFor(entry, ctx);
  }
}
