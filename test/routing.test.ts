import { Driver, Session, SessionConfig } from 'neo4j-driver';
import { startServer, RunningServer } from '../src/app/app';
import { DEFAULT_LIMITS } from '../src/config';
import { openDatabase, Database } from '../src/db/connect';
import { BOOKMARK_HEADER, MAX_BOOKMARKS } from '../src/db/bookmarks';
import { bearer, TEST_JWT_SECRET } from './support/app';

/**
 * The app over `neo4j://`, the routing scheme of clusters and Aura: against the test run's
 * standalone Neo4j 5, which answers routing requests with itself in every role. Two app instances
 * on the one Neo4j, each with its own driver (and bookmark manager), as two pods behind a load
 * balancer would be.
 */
const routingUri = () => {
  const uri = process.env.TEST_NEO4J_URI;
  if (!uri) throw new Error('TEST_NEO4J_URI is not set: run the tests through jest');
  return uri.replace(/^bolt(\+s|\+ssc)?:\/\//, 'neo4j$1://');
};
const settings = {
  user: process.env.TEST_NEO4J_USER ?? 'neo4j',
  password: process.env.TEST_NEO4J_PASSWORD ?? '',
  database: process.env.TEST_NEO4J_DATABASE ?? 'neo4j',
  connectTimeoutMs: 30_000,
};

interface Instance {
  database: Database;
  server: RunningServer;
  /** The config of every session the instance's driver opened since the last `sessions.length = 0`. */
  sessions: SessionConfig[];
  post(query: string, headers?: Record<string, string>): Promise<{ status: number; body: any; bookmark: string | null }>;
}

/** Records each session's config and lets the driver open it as usual: nothing is answered here. */
function recordSessions(driver: Driver, into: SessionConfig[]): void {
  const open = driver.session.bind(driver);
  driver.session = (config?: SessionConfig): Session => {
    into.push({ ...config });
    return open(config);
  };
}

async function startInstance(): Promise<Instance> {
  const database = await openDatabase(routingUri(), settings as any);
  const sessions: SessionConfig[] = [];
  recordSessions(database.driver, sessions);
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    graph: database.graph,
    auth: { jwtSecret: TEST_JWT_SECRET, readsRequireAuth: false },
    limits: { ...DEFAULT_LIMITS, requestTimeoutMs: 60_000, transactionTimeoutMs: 45_000 },
  });
  return {
    database,
    server,
    sessions,
    async post(query, headers = {}) {
      const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      return { status: response.status, body: await response.json(), bookmark: response.headers.get(BOOKMARK_HEADER) };
    },
  };
}

let a: Instance;
let b: Instance;

beforeAll(async () => {
  a = await startInstance();
  b = await startInstance();
});

afterAll(async () => {
  for (const instance of [a, b]) {
    if (!instance) continue;
    await instance.database.graph.write("MATCH (n:Person) WHERE n.name STARTS WITH '测试路由' DETACH DELETE n");
    await instance.database.graph.write("MATCH (r:Revision) WHERE r.actor STARTS WITH 'test-routing' DETACH DELETE r");
    await instance.server.stop();
    await instance.database.close();
  }
});

const modeOf = (config: SessionConfig) => config.defaultAccessMode;

describe('neo4j:// routing', () => {
  it('the standalone Neo4j answers routing: one server, a writer, a reader and a router', async () => {
    expect(a.database.uri).toMatch(/^neo4j:\/\//);
    const { records } = await a.database.driver.executeQuery('CALL dbms.routing.getRoutingTable({}, $database) YIELD servers RETURN servers', { database: settings.database }, { database: settings.database, routing: 'READ' });
    const roles = (records[0].get('servers') as { role: string; addresses: string[] }[]).map((server) => server.role).sort();
    expect(roles).toEqual(['READ', 'ROUTE', 'WRITE']);
  });

  it("the app's reads run as READ transactions, which Neo4j refuses to write in", async () => {
    await expect(a.database.graph.read("CREATE (n:Person {id: 'test-routing-refused', name: '测试路由拒绝'}) RETURN n.id AS id")).rejects.toMatchObject({
      code: 'Neo.ClientError.Statement.AccessMode',
    });
    const [left] = await a.database.graph.read("MATCH (n:Person {id: 'test-routing-refused'}) RETURN count(n) AS n");
    expect(left.n).toBe(0);
  });

  it('a GraphQL query opens only READ sessions; a mutation writes in a WRITE one', async () => {
    a.sessions.length = 0;
    const read = await a.post('{ organization(id: "org-huainan-wf") { name children { name } awards { year } } person(id: "person-he-tingting") { name } }');
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.organization.name).toBe('淮南市妇女联合会');
    expect(a.sessions.length).toBeGreaterThan(0);
    expect(new Set(a.sessions.map(modeOf))).toEqual(new Set(['READ']));
    // A read hands back no bookmark: there is nothing of its own to wait for.
    expect(read.bookmark).toBeNull();

    a.sessions.length = 0;
    const created = await a.post('mutation { createPerson(input: { name: "测试路由读写人", allowDuplicate: true }) { id } }', bearer('editor', 'test-routing-editor'));
    expect(created.body.errors).toBeUndefined();
    expect(a.sessions.map(modeOf)).toContain('WRITE');
  });
});

describe('causal consistency across two instances, by bookmarks', () => {
  it('a write through A returns its bookmark; B, given it, waits for it and sees the write', async () => {
    const created = await a.post('mutation { createPerson(input: { name: "测试路由书签人", allowDuplicate: true }) { id name } }', bearer('editor', 'test-routing-editor'));
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data.createPerson.id;
    expect(created.bookmark).toMatch(/\S/);
    expect(created.body.extensions.bookmarks).toEqual(created.bookmark!.split(','));

    b.sessions.length = 0;
    const read = await b.post(`{ person(id: "${id}") { id name } }`, { 'HonorGraph-Bookmark': created.bookmark! });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.person).toEqual({ id, name: '测试路由书签人' });
    // B's transactions waited for A's write: every session it opened carried the bookmark.
    expect(b.sessions.length).toBeGreaterThan(0);
    for (const session of b.sessions) expect(session.bookmarks).toEqual(expect.arrayContaining(created.bookmark!.split(',')));
  });

  it('refuses a header that is no bookmark with BAD_USER_INPUT before any transaction', async () => {
    const query = '{ person(id: "person-he-tingting") { name } }';
    for (const header of ['<script>', Array.from({ length: MAX_BOOKMARKS + 1 }, (_, i) => `FB:a${i}`).join(','), `FB:${'a'.repeat(600)}`]) {
      b.sessions.length = 0;
      const refused = await b.post(query, { 'HonorGraph-Bookmark': header });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(refused.body.errors[0].message).toMatch(/^HonorGraph-Bookmark: /);
      expect(b.sessions).toEqual([]);
    }
  });

  it('refuses a well-formed bookmark Neo4j cannot read with BAD_USER_INPUT, from Neo4j itself', async () => {
    const refused = await b.post('{ person(id: "person-he-tingting") { name } }', { 'HonorGraph-Bookmark': 'FB:not-a-real-bookmark' });
    expect(refused.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.body.errors[0].message).toMatch(/does not know this bookmark/);
  });
});
