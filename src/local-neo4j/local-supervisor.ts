import type { DatabaseHealth } from '../db/connect';

/**
 * Keeps the embedded Neo4j running: when its JVM exits without stop() having asked for it, it is
 * started again on the same port and data folder, after a delay that doubles from
 * `initialBackoffMs` to `maxBackoffMs`. The driver reconnects by itself once Bolt answers again.
 * After `maxFailedRestarts` failures in a row (a start that fails, or a process that dies again
 * before it has stayed up for `maxBackoffMs`) the supervisor gives up: the app is then not alive,
 * and an orchestrator should restart it.
 */
import type { LocalRestartPolicy } from '../config';
import { LocalNeo4j, LocalNeo4jExit, LocalNeo4jOptions, startLocalNeo4j } from './local-neo4j';

export type LocalNeo4jState = 'up' | 'restarting' | 'failed' | 'stopped';

/** What /readyz and /healthz say about a database process the app runs itself. */

const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0];
const exitText = (exit: LocalNeo4jExit) => (exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`);

export class LocalNeo4jSupervisor {
  private current: LocalNeo4j | null = null;
  private state: LocalNeo4jState = 'up';
  private reason: string | undefined;
  private upSince = 0;
  private restarts = 0;
  private failedInARow = 0;
  private timer: NodeJS.Timeout | undefined;
  private starting: Promise<LocalNeo4j> | undefined;
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly options: LocalNeo4jOptions,
    private readonly policy: LocalRestartPolicy,
    private readonly log: (line: string) => void,
  ) {}

  /** Starts the embedded Neo4j (a failure here is the caller's: nothing is retried) and watches it. */
  static async start(options: LocalNeo4jOptions, policy: LocalRestartPolicy, log: (line: string) => void): Promise<LocalNeo4jSupervisor> {
    const supervisor = new LocalNeo4jSupervisor(options, policy, log);
    supervisor.watch(await startLocalNeo4j(options));
    return supervisor;
  }

  /** The Bolt URI; the same across restarts (same port). */
  get uri(): string {
    return `bolt://127.0.0.1:${this.options.port ?? 7687}`;
  }

  /** The running process, or null while it is down. */
  get process(): LocalNeo4j | null {
    return this.current;
  }

  health(): DatabaseHealth & { detail: { state: LocalNeo4jState; restarts: number; failedRestarts: number } } {
    const detail = { state: this.state, restarts: this.restarts, failedRestarts: this.failedInARow };
    if (this.state === 'up') return { live: true, ready: true, detail };
    return { live: this.state !== 'failed', ready: false, reason: this.reason, detail };
  }

  /** Stops Neo4j cleanly and restarts nothing any more, including a start under way. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      clearTimeout(this.timer);
      const starting = this.starting;
      if (starting) await starting.then((started) => started.stop(), () => {});
      await this.current?.stop();
      this.current = null;
      this.state = 'stopped';
      this.reason = 'the embedded Neo4j has been stopped';
    })();
    return this.stopping;
  }

  private watch(neo4j: LocalNeo4j): void {
    this.current = neo4j;
    this.state = 'up';
    this.reason = undefined;
    this.upSince = Date.now();
    this.log(`the local Neo4j is up (pid ${neo4j.pid}, Bolt on 127.0.0.1:${neo4j.port})`);
    void neo4j.exited.then((exit) => {
      if (exit.requested || this.stopping) return;
      this.current = null;
      // A process that stayed up a while starts a fresh series; one that died soon after a
      // restart counts as a failed restart.
      if (Date.now() - this.upSince >= this.policy.maxBackoffMs) this.failedInARow = 0;
      else if (this.restarts > 0) this.failedInARow += 1;
      this.scheduleRestart(`the local Neo4j (pid ${neo4j.pid}) exited unexpectedly (${exitText(exit)})`);
    });
  }

  private scheduleRestart(why: string): void {
    if (this.failedInARow >= this.policy.maxFailedRestarts) {
      this.state = 'failed';
      this.reason = `${why}; gave up after ${this.failedInARow} failed restart(s) in a row (NEO4J_LOCAL_MAX_RESTARTS=${this.policy.maxFailedRestarts}): restart the app`;
      this.log(this.reason);
      return;
    }
    const delay = Math.min(this.policy.maxBackoffMs, this.policy.initialBackoffMs * 2 ** this.failedInARow);
    const attempt = this.failedInARow + 1;
    this.state = 'restarting';
    this.reason = `${why}; restarting it (attempt ${attempt} of ${this.policy.maxFailedRestarts})`;
    this.log(`${why}; restarting it in ${delay} ms (attempt ${attempt} of ${this.policy.maxFailedRestarts})`);
    this.timer = setTimeout(() => void this.restart(attempt), delay);
  }

  private async restart(attempt: number): Promise<void> {
    if (this.stopping) return;
    const started = Date.now();
    this.starting = startLocalNeo4j(this.options);
    try {
      const neo4j = await this.starting;
      if (this.stopping) return; // stop() stops it
      this.restarts += 1;
      this.log(`the local Neo4j restarted in ${Date.now() - started} ms (attempt ${attempt}, ${this.restarts} restart(s) since the app started)`);
      this.watch(neo4j);
    } catch (error) {
      if (this.stopping) return;
      this.failedInARow += 1;
      this.scheduleRestart(`the local Neo4j failed to restart (${firstLine(error)})`);
    } finally {
      this.starting = undefined;
    }
  }
}
