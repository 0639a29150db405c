import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { findFreePort } from '../src/local-neo4j/local-neo4j';

const MAIN = path.resolve(__dirname, '../dist/main.js');

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

/** Runs the built server (`npm start` without the build step) with the given environment. */
function run(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, NODE_ENV: 'development', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout!.on('data', (chunk) => stdout.push(...String(chunk).split('\n').filter(Boolean)));
  child.stderr!.on('data', (chunk) => stderr.push(...String(chunk).split('\n').filter(Boolean)));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout, stderr, exit };
}

async function waitFor(lines: string[], pattern: RegExp, ms = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    for (const line of lines) {
      const match = line.match(pattern);
      if (match) return match;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no line matching ${pattern} in:\n${lines.join('\n')}`);
}

describe('starting the server', () => {
  it('connects to NEO4J_URI, says where it listens and how long it took, answers, and stops cleanly on SIGTERM', async () => {
    const server = run({ NEO4J_URI: process.env.TEST_NEO4J_URI!, PORT: '0', HOST: '127.0.0.1' });
    try {
      const [, url] = await waitFor(server.stdout, /GraphQL at (http:\/\/localhost:\d+\/graphql).*ready in [\d.]+ s/);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: '{ organizations(where: {name: {eq: "市妇联"}}) { edges { node { awards { honor { name } } } } } }',
        }),
      });
      const body = (await response.json()) as any;
      expect(body.data.organizations.edges[0].node.awards).toHaveLength(3);
      // The request's log line is JSON with its id; the start-up lines stay plain.
      const [logLine] = await waitFor(server.stdout, /^\{.*"msg":"graphql request".*\}$/);
      expect(JSON.parse(logLine)).toMatchObject({ requestId: body.extensions.requestId, cypherRoundTrips: expect.any(Number) });
      server.child.kill('SIGTERM');
      expect(await server.exit).toBe(0);
      expect(server.stdout.join('\n')).toMatch(/SIGTERM: no new requests; finishing those in flight[\s\S]*SIGTERM: stopped cleanly/);
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('stops with one clear line naming NEO4J_URI when it is malformed', async () => {
    const server = run({ NEO4J_URI: 'http://127.0.0.1:7474', PORT: '0' });
    expect(await server.exit).toBe(1);
    expect(server.stderr).toHaveLength(1);
    expect(server.stderr[0]).toMatch(/cannot start: NEO4J_URI: scheme must be one of/);
  });

  it('stops with one clear line naming NEO4J_URI when nothing answers there', async () => {
    const port = await findFreePort();
    const server = run({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_CONNECT_TIMEOUT_MS: '1500', PORT: '0' });
    expect(await server.exit).toBe(1);
    expect(server.stderr).toHaveLength(1);
    expect(server.stderr[0]).toMatch(/cannot start: NEO4J_URI: no answer within 2 s/);
  });

  it('stops with one clear line naming PORT when another program holds it', async () => {
    const holder = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => holder.once('listening', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const server = run({ NEO4J_URI: process.env.TEST_NEO4J_URI!, PORT: String(port), HOST: '127.0.0.1' });
      expect(await server.exit).toBe(1);
      expect(server.stderr).toHaveLength(1);
      expect(server.stderr[0]).toMatch(new RegExp(`cannot start: PORT: ${port} is already in use`));
    } finally {
      holder.close();
    }
  });
});
