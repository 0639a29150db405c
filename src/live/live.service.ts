import { GraphQLError } from 'graphql';
import type { LiveSettings } from '../config';
import { badInput, notFound } from '../api/errors';
import { citedIds, Snapshot } from '../editing/snapshot';
import { mentionedIds, revisionChanges } from '../history/revision-diff';
import { LiveRepository, LogRow } from './live.repository';

/** What one subscription follows. */
export type LiveTopic =
  | { kind: 'revisions' }
  | { kind: 'entity'; id: string }
  | { kind: 'organization'; id: string }
  | { kind: 'honorAwards'; id: string };

/** Told about subscriptions and events, for /metrics. */
export interface LiveObserver {
  subscriptions(delta: number): void;
  delivered(): void;
  /** A slow subscriber was dropped with `events` undelivered. */
  dropped(events: number): void;
}

/** The connection a subscription belongs to: counted per connection, closed when it falls behind. */
export interface LiveOwner {
  key: object;
  dropSlow(reason: string): void;
}

/** Revisions read from the log per round trip, by the poller and by a catch-up. */
const PAGE = 200;

/** A revision as the fan-out reads it, parsed once for every subscriber. */
export interface LogEntry {
  row: LogRow;
  mentioned: Set<string>;
  /** Honors an award (a RECEIVED edge) to was added. */
  awarded: Set<string>;
  /** The sources the statements it touched cite, before or after. */
  sourceIds: string[];
}

function entryOf(row: LogRow): LogEntry {
  const awarded = new Set<string>();
  for (const change of revisionChanges(row.before, row.after)) {
    if (change.relationship === 'RECEIVED' && change.action === 'ADDED' && change.toId) awarded.add(change.toId);
  }
  const before = JSON.parse(row.before) as Snapshot;
  const after = JSON.parse(row.after) as Snapshot;
  const sourceIds = [...new Set([...citedIds({ nodes: before.nodes ?? {}, rels: before.rels ?? [] }), ...citedIds({ nodes: after.nodes ?? {}, rels: after.rels ?? [] })])].sort();
  return { row, mentioned: new Set(mentionedIds(row.entityIds ?? [], row.before, row.after)), awarded, sourceIds };
}

type Scopes = Map<string, Set<string>>;

function matches(topic: LiveTopic, entry: LogEntry, scopes: Scopes): boolean {
  switch (topic.kind) {
    case 'revisions':
      return true;
    case 'entity':
      return entry.mentioned.has(topic.id);
    case 'honorAwards':
      return entry.awarded.has(topic.id);
    case 'organization': {
      const under = scopes.get(topic.id);
      if (entry.mentioned.has(topic.id)) return true;
      for (const id of entry.mentioned) if (under?.has(id)) return true;
      return false;
    }
  }
}

const tooMany = (message: string) => new GraphQLError(message, { extensions: { code: 'TOO_MANY_REQUESTS' } });

/**
 * One subscription's events, in log order, each once: first what it missed since `after` (read
 * from the log page by page, as fast as the client takes them), then what the feed fans out.
 * Events wait in a buffer of LIVE_BUFFER_EVENTS; one more and the subscriber is dropped.
 */
export class LiveStream implements AsyncIterableIterator<LogEntry> {
  private readonly queue: LogEntry[] = [];
  private waiting: ((result: IteratorResult<LogEntry>) => void) | null = null;
  private done = false;
  joined = false;

  constructor(
    private readonly feed: LiveFeed,
    readonly topic: LiveTopic,
    /** The last position this subscription has passed (delivered or not matching). */
    public cursor: number,
    readonly owner: LiveOwner,
  ) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  /** A revision of the log, in order; those at or before the cursor were seen already. */
  offer(entry: LogEntry, scopes: Scopes): void {
    if (this.done || entry.row.position <= this.cursor) return;
    this.cursor = entry.row.position;
    if (!matches(this.topic, entry, scopes)) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      this.feed.observer.delivered();
      resolve({ value: entry, done: false });
    } else if (this.joined && this.queue.length >= this.feed.settings.bufferEvents) {
      this.dropSlow();
    } else this.queue.push(entry);
  }

  async next(): Promise<IteratorResult<LogEntry>> {
    for (;;) {
      if (this.queue.length) {
        this.feed.observer.delivered();
        return { value: this.queue.shift()!, done: false };
      }
      if (this.done) return { value: undefined, done: true };
      if (!this.joined) {
        await this.feed.catchUp(this);
        continue;
      }
      return new Promise((resolve) => (this.waiting = resolve));
    }
  }

  async return(): Promise<IteratorResult<LogEntry>> {
    this.end();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<LogEntry>> {
    this.end();
    throw error;
  }

  /** Ends the stream: the client completed, the connection closed or the server stops. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.queue.length = 0;
    this.feed.remove(this);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({ value: undefined, done: true });
  }

  private dropSlow(): void {
    const lost = this.queue.length + 1;
    this.end();
    this.feed.observer.dropped(lost);
    this.owner.dropSlow(`slow consumer: more than ${this.feed.settings.bufferEvents} events waited (LIVE_BUFFER_EVENTS)`);
  }
}

/**
 * One instance's follower of the revision log: a poller reads revisions past the last position
 * it fanned out (every LIVE_POLL_MS, sooner when nudged after a commit of this instance) and
 * offers each to every subscription, in position order. Every instance follows the same log in
 * Neo4j, so every instance delivers every change.
 */
export class LiveFeed {
  /** The last position fanned out. */
  head = 0;
  /** Streams in the fan-out (level with the head). */
  private readonly streams = new Set<LiveStream>();
  /** Every open stream, catching up or in the fan-out. */
  private readonly counted = new Set<LiveStream>();
  private readonly perOwner = new Map<object, number>();
  private total = 0;
  private started: Promise<void> | null = null;
  private polling: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  private nudged = false;
  private stopped = false;

  constructor(
    private readonly repository: LiveRepository,
    readonly settings: LiveSettings,
    readonly observer: LiveObserver,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Reads the log's head and starts polling (at the first subscription); resolves once the head is known. */
  start(): Promise<void> {
    this.started ??= this.repository.head().then(
      (head) => {
        this.head = head;
        void this.loop();
      },
      (error) => {
        this.started = null; // the next subscription tries again
        throw error;
      },
    );
    return this.started;
  }

  /** Asks for a poll now (this instance just committed). */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** Stops polling and ends every subscription. */
  stop(): void {
    this.stopped = true;
    this.wake?.();
    for (const stream of [...this.counted]) stream.end();
  }

  get subscriptions(): number {
    return this.total;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.nudged = false;
      try {
        await this.poll();
      } catch (error) {
        this.onError(error);
      }
      if (this.stopped || this.nudged) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.settings.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** Reads and fans out every revision past the head; one poll at a time. */
  poll(): Promise<void> {
    const run = this.polling.then(() => this.pollOnce());
    this.polling = run.catch(() => undefined);
    return run;
  }

  private async pollOnce(): Promise<void> {
    if (!this.streams.size) {
      // Nobody to fan out to: move to the log's head without reading the revisions. A stream
      // that joined meanwhile needs them, so the head moves only while there is none.
      const head = await this.repository.head();
      if (!this.streams.size) {
        this.head = Math.max(this.head, head);
        return;
      }
    }
    for (;;) {
      const rows = await this.repository.since(this.head, null, PAGE);
      if (!rows.length) return;
      const entries = rows.map(entryOf);
      const scopes: Scopes = new Map();
      // Subscriptions may join while scopes are read; read again until every one joined has its own.
      for (;;) {
        const missing = [...new Set([...this.streams].flatMap((s) => (s.topic.kind === 'organization' && !scopes.has(s.topic.id) ? [s.topic.id] : [])))];
        if (!missing.length) break;
        for (const [id, under] of await this.scopes(missing, entries)) scopes.set(id, under);
      }
      // From here to the head's move nothing awaits: a subscription joins before or after the batch, whole.
      for (const entry of entries) for (const stream of this.streams) stream.offer(entry, scopes);
      this.head = rows[rows.length - 1].position;
      if (rows.length < PAGE) return;
    }
  }

  private async scopes(organizations: string[], entries: LogEntry[]): Promise<Scopes> {
    const ids = [...new Set(entries.flatMap((entry) => [...entry.mentioned]))];
    const found = await this.repository.underOrganizations(organizations, ids);
    for (const id of organizations) if (!found.has(id)) found.set(id, new Set());
    return found;
  }

  /**
   * A new subscription: checks the caps, the topic and `after` (within the retention), and
   * returns its stream. Without `after` it starts at the log's head.
   */
  async open(topic: LiveTopic, after: number | null | undefined, owner: LiveOwner): Promise<LiveStream> {
    await this.start();
    if (this.stopped) throw new GraphQLError('The server is shutting down; subscribe again', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    const held = this.perOwner.get(owner.key) ?? 0;
    if (held >= this.settings.maxSubscriptionsPerConnection) {
      throw tooMany(`A connection may hold at most ${this.settings.maxSubscriptionsPerConnection} subscriptions at once (LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION)`);
    }
    if (this.total >= this.settings.maxSubscriptions) {
      throw tooMany(`The server holds its most subscriptions (${this.settings.maxSubscriptions}, LIVE_MAX_SUBSCRIPTIONS); retry later`);
    }
    if (topic.kind !== 'revisions') {
      const label = topic.kind === 'organization' ? 'Organization' : topic.kind === 'honorAwards' ? 'Honor' : 'Entity';
      if (!(await this.repository.exists(topic.id, label))) throw notFound(label === 'Entity' ? 'Node' : label, topic.id);
    }
    // The log's head, not this instance's: a subscription made now gets what commits from now on.
    const head = await this.repository.head();
    if (after != null) {
      if (!Number.isSafeInteger(after) || after < 0) throw badInput('after', `must be a position a revision event carried (0 or more), got ${after}`);
      if (after > head) throw badInput('after', `is past the log's last position (${head})`);
      const oldest = head - this.settings.retentionRevisions;
      if (after < oldest) {
        throw new GraphQLError(
          `after: position ${after} is older than the ${this.settings.retentionRevisions} revisions kept for resuming (LIVE_RETENTION_REVISIONS); the oldest position to resume from is ${oldest}. Read what changed with recentChanges, then subscribe without after`,
          { extensions: { code: 'POSITION_EXPIRED', oldestPosition: oldest, field: 'after' } },
        );
      }
    }
    const cursor = after ?? head;
    if (this.stopped) throw new GraphQLError('The server is shutting down; subscribe again', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    const stream = new LiveStream(this, topic, cursor, owner);
    this.perOwner.set(owner.key, (this.perOwner.get(owner.key) ?? 0) + 1);
    this.total += 1;
    this.observer.subscriptions(1);
    this.counted.add(stream);
    // Level with (or ahead of) what this instance has fanned out, it joins at once: the fan-out
    // skips what it has passed. Behind it, it catches up from the log first.
    if (cursor >= this.head) {
      stream.joined = true;
      this.streams.add(stream);
    }
    return stream;
  }

  /** One page of what a catching-up stream missed; it joins the fan-out once level with the head. */
  async catchUp(stream: LiveStream): Promise<void> {
    const upTo = this.head;
    if (stream.cursor >= upTo) {
      if (!this.counted.has(stream)) return;
      stream.joined = true;
      this.streams.add(stream);
      return;
    }
    const rows = await this.repository.since(stream.cursor, upTo, PAGE);
    const entries = rows.map(entryOf);
    const scopes = stream.topic.kind === 'organization' ? await this.scopes([stream.topic.id], entries) : new Map();
    for (const entry of entries) stream.offer(entry, scopes);
    // Past the last row read (and past positions deleted since) up to the head read from.
    if (rows.length < PAGE && stream.cursor < upTo) stream.cursor = upTo;
  }

  /** A stream ended: it leaves the fan-out and the counts. */
  remove(stream: LiveStream): void {
    this.streams.delete(stream);
    if (!this.counted.delete(stream)) return;
    this.total -= 1;
    this.observer.subscriptions(-1);
    const held = (this.perOwner.get(stream.owner.key) ?? 1) - 1;
    if (held > 0) this.perOwner.set(stream.owner.key, held);
    else this.perOwner.delete(stream.owner.key);
  }
}

/** What a subscription's context carries besides the request's: the feed and the connection. */
export interface LiveSession {
  feed: LiveFeed;
  owner: LiveOwner;
}

/**
 * type-graphql asks for a PubSub as soon as a schema has subscriptions, even when each has its own
 * `subscribe`, as ours do. There is no in-process topic here: events come from the revision log.
 */
export const NO_PUBSUB = {
  publish(): never {
    throw new Error('live events come from the revision log in Neo4j, never from an in-process publish');
  },
  subscribe(): never {
    throw new Error('every subscription has its own subscribe (src/live/live.resolver.ts)');
  },
};
