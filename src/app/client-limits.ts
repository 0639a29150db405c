import http from 'node:http';

/**
 * How many requests that reach Neo4j may run at once: per client and in total. The total stays
 * below the driver's pool (50 connections), so no burst, anonymous or not, can take every
 * connection; the per-client share keeps one client from taking the total. A request over either
 * limit is answered 429 at once, before its body is read and before anything reaches Neo4j.
 */
export interface ConcurrencyLimits {
  /** Requests one client (token `sub`, else remote address) may have running at once. */
  perClient: number;
  /** Requests all clients together may have running at once. */
  total: number;
}

export interface Refusal {
  status: 429;
  code: 'TOO_MANY_REQUESTS';
  message: string;
  retryAfterSeconds: number;
}

const RETRY_AFTER_SECONDS = 1;

export class ConcurrencyLimiter {
  private running = 0;
  private readonly byClient = new Map<string, number>();

  constructor(readonly limits: ConcurrencyLimits) {}

  /** A release function when the request may run, else why not; release exactly once. */
  tryAcquire(client: string): (() => void) | Refusal {
    const mine = this.byClient.get(client) ?? 0;
    if (mine >= this.limits.perClient) {
      return refusal(`Too many concurrent requests from this client: at most ${this.limits.perClient} at once (CLIENT_MAX_CONCURRENT_REQUESTS)`);
    }
    if (this.running >= this.limits.total) {
      return refusal(`The server is running its limit of ${this.limits.total} concurrent requests (MAX_CONCURRENT_REQUESTS)`);
    }
    this.running += 1;
    this.byClient.set(client, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      const left = (this.byClient.get(client) ?? 1) - 1;
      if (left <= 0) this.byClient.delete(client);
      else this.byClient.set(client, left);
    };
  }

  /** Requests running now (for metrics and tests). */
  get inUse(): number {
    return this.running;
  }

  /**
   * Holds a slot for `client` until the response is finished or its connection closes, or answers
   * 429 itself; true when the request may go on. What /graphql and /export call first.
   */
  admit(client: string, res: http.ServerResponse, refuse: (res: http.ServerResponse, refusal: Refusal) => void): boolean {
    const admitted = this.tryAcquire(client);
    if (typeof admitted !== 'function') {
      res.setHeader('retry-after', String(admitted.retryAfterSeconds));
      refuse(res, admitted);
      return false;
    }
    res.once('close', admitted);
    res.once('finish', admitted);
    return true;
  }
}

function refusal(message: string): Refusal {
  return { status: 429, code: 'TOO_MANY_REQUESTS', message: `${message}; retry after ${RETRY_AFTER_SECONDS} s`, retryAfterSeconds: RETRY_AFTER_SECONDS };
}

/** The client a request counts against: its token's subject when it has a valid one, else its address. */
export function clientKey(req: http.IncomingMessage, subject: string | undefined): string {
  return subject ? `sub:${subject}` : `addr:${req.socket.remoteAddress ?? 'unknown'}`;
}
