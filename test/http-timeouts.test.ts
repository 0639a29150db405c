import net from 'node:net';
import { TestApp, startTestApp } from './support/app';

/** Slow and numerous clients, over raw sockets, against the real server with small HTTP limits. */

interface Probe {
  socket: net.Socket;
  /** Everything the server sent. */
  received: () => string;
  /** Resolves with the milliseconds from connecting until the server closed the connection. */
  closed: Promise<number>;
}

function connect(port: number): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    const started = Date.now();
    socket.on('data', (chunk) => (data += chunk));
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - started)));
    socket.on('error', () => {}); // a reset shows as 'close'
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

/** Writes `chunks` one every `everyMs` until the server closes the connection. */
function trickle(probe: Probe, chunks: () => string, everyMs: number): void {
  const timer = setInterval(() => {
    if (!probe.socket.destroyed && probe.socket.writable) probe.socket.write(chunks());
  }, everyMs);
  void probe.closed.then(() => clearInterval(timer));
}

const GET_HEALTH = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n';

describe('HTTP timeouts', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ http: { headersTimeoutMs: 500, requestTimeoutMs: 1_500, keepAliveTimeoutMs: 500, maxConnections: 100 } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('a client sending its headers one slow line at a time is cut with 408 after the header timeout', async () => {
    const probe = await connect(app.server.port);
    probe.socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\n');
    trickle(probe, () => 'X-Slow: still-coming\r\n', 100);
    const ms = await probe.closed;
    expect(probe.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(5_000);
  });

  it('a client that connects and sends nothing is cut after the header timeout', async () => {
    const probe = await connect(app.server.port);
    const ms = await probe.closed;
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(5_000);
  });

  it('a client sending its body one byte at a time is cut with 408 after the request timeout', async () => {
    const probe = await connect(app.server.port);
    probe.socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    trickle(probe, () => ' ', 100);
    const ms = await probe.closed;
    expect(probe.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(ms).toBeGreaterThanOrEqual(1_400);
    expect(ms).toBeLessThan(6_000);
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const probe = await connect(app.server.port);
    probe.socket.write(GET_HEALTH);
    const answeredAfter = await new Promise<number>((resolve) => {
      const started = Date.now();
      probe.socket.once('data', () => resolve(Date.now() - started));
    });
    expect(probe.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Connection: keep-alive\r\n/);
    const ms = await probe.closed;
    // node:http closes about a second after the advertised timeout, so that a client reusing the
    // connection at the last moment does not race the close.
    expect(ms - answeredAfter).toBeGreaterThanOrEqual(450);
    expect(ms - answeredAfter).toBeLessThan(4_000);
  });

  it('a normal request is not hurt by the timeouts', async () => {
    const response = await app.post({ query: '{ organization(id: "org-huainan-wf") { name } }' });
    expect(response.status).toBe(200);
    expect(response.body.data.organization.name).toBe('淮南市妇女联合会');
  });
});

describe('HTTP connection cap', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ http: { headersTimeoutMs: 20_000, requestTimeoutMs: 20_000, keepAliveTimeoutMs: 20_000, maxConnections: 3 } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('connections over HTTP_MAX_CONNECTIONS are closed at once, unanswered, while those under it still work', async () => {
    const held = [await connect(app.server.port), await connect(app.server.port), await connect(app.server.port)];
    try {
      // The server has seen the three (a request answered on each) before the fourth comes.
      for (const probe of held) {
        probe.socket.write(GET_HEALTH);
        await new Promise((resolve) => probe.socket.once('data', resolve));
      }
      const over = await connect(app.server.port);
      over.socket.write(GET_HEALTH);
      const ms = await over.closed;
      expect(over.received()).toBe('');
      expect(ms).toBeLessThan(2_000);
      // The ones under the cap still answer.
      const before = held[0].received().length;
      held[0].socket.write(GET_HEALTH);
      await new Promise((resolve) => held[0].socket.once('data', resolve));
      expect(held[0].received().slice(before)).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      // Once one closes, a new connection is let in.
      held[2].socket.destroy();
      await held[2].closed;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const next = await connect(app.server.port);
      next.socket.write(GET_HEALTH);
      await new Promise((resolve) => next.socket.once('data', resolve));
      expect(next.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      next.socket.destroy();
    } finally {
      for (const probe of held) probe.socket.destroy();
    }
  });
});
