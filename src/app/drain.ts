import http from 'node:http';
import net from 'node:net';

/** How long a connection (or the listener) must be quiet, once the drain has begun, to be closed. */
const LINGER_MS = 250;
/** The same for a connection that has sent nothing yet: its client may be slow to write its request. */
const FRESH_LINGER_MS = 1_000;
const POLL_MS = 25;
/**
 * Looks that a connection (or the listener) must pass, quiet, before it is closed. Each look is a
 * turn of the event loop, which reads what the kernel holds: a request already sent, or a
 * connection already made, is seen before it is closed, however late a loaded process is.
 */
const QUIET_LOOKS = 3;

export interface DrainReport {
  /** Requests in progress when the drain began, or arriving after it (those are answered 503). */
  requests: number;
  /** Connections cut at the deadline with a request still in progress. */
  cut: number;
}

interface Connection {
  busy: number;
  idleSince: number;
  bytesRead: number;
  quietLooks: number;
}

/**
 * The graceful stop of a node:http server (SIGTERM): every request in progress finishes and
 * answers with `connection: close`; a request or connection that arrives meanwhile is answered
 * (the app answers 503 while `draining`); a connection is closed once it is quiet, and the listener
 * once no connection has come for a while, so that what follows is refused; at the deadline
 * whatever is left is cut.
 *
 * Not `server.close()`: since Node 19 it destroys at once every connection without a request in
 * progress, including one whose request is sent but not yet read, and closing the listener at once
 * resets the connections still in its accept queue: requests sent just before SIGTERM were reset
 * (ECONNRESET). Not Apollo's drain plugin either: it ends a socket after its response without
 * telling the client, which may already be sending its next request on it ("socket hang up",
 * sometimes after the request ran).
 */
export class HttpDrain {
  private readonly connections = new Map<net.Socket, Connection>();
  private readonly responses = new Set<http.ServerResponse>();
  private began = 0;
  private requests = 0;
  private lastConnectionAt = 0;
  private listenerQuietLooks = 0;
  private stopping: Promise<DrainReport> | undefined;
  /** Closed when the drain begins: owners of upgraded sockets (the live WebSocket) close their own. */
  private readonly closers: (() => Promise<void>)[] = [];

  constructor(private readonly server: http.Server) {
    server.on('connection', (socket: net.Socket) => {
      this.lastConnectionAt = Date.now();
      this.listenerQuietLooks = 0;
      this.connections.set(socket, { busy: 0, idleSince: Date.now(), bytesRead: 0, quietLooks: 0 });
      socket.once('close', () => this.connections.delete(socket));
    });
    // An upgraded socket (WebSocket) leaves HTTP: its owner closes it, with a close frame, via onDrain.
    server.on('upgrade', (req: http.IncomingMessage) => this.connections.delete(req.socket));
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const connection = this.connections.get(req.socket);
      if (connection) connection.busy += 1;
      this.responses.add(res);
      if (this.draining) {
        this.requests += 1;
        res.setHeader('connection', 'close');
      }
      res.once('close', () => {
        this.responses.delete(res);
        if (connection) {
          connection.busy -= 1;
          connection.idleSince = Date.now();
          connection.quietLooks = 0;
        }
      });
    });
  }

  /** Runs `close` when the drain begins; the drain ends once it has resolved too. */
  onDrain(close: () => Promise<void>): void {
    this.closers.push(close);
  }

  get draining(): boolean {
    return this.stopping !== undefined;
  }

  /** Drains within `graceMs`; resolves once the listener and every connection are closed. */
  stop(graceMs: number): Promise<DrainReport> {
    this.stopping ??= this.drain(graceMs);
    return this.stopping;
  }

  private async drain(graceMs: number): Promise<DrainReport> {
    this.began = Date.now();
    const closed = Promise.all(this.closers.map((close) => close()));
    this.requests = this.responses.size;
    for (const res of this.responses) if (!res.headersSent) res.setHeader('connection', 'close');
    const deadline = this.began + graceMs;
    let listenerClosed: Promise<void> | undefined;
    // net.Server's close: stops listening, without http's closing of idle connections.
    const closeListener = () => {
      listenerClosed ??= new Promise<void>((resolve) => net.Server.prototype.close.call(this.server, () => resolve()));
    };
    if (!this.server.listening) closeListener();
    let cut = 0;
    for (;;) {
      const now = Date.now();
      if (!listenerClosed) {
        this.listenerQuietLooks += 1;
        if (this.listenerQuietLooks >= QUIET_LOOKS && now - Math.max(this.lastConnectionAt, this.began) >= LINGER_MS) closeListener();
      }
      for (const [socket, connection] of this.connections) {
        if (socket.bytesRead !== connection.bytesRead) {
          // Part of a request (its headers, say) has arrived: not quiet.
          connection.bytesRead = socket.bytesRead;
          connection.idleSince = now;
          connection.quietLooks = 0;
        } else if (connection.busy === 0) connection.quietLooks += 1;
        const quietFor = now - Math.max(connection.idleSince, this.began);
        const linger = socket.bytesRead === 0 ? FRESH_LINGER_MS : LINGER_MS;
        if (connection.busy === 0 && connection.quietLooks >= QUIET_LOOKS && quietFor >= linger) socket.destroy();
      }
      if (listenerClosed && this.connections.size === 0) break;
      if (now >= deadline) {
        closeListener();
        for (const [socket, connection] of this.connections) {
          if (connection.busy > 0) cut += 1;
          socket.destroy();
        }
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await listenerClosed;
    await closed;
    return { requests: this.requests, cut };
  }
}
