import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLOutputType,
  GraphQLSchema,
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { TestApp, bearer, startTestApp } from './support/app';
import { databaseState } from './support/editing';
import { isFilterType } from '../src/app/input-bounds';

/**
 * Hostile input through every door: injection strings in every string argument of every query,
 * then thousands of random documents and variables. The server must stay up, answer every request
 * with JSON, give every error a code, never fail internally, and never change the graph.
 */
jest.setTimeout(120_000);

const schema: GraphQLSchema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../schema/schema.graphql'), 'utf8'));

const CYPHER_INJECTIONS = [
  `"}) MATCH (n) DETACH DELETE n //`,
  `' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //`,
  "` RETURN 1 AS x UNION MATCH (n) RETURN n //",
  `\\u0027) CALL db.labels() YIELD label RETURN label //`,
  `org-acwf' OR '1'='1`,
];
const LUCENE_INJECTIONS = ['*:*', 'name:* OR id:*', '"unterminated', '\\', '(((', '[a TO z]', '/.*/', '*'];
const INJECTIONS = [...CYPHER_INJECTIONS, ...LUCENE_INJECTIONS];
const WILDCARDS = ['*:*', '*', '/.*/'];

let app: TestApp;
let graphBefore: { nodes: number; relationships: number };

const census = async () => {
  const [row] = await app.graph.read('MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships');
  return row as { nodes: number; relationships: number };
};

beforeAll(async () => {
  app = await startTestApp();
  graphBefore = await census();
});

afterAll(async () => {
  await app.close();
});

/** Every error carries a code, and none is the server's own failure. */
function expectCodedClientErrors(body: any, context: string) {
  expect(body && typeof body === 'object').toBe(true);
  const errors: any[] = Array.isArray(body) ? body.flatMap((b) => b.errors ?? []) : (body.errors ?? []);
  for (const error of errors) {
    if (typeof error?.extensions?.code !== 'string' || error.extensions.code === 'INTERNAL_SERVER_ERROR') {
      throw new Error(`${context}: ${JSON.stringify(error)}`);
    }
  }
}

const selectionFor = (type: GraphQLOutputType): string => {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if ((isObjectType(named) || isInterfaceType(named)) && named.getFields().edges) return '{ totalCount edges { node { __typename } } }';
  return '{ __typename }';
};

/**
 * Paths to every string-typed leaf of an argument: [] for the argument itself, ['name', 'eq']
 * inside inputs; `owner` is the input type holding the leaf.
 */
function stringPaths(type: GraphQLInputType, seen = new Set<string>(), owner = ''): { path: string[]; list: boolean; owner: string }[] {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return stringPaths(nullable.ofType, seen).map((p) => ({ ...p, list: p.path.length === 0 ? true : p.list }));
  const named = getNamedType(nullable) as GraphQLNamedType;
  if (named.name === 'String' || named.name === 'ID') return [{ path: [], list: false, owner }];
  if (isInputObjectType(named) && !seen.has(named.name)) {
    const next = new Set(seen).add(named.name);
    return Object.values(named.getFields()).flatMap((field) =>
      stringPaths(field.type, next, named.name).map((p) => ({ ...p, path: [field.name, ...p.path] })),
    );
  }
  return [];
}

const placeholder = (arg: GraphQLArgument) => (getNamedType(arg.type).name === 'Int' ? 1 : 'org-acwf');

describe('injection', () => {
  // Every string argument of every query, and every string field of every input type, each once
  // (by its shortest path): nested filters reuse the same filter code with other relationships.
  const cases: { field: GraphQLField<any, any>; arg: GraphQLArgument; path: string[]; list: boolean }[] = [];
  const all = Object.values(schema.getQueryType()!.getFields()).flatMap((field) =>
    field.args.flatMap((arg) => stringPaths(arg.type).map((p) => ({ field, arg, ...p }))),
  );
  const covered = new Set<string>();
  for (const one of all.sort((a, b) => a.path.length - b.path.length)) {
    const key = one.path.length === 0 ? `${one.field.name}(${one.arg.name})` : `${one.owner}.${one.path[one.path.length - 1]}`;
    if (covered.has(key)) continue;
    covered.add(key);
    cases.push(one);
  }

  it('finds string arguments to attack in every query that has one', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it('leaves Cypher and Lucene injection strings in every string argument inert', async () => {
    let sent = 0;
    /** The request with `payload` in the argument's string leaf. */
    const send = ({ field, arg, path: leafPath, list }: (typeof cases)[number], payload: string) => {
      const variables: Record<string, unknown> = {};
      const definitions: string[] = [];
      const args = field.args
        .filter((other) => other === arg || isNonNullType(other.type))
        .map((other) => {
          definitions.push(`$${other.name}: ${other.type.toString()}`);
          if (other !== arg) variables[other.name] = placeholder(other);
          else {
            let value: unknown = list ? [payload] : payload;
            for (const key of [...leafPath].reverse()) value = { [key]: value };
            variables[other.name] = value;
          }
          return `${other.name}: $${other.name}`;
        });
      const query = `query Injection(${definitions.join(', ')}) { ${field.name}(${args.join(', ')}) ${selectionFor(field.type)} }`;
      return app.post({ query, variables });
    };
    const INNOCENT = 'test-hardening-no-such-value';
    const baselines = new Map<(typeof cases)[number], Promise<any>>();
    const baselineOf = (one: (typeof cases)[number]) => {
      if (!baselines.has(one)) baselines.set(one, send(one, INNOCENT).then((response) => response.body.data ?? null));
      return baselines.get(one)!;
    };
    const attack = async (one: (typeof cases)[number], payload: string) => {
      const response = await send(one, payload);
      sent += 1;
      const context = `${one.field.name}(${one.arg.name}.${one.path.join('.')}) = ${JSON.stringify(payload)}`;
      expect(response.status).toBeLessThan(500);
      expectCodedClientErrors(response.body, context);
      const result = response.body.data?.[one.field.name];
      if (Array.isArray(result)) {
        // Search matches words loosely (pinyin initials too), so only pure wildcards must find nothing.
        if (WILDCARDS.includes(payload)) expect({ context, found: result }).toEqual({ context, found: [] });
        return;
      }
      // Inert: the hostile string does exactly what an innocent string that names nothing does
      // (no match for eq; everything for a universal filter such as awardsAll).
      expect({ context, answer: response.body.data ?? null }).toEqual({ context, answer: await baselineOf(one) });
    };
    // 24 at a time: a few seconds even on a loaded machine.
    const queue = cases.flatMap((one) => INJECTIONS.map((payload) => () => attack(one, payload)));
    await Promise.all(Array.from({ length: 24 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }));
    process.stderr.write(`injection: ${sent} requests over ${cases.length} string arguments and input fields\n`);
    expect(await census()).toEqual(graphBefore);
  });
});

/** A document built from the schema by a stream of choices, so fast-check can shrink it. */
function documentFrom(choices: number[], strings: string[]): { query: string; variables: Record<string, unknown> } {
  let i = 0;
  const next = () => choices[i++ % choices.length] ?? 0;
  const str = () => strings.length ? strings[next() % strings.length] : '';
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  let tokens = 0;

  const literal = (type: GraphQLInputType, depth: number): string => {
    const roll = next() % 20;
    if (roll === 0) return 'null';
    if (roll === 1) return JSON.stringify(str()); // often the wrong type
    if (roll === 2) {
      const name = `v${definitions.length}`;
      definitions.push(`$${name}: ${type.toString()}`);
      const pick = next() % 6;
      variables[name] = [str(), next() - 500, null, [str()], { eq: str() }, next() % 2 === 0][pick];
      return `$${name}`;
    }
    const nullable = getNullableType(type) as GraphQLInputType;
    if (isListType(nullable)) return `[${Array.from({ length: next() % 3 }, () => literal(nullable.ofType, depth)).join(', ')}]`;
    const named = getNamedType(nullable);
    if (isEnumType(named)) {
      const values = named.getValues();
      return next() % 7 === 0 ? 'NOT_A_VALUE' : values[next() % values.length].name;
    }
    if (isInputObjectType(named)) {
      if (depth > 1) return '{}';
      const fields = Object.values(named.getFields());
      const chosen = Array.from({ length: 1 + (next() % 2) }, () => fields[next() % fields.length]);
      return `{ ${[...new Set(chosen)].map((f) => `${f.name}: ${literal(f.type, depth + 1)}`).join(', ')} }`;
    }
    switch (named.name) {
      case 'Int':
        return String([0, 1, 5, 100, 101, -1, 2 ** 31, next()][next() % 8]);
      case 'Boolean':
        return next() % 2 ? 'true' : 'false';
      default:
        return JSON.stringify(str());
    }
  };

  const selection = (type: GraphQLOutputType, depth: number): string => {
    const named = getNamedType(type);
    if (isLeafType(named)) return '';
    if (isUnionType(named)) {
      const member = named.getTypes()[next() % named.getTypes().length];
      return `{ __typename ... on ${member.name} ${selection(member, depth)} }`;
    }
    if (!isObjectType(named) && !isInterfaceType(named)) return '{ __typename }';
    if (depth <= 0 || tokens > 300) return '{ __typename }';
    const fields = Object.values(named.getFields());
    const parts: string[] = [];
    for (let n = 1 + (next() % 3); n > 0; n -= 1) {
      const field = fields[next() % fields.length];
      tokens += 5;
      const alias = next() % 9 === 0 ? `a${next() % 50}: ` : '';
      const name = next() % 23 === 0 ? `${field.name}x` : field.name;
      const args = field.args.filter((arg) => isNonNullType(arg.type) || next() % 2 === 0);
      const argText = args.length ? `(${args.map((arg) => `${arg.name}: ${literal(arg.type, 0)}`).join(', ')})` : '';
      const directive = next() % 13 === 0 ? ` @include(if: ${next() % 2 === 0})` : next() % 29 === 0 ? ' @skip(if: "yes")' : '';
      parts.push(`${alias}${name}${argText}${directive} ${selection(field.type, depth - 1)}`);
    }
    return `{ ${parts.join(' ')} }`;
  };

  const root = selection(schema.getQueryType()!, 1 + (next() % 6));
  return { query: `query Fuzz${definitions.length ? `(${definitions.join(', ')})` : ''} ${root}`, variables };
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...INJECTIONS, '淮南市妇女联合会', '市妇联', '婦聯(lián)', 'org-acwf', '', ' ', '\u0000', '\uD800'),
);

/** Bodies that are not a well-formed request at all. */
const malformedBody = fc.oneof(
  fc.string({ maxLength: 200 }).map((text) => ({ raw: text })),
  fc.string({ maxLength: 200 }).map((query) => ({ json: { query } })),
  fc.jsonValue({ maxDepth: 3 }).map((json) => ({ json })),
  fc.record({ query: fc.jsonValue({ maxDepth: 2 }), variables: fc.jsonValue({ maxDepth: 2 }), operationName: fc.jsonValue({ maxDepth: 1 }) }).map((json) => ({ json })),
);

const schemaDocument = fc
  .record({
    choices: fc.array(fc.nat({ max: 10_000 }), { minLength: 8, maxLength: 80 }),
    strings: fc.array(hostileString, { minLength: 1, maxLength: 6 }),
    extraVariables: fc.option(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })),
  })
  .map(({ choices, strings, extraVariables }) => {
    const document = documentFrom(choices, strings);
    return { json: { query: document.query, variables: { ...(extraVariables ?? {}), ...document.variables } } };
  });

describe('fuzzing', () => {
  it('survives thousands of random documents and variables, every error coded, the graph unchanged', async () => {
    let runs = 0;
    let answeredWithData = 0;
    const started = Date.now();
    const url = `http://127.0.0.1:${app.server.port}/graphql`;
    const check = async (input: { raw: string } | { json: unknown }) => {
      const body = 'raw' in input ? input.raw : JSON.stringify(input.json);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      let parsed: any;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(`status ${response.status}, not JSON: ${text.slice(0, 200)} for ${body.slice(0, 300)}`);
      }
      if (response.status >= 500) throw new Error(`status ${response.status} for ${body.slice(0, 300)}: ${text.slice(0, 300)}`);
      expectCodedClientErrors(parsed, body.slice(0, 300));
      const hasErrors = Array.isArray(parsed) ? parsed.some((b) => b.errors) : Boolean(parsed.errors);
      if (!hasErrors) {
        expect(parsed.data).toBeDefined();
        answeredWithData += 1;
      }
    };
    const input = fc.oneof({ arbitrary: schemaDocument, weight: 3 }, { arbitrary: malformedBody, weight: 1 });
    // Eight requests at once per run: the server sees concurrency, and the run stays short.
    await fc.assert(
      fc.asyncProperty(fc.array(input, { minLength: 8, maxLength: 8 }), async (inputs) => {
        runs += inputs.length;
        await Promise.all(inputs.map(check));
      }),
      { numRuns: 250, interruptAfterTimeLimit: 40_000, markInterruptAsFailure: false, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 100_000) },
    );
    const health = await fetch(`http://127.0.0.1:${app.server.port}/healthz`);
    expect(health.status).toBe(200);
    process.stderr.write(`fuzz: ${runs} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, ${answeredWithData} answered with data and no error\n`);
    // 2000 when the machine keeps up; a loaded one is cut off by the time limit, but not below this.
    expect(runs).toBeGreaterThanOrEqual(250);
    expect(await census()).toEqual(graphBefore);
  });
});

/**
 * Random filters, deep and wide, through every query that takes one: refused with BAD_USER_INPUT
 * past a bound, answered otherwise, never an internal error (a filter nested 140 deep used to
 * overflow Neo4j's parser and hang the connection).
 */
function whereFrom(type: GraphQLInputObjectType, choices: number[], strings: string[]): unknown {
  let i = 0;
  const next = () => choices[i++ % choices.length] ?? 0;
  // A spine picks filter-typed fields (AND/OR/NOT and relationships) at every level, to go deep.
  const spine = next() % 2 === 0;
  const maxDepth = 2 + (next() % 16);
  let budget = 300;
  const widths = [0, 1, 2, 3, 49, 50, 51, 120, 501, 600];
  const leaf = (type: GraphQLInputType): unknown => {
    const named = getNamedType(type);
    if (isEnumType(named)) return named.getValues()[next() % named.getValues().length].name;
    if (named.name === 'Int') return [0, 2019, 2024, -1, 2 ** 31 - 1][next() % 5];
    if (named.name === 'Boolean') return next() % 2 === 0;
    return strings[next() % strings.length];
  };
  const value = (type: GraphQLInputType, depth: number): unknown => {
    const nullable = getNullableType(type) as GraphQLInputType;
    if (isListType(nullable)) {
      const width = budget > 0 ? widths[next() % widths.length] : next() % 2;
      // Items of a wide list are cheap copies: the width is what is tested.
      const item = value(nullable.ofType, depth);
      return Array.from({ length: width }, (_, k) => (k === 0 || !isInputObjectType(getNamedType(nullable.ofType)) ? item : {}));
    }
    const named = getNamedType(nullable);
    if (!isInputObjectType(named)) return leaf(named as GraphQLInputType);
    budget -= 1;
    if (depth >= maxDepth || budget <= 0) return {};
    const fields = Object.values(named.getFields());
    const nested = fields.filter((field) => isFilterType(getNamedType(field.type)));
    const out: Record<string, unknown> = {};
    for (let n = 1 + (next() % 3); n > 0; n -= 1) {
      const pool = spine && nested.length && next() % 4 !== 0 ? nested : fields;
      const field = pool[next() % pool.length];
      out[field.name] = value(field.type, depth + 1);
    }
    return out;
  };
  return value(type, 0);
}

describe('deep and wide filters', () => {
  const filtered = Object.values(schema.getQueryType()!.getFields()).flatMap((field) =>
    field.args.filter((arg) => isFilterType(getNamedType(arg.type))).map((arg) => ({ field, arg })),
  );

  it('finds a filter argument on every list query', () => {
    expect(filtered.map(({ field }) => field.name).sort()).toEqual(['honors', 'organizations', 'people', 'programs', 'sources']);
  });

  it('never fails internally, and the limits refuse what Neo4j could not take', async () => {
    const outcomes = { answered: 0, refused: 0 };
    const url = `http://127.0.0.1:${app.server.port}/graphql`;
    const where = fc.record({
      target: fc.nat({ max: filtered.length - 1 }),
      choices: fc.array(fc.nat({ max: 10_000 }), { minLength: 8, maxLength: 60 }),
      strings: fc.array(hostileString, { minLength: 1, maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(where, { minLength: 4, maxLength: 4 }), async (cases) => {
        await Promise.all(cases.map(async ({ target, choices, strings }) => {
          const { field, arg } = filtered[target];
          const variables = { where: whereFrom(getNamedType(arg.type) as GraphQLInputObjectType, choices, strings) };
          const query = `query Filter($where: ${getNamedType(arg.type).name}) { ${field.name}(where: $where, first: 5) { totalCount edges { node { __typename } } } }`;
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query, variables }),
            signal: AbortSignal.timeout(30_000),
          });
          const body: any = await response.json();
          const context = `${field.name}(where: ${JSON.stringify(variables.where).slice(0, 300)})`;
          expect({ context, status: response.status < 500 }).toEqual({ context, status: true });
          expectCodedClientErrors(body, context);
          if (body.errors) outcomes.refused += body.errors[0].extensions.code === 'BAD_USER_INPUT' ? 1 : 0;
          else outcomes.answered += 1;
        }));
      }),
      { numRuns: 60, interruptAfterTimeLimit: 40_000, markInterruptAsFailure: false, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 100_000) },
    );
    process.stderr.write(`filters: ${outcomes.answered} answered, ${outcomes.refused} refused with BAD_USER_INPUT\n`);
    expect(outcomes.answered).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
    const ready = await fetch(`http://127.0.0.1:${app.server.port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await census()).toEqual(graphBefore);
  });
});

/**
 * Text the driver cannot store as given (a lone surrogate becomes U+FFFD), NUL and a bidi
 * override, in every string argument and every string field of every input, of every query and
 * mutation: BAD_USER_INPUT naming the field, before anything runs, even for an admin.
 */
describe('malformed Unicode in every string argument', () => {
  type Segment = string | 0;
  /** Paths to the String and ID leaves under an input type; 0 stands for a list item. */
  const leaves = (type: GraphQLInputType, seen: Set<string> = new Set()): Segment[][] => {
    const nullable = getNullableType(type) as GraphQLInputType;
    if (isListType(nullable)) return leaves(nullable.ofType, seen).map((path) => [0, ...path]);
    const named = getNamedType(nullable);
    if (named.name === 'String' || named.name === 'ID') return [[]];
    if (!isInputObjectType(named) || seen.has(named.name)) return [];
    const next = new Set(seen).add(named.name);
    return Object.values(named.getFields()).flatMap((field) => leaves(field.type, next).map((path) => [field.name, ...path]));
  };
  /** A value of the type that graphql-js would accept: required fields filled, optional ones left out. */
  const placeholder = (type: GraphQLInputType): unknown => {
    const nullable = getNullableType(type) as GraphQLInputType;
    if (isListType(nullable)) return [placeholder(nullable.ofType)];
    const named = getNamedType(nullable);
    if (isEnumType(named)) return named.getValues()[0].name;
    if (isInputObjectType(named)) {
      return Object.fromEntries(Object.values(named.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => [f.name, placeholder(f.type)]));
    }
    return { Int: 2024, Boolean: false, ID: 'org-acwf' }[named.name] ?? 'test-bounds-text';
  };
  const valueAt = (type: GraphQLInputType, path: Segment[], payload: string): unknown => {
    const nullable = getNullableType(type) as GraphQLInputType;
    if (path.length === 0) return payload;
    if (path[0] === 0) return [valueAt((nullable as any).ofType, path.slice(1), payload)];
    const named = getNamedType(nullable) as GraphQLInputObjectType;
    return { ...(placeholder(named) as object), [path[0]]: valueAt(named.getFields()[path[0]].type, path.slice(1), payload) };
  };

  // Each string field of each input type once per query or mutation (by its shortest path).
  const cases: { operation: 'query' | 'mutation'; field: GraphQLField<any, any>; arg: GraphQLArgument; path: Segment[] }[] = [];
  for (const [operation, root] of [['query', schema.getQueryType()!], ['mutation', schema.getMutationType()!]] as const) {
    for (const field of Object.values(root.getFields())) {
      const covered = new Set<string>();
      const all = field.args.flatMap((arg) => leaves(arg.type).map((path) => ({ operation, field, arg, path })));
      for (const one of all.sort((a, b) => a.path.length - b.path.length)) {
        const names = one.path.filter((segment): segment is string => segment !== 0);
        let owner: GraphQLInputType = getNamedType(one.arg.type) as GraphQLInputType;
        for (const name of names.slice(0, -1)) owner = getNamedType((owner as GraphQLInputObjectType).getFields()[name].type) as GraphQLInputType;
        const key = names.length ? `${one.arg.name}:${String(owner)}.${names[names.length - 1]}` : one.arg.name;
        if (covered.has(key)) continue;
        covered.add(key);
        cases.push(one);
      }
    }
  }
  const PAYLOADS = [
    ['a lone surrogate', 'test-\uD800', /must be well-formed Unicode \(it holds a lone surrogate\)/],
    ['NUL', 'test-\u0000', /must not contain control characters \(found U\+0000 at 5\)/],
    ['U+202E', '\u202Etest', /must not contain bidirectional control characters \(found U\+202E at 0\)/],
  ] as const;

  it('finds every string argument of every query and mutation, nested input fields included', () => {
    const fields = new Set(cases.map(({ field }) => field.name));
    for (const name of ['search', 'organizations', 'duplicateCandidates', 'createPerson', 'updateSource', 'importHonorees', 'awardHonor', 'addMembership', 'undo']) {
      expect(fields).toContain(name);
    }
    const paths = new Set(cases.map(({ field, arg, path }) => `${field.name}(${arg.name}${path.map((s) => (s === 0 ? '[0]' : `.${s}`)).join('')})`));
    for (const path of ['createPerson(input.aliases[0])', 'importHonorees(rows[0].name)', 'awardHonor(sourceIds[0])', 'organizations(where.name.in[0])']) {
      expect(paths).toContain(path);
    }
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  it('refuses each with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const admin = bearer('admin', 'test-bounds-admin');
    const before = await databaseState(app);
    const queue = cases.flatMap((one) => PAYLOADS.map((payload) => ({ one, payload })));
    const total = queue.length;
    await Promise.all(Array.from({ length: 16 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const { one: { operation, field, arg, path }, payload: [what, text, message] } = job;
        const variables: Record<string, unknown> = {};
        const definitions: string[] = [];
        const args = field.args
          .filter((other) => other === arg || isNonNullType(other.type))
          .map((other) => {
            definitions.push(`$${other.name}: ${other.type.toString()}`);
            variables[other.name] = other === arg ? valueAt(other.type, path, text) : placeholder(other.type);
            return `${other.name}: $${other.name}`;
          });
        const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
        const query = `${operation} Unicode(${definitions.join(', ')}) { ${field.name}(${args.join(', ')}) ${selection} }`;
        const { status, body } = await app.post({ query, variables }, admin);
        // A mutation's input is named from inside, as the mutation's own checks name it.
        const named = `${arg.name}${path.map((s) => (s === 0 ? '[0]' : `.${s}`)).join('')}`;
        const expected = operation === 'mutation' && arg.name === 'input' ? named.replace(/^input\./, '') : named;
        const error = body.errors?.[0];
        const where = `${field.name}(${expected}) with ${what}`;
        expect({ where, status, code: error?.extensions?.code, field: error?.extensions?.field, message: message.test(error?.message ?? '') || error?.message })
          .toEqual({ where, status: 400, code: 'BAD_USER_INPUT', field: expected, message: true });
      }
    }));
    process.stderr.write(`unicode: ${total} requests over ${cases.length} string arguments and input fields\n`);
    expect(await databaseState(app)).toEqual(before);
  });
});
