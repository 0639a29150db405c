import fs from 'node:fs';
import { GraphQLResolveInfo, buildSchema, execute, getNullableType, isListType, parse } from 'graphql';
import { SCHEMA_FILE } from '../src/app/emit-schema';
import { Selection, selectionOf, selectionsNamed } from '../src/api/selection';
import { prefetchFor, prefetchedFor } from '../src/api/prefetch';
import { chartPlan, organizationPagePlan, subtreePlan } from '../src/organizations/organization.plan';
import { awardPagePlan } from '../src/honors/award.plan';

// The published schema without resolvers: every root field below only records what it was asked.
const schema = buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));
/** The valid time of a selection without asOf or allTime: today. */
const TODAY = { asOf: null, allTime: false };

/** The selection tree of each root field of `query`, by response key, as its resolver sees it. */
async function selectionsOf(query: string, variableValues: Record<string, unknown> = {}): Promise<Record<string, Selection>> {
  const seen: Record<string, Selection> = {};
  const result = await execute({
    schema,
    document: parse(query),
    variableValues,
    fieldResolver: (_source: unknown, _args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      const tree = selectionOf(info);
      // Built once: asking again gives the same tree.
      expect(selectionOf(info)).toBe(tree);
      seen[info.path.key as string] = tree;
      return isListType(getNullableType(info.returnType)) ? [] : null;
    },
  });
  expect(result.errors).toBeUndefined();
  return seen;
}

describe('a frontend showing an organization page through fragments', () => {
  it('gets one plan: members, the member fields of every fragment, their awards and honors', async () => {
    const { organization } = await selectionsOf(`
      query { organization(id: "o") { name ...Members } }
      fragment Members on Organization {
        members { role member { id ... on Person { name awards { year honor { id } } } } }
        members { member { ... on Organization { kind } } }
      }`);
    expect(organizationPagePlan(organization)).toEqual({
      members: {
        time: TODAY,
        membershipFields: new Set(['role', 'member']),
        member: {
          fields: new Set(['id', 'name', 'awards', 'kind']),
          awards: { awardFields: new Set(['year', 'honor']), honorFields: new Set(['id']) },
        },
      },
    });
  });

  it('plans no members when they are not shown, or left out by @include', async () => {
    const plain = await selectionsOf('{ organization(id: "o") { id name } }');
    expect(organizationPagePlan(plain.organization)).toEqual({});
    const hidden = await selectionsOf('query($show: Boolean!) { organization(id: "o") { members @include(if: $show) { role } } }', { show: false });
    expect(organizationPagePlan(hidden.organization)).toEqual({});
  });

  it('plans a members page whose members are read whole when the page shows no member', async () => {
    const { organization } = await selectionsOf('{ organization(id: "o") { members { role } } }');
    expect(organizationPagePlan(organization)).toEqual({ members: { time: TODAY, membershipFields: new Set(['role']), member: { fields: null, awards: undefined } } });
  });
});

describe('a frontend drawing a nested chart with aliases', () => {
  it('plans the deepest branch and every field of every level', async () => {
    const { organization } = await selectionsOf(`{ organization(id: "o") { name
      counties: children { id children { name children { id } } }
      children { kind } } }`);
    expect(subtreePlan(selectionsNamed(organization, 'children'))).toEqual({ levels: 3, fields: new Set(['id', 'children', 'name', 'kind']), time: TODAY });
  });

  it('plans no subtree without children, and the chart counts it shows', async () => {
    const { organization, orgChart } = await selectionsOf('{ organization(id: "o") { id } orgChart(rootId: "o") { id hasMore awardCount } }');
    expect(subtreePlan(selectionsNamed(organization, 'children'))).toBeNull();
    expect(chartPlan(orgChart)).toEqual({ children: true, members: false, awards: true });
  });
});

describe('a researcher paging two aliases of the recipients of an honor', () => {
  const query = `query($first: Int) { honor(id: "h") {
    recent: awardsConnection(first: $first, where: { year: { eq: 2024 } }) { edges { year node { id } } }
    broken: awardsConnection(after: "bm90IGEgY3Vyc29y") { totalCount } } }`;

  it('plans the page of each selection from its own coerced arguments, and none for a bad cursor', async () => {
    const { honor } = await selectionsOf(query, { first: 2 });
    const [recent, broken] = selectionsNamed(honor, 'awardsConnection');
    expect(recent.key).toBe('recent');
    const plan = awardPagePlan(recent)!;
    expect(plan.where).toEqual({ year: { eq: 2024 } });
    expect(plan.page).toMatchObject({ limit: 2, backward: false, key: null });
    expect(plan.order.map((s) => s.field)).toEqual(['YEAR', 'NAME']);
    expect(plan.edgeFields).toEqual(new Set(['year', 'node']));
    expect(plan.nodeFields).toEqual(new Set(['id']));
    expect(awardPagePlan(broken)).toBeNull();
  });

  it('hands a page read for one selection to that selection only', async () => {
    const { honor } = await selectionsOf(query, { first: 2 });
    const [recent, broken] = selectionsNamed(honor, 'awardsConnection');
    const row = prefetchFor({ id: 'h' }, recent, { rows: [], more: false });
    expect(prefetchedFor(row, recent)).toEqual({ rows: [], more: false });
    expect(prefetchedFor(row, broken)).toBeUndefined();
    // The same response key with other arguments (another request's variables) finds nothing.
    const other = await selectionsOf(query, { first: 3 });
    expect(prefetchedFor(row, selectionsNamed(other.honor, 'awardsConnection')[0])).toBeUndefined();
    // A copy of the row carries the page; the row it was copied from gains nothing from the copy's.
    const copy = prefetchFor({ ...row }, broken, 'later');
    expect(prefetchedFor(copy, recent)).toEqual({ rows: [], more: false });
    expect(prefetchedFor(row, broken)).toBeUndefined();
  });
});
