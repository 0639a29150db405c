import { startTestApp, TestApp } from './support/app';
import { AwardCountsDocument, AwardCountsQueryVariables, FiguresBySubjectDocument, HonoreeCountDocument, ProgramsPerPartnerDocument } from './__generated__/graphql';

let app: TestApp;

/**
 * A county federation with a child and a grandchild, two county honors, four people and three
 * programs: small enough to count by hand.
 *   root ← child ← grandchild (PART_OF)
 *   p1 member of child; p2 member of grandchild and of root; p3 member of root (no award); p4 no membership
 *   honor-a: root 2020, p1 2021, p4 2021, p2 2022;  honor-b (conferred by root): p2 2022, grandchild 2023
 */
const FIXTURE = `
  CREATE (root:Entity:Organization {id: 'test-agg-org-root', name: '测试县妇联', aliases: [], kind: 'FEDERATION', level: 'COUNTY'})
  CREATE (child:Entity:Organization {id: 'test-agg-org-child', name: '测试乡妇联', aliases: [], kind: 'FEDERATION', level: 'TOWNSHIP'})
  CREATE (grand:Entity:Organization {id: 'test-agg-org-grandchild', name: '测试村妇联', aliases: [], kind: 'FEDERATION', level: 'VILLAGE'})
  CREATE (child)-[:PART_OF]->(root), (grand)-[:PART_OF]->(child)
  CREATE (a:Entity:Honor {id: 'test-agg-honor-a', name: '测试县三八红旗手', aliases: [], level: 'COUNTY'})
  CREATE (b:Entity:Honor {id: 'test-agg-honor-b', name: '测试县巾帼文明岗', aliases: [], level: 'COUNTY'})
  CREATE (b)-[:CONFERRED_BY]->(root)
  CREATE (p1:Entity:Person {id: 'test-agg-p1', name: '测试甲', aliases: []})
  CREATE (p2:Entity:Person {id: 'test-agg-p2', name: '测试乙', aliases: []})
  CREATE (p3:Entity:Person {id: 'test-agg-p3', name: '测试丙', aliases: []})
  CREATE (p4:Entity:Person {id: 'test-agg-p4', name: '测试丁', aliases: []})
  CREATE (p1)-[:MEMBER_OF]->(child), (p2)-[:MEMBER_OF]->(grand), (p2)-[:MEMBER_OF]->(root), (p3)-[:MEMBER_OF]->(root)
  CREATE (root)-[:RECEIVED {year: 2020}]->(a), (p1)-[:RECEIVED {year: 2021}]->(a), (p4)-[:RECEIVED {year: 2021}]->(a),
         (p2)-[:RECEIVED {year: 2022}]->(a), (p2)-[:RECEIVED {year: 2022}]->(b), (grand)-[:RECEIVED {year: 2023}]->(b)
  CREATE (g1:Entity:Program {id: 'test-agg-prog-1', name: '测试活动一', aliases: [], kind: 'EVENT'})
  CREATE (g2:Entity:Program {id: 'test-agg-prog-2', name: '测试活动二', aliases: [], kind: 'EVENT'})
  CREATE (g3:Entity:Program {id: 'test-agg-prog-3', name: '测试活动三', aliases: [], kind: 'EVENT'})
  CREATE (root)-[:PARTNERED]->(g1), (root)-[:PARTNERED]->(g2), (root)-[:PARTNERED]->(g3), (child)-[:PARTNERED]->(g1)
  CREATE (f1:Entity:Figure {id: 'test-agg-fig-1', name: '测试人数', label: '测试人数', metric: 'test_members', value: 12.0, unit: 'person', approximate: false, subjectId: 'test-agg-org-root'})
  CREATE (f2:Entity:Figure {id: 'test-agg-fig-2', name: '测试场次', label: '测试场次', metric: 'test_events', value: 3.0, unit: 'event', approximate: false, subjectId: 'test-agg-org-root'})
  CREATE (f1)-[:DESCRIBES]->(root), (f2)-[:DESCRIBES]->(root)`;

beforeAll(async () => {
  app = await startTestApp();
  await app.graph.write(FIXTURE);
});
afterAll(async () => {
  await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-agg-' DETACH DELETE n");
  await app.close();
});

async function counts(variables: AwardCountsQueryVariables) {
  const response = await app.request(AwardCountsDocument, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.awardCounts;
}

describe('a researcher counts awards', () => {
  it('by level: the seed (1 national, 2 provincial, 1 municipal) plus the six county awards of the fixture', async () => {
    const rows = await counts({ groupBy: ['LEVEL'] });
    expect(rows.map(({ level, count, recipients }) => ({ level, count, recipients }))).toEqual([
      { level: 'COUNTY', count: 6, recipients: 5 },
      { level: 'PROVINCIAL', count: 2, recipients: 1 },
      { level: 'MUNICIPAL', count: 1, recipients: 1 },
      { level: 'NATIONAL', count: 1, recipients: 1 },
    ]);
    expect(rows.every((row) => row.honor === null && row.year === null)).toBe(true);
  });

  it('by honor and year within county honors', async () => {
    const rows = await counts({ groupBy: ['HONOR', 'YEAR'], where: { levels: ['COUNTY'] } });
    expect(rows.map((r) => [r.honor!.id, r.year, r.count])).toEqual([
      ['test-agg-honor-a', 2021, 2],
      ['test-agg-honor-a', 2020, 1],
      ['test-agg-honor-a', 2022, 1],
      ['test-agg-honor-b', 2022, 1],
      ['test-agg-honor-b', 2023, 1],
    ]);
    expect(rows[0].honor!.name).toBe('测试县三八红旗手');
  });

  it('by year in a range, by conferring body, and in total', async () => {
    const byYear = await counts({ groupBy: ['YEAR'], where: { levels: ['COUNTY'], yearFrom: 2021, yearTo: 2022 } });
    expect(byYear.map(({ year, count, recipients }) => ({ year, count, recipients }))).toEqual([
      { year: 2021, count: 2, recipients: 2 },
      { year: 2022, count: 2, recipients: 1 },
    ]);
    const seedYears = await counts({ groupBy: ['YEAR'], where: { yearFrom: 2024 } });
    expect(seedYears.map(({ year, count, recipients }) => ({ year, count, recipients }))).toEqual([{ year: 2024, count: 4, recipients: 2 }]);

    const conferred = await counts({ groupBy: [], where: { conferredById: 'test-agg-org-root' } });
    expect(conferred.map(({ count, recipients }) => ({ count, recipients }))).toEqual([{ count: 2, recipients: 2 }]);
    const total = await counts({ groupBy: [] });
    expect(total.map((r) => r.count)).toEqual([10]);
  });

  it('a reversed year range is refused', async () => {
    const response = await app.request(AwardCountsDocument, { groupBy: ['YEAR'], where: { yearFrom: 2024, yearTo: 2020 } });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('a researcher counts the honorees under an organization', () => {
  it('with descendants: members of any covered organization who were honored, and the honored organizations, each once', async () => {
    const response = await app.request(HonoreeCountDocument, { organizationId: 'test-agg-org-root' });
    expect(response.errors).toBeUndefined();
    // p1 (via child), p2 (via grandchild and root, once); the root and the grandchild themselves.
    expect(response.data!.honoreeCount).toEqual({
      organization: { id: 'test-agg-org-root' },
      organizationsCovered: 3,
      people: 2,
      organizations: 2,
      total: 4,
    });
  });

  it('without descendants: only the organization and its direct members', async () => {
    const response = await app.request(HonoreeCountDocument, { organizationId: 'test-agg-org-root', includeDescendants: false });
    expect(response.data!.honoreeCount).toMatchObject({ organizationsCovered: 1, people: 1, organizations: 1, total: 2 });
  });

  it('in the seed: the national federation covers five organizations, of which the municipal federation was honored', async () => {
    const response = await app.request(HonoreeCountDocument, { organizationId: 'org-acwf' });
    expect(response.data!.honoreeCount).toMatchObject({ organizationsCovered: 5, people: 0, organizations: 1, total: 1 });
    const unknown = await app.request(HonoreeCountDocument, { organizationId: 'org-nowhere' });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('a researcher counts programs per partner and figures per subject', () => {
  it('partners by programs: the education bureau leads the seed, the fixture federation comes second with three', async () => {
    const response = await app.request(ProgramsPerPartnerDocument, { first: 100 });
    expect(response.errors).toBeUndefined();
    const rows = response.data!.programsPerPartner.map((r) => [r.partner.id, r.programs]);
    expect(rows.slice(0, 2)).toEqual([
      ['org-huainan-edu-sports-bureau', 5],
      ['test-agg-org-root', 3],
    ]);
    expect(rows).toContainEqual(['test-agg-org-child', 1]);
    expect(rows).toHaveLength(11);
    expect(rows.reduce((sum, [, n]) => sum + (n as number), 0)).toBe(15 + 4);
  });

  it('figures by subject: the municipal federation has eight, one subject can be asked for alone', async () => {
    const all = await app.request(FiguresBySubjectDocument, {});
    expect(all.errors).toBeUndefined();
    const rows = all.data!.figuresBySubject;
    expect(rows[0]).toMatchObject({ subject: { id: 'org-huainan-wf', __typename: 'Federation' }, count: 8 });
    expect(rows[0].figures).toHaveLength(8);
    expect(rows).toHaveLength(15);
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(31 + 2);

    const one = await app.request(FiguresBySubjectDocument, { subjectId: 'test-agg-org-root' });
    expect(one.data!.figuresBySubject).toEqual([
      {
        subject: { id: 'test-agg-org-root', __typename: 'Federation' },
        count: 2,
        figures: [
          { id: 'test-agg-fig-2', metric: 'test_events', value: 3 },
          { id: 'test-agg-fig-1', metric: 'test_members', value: 12 },
        ],
      },
    ]);
  });
});
