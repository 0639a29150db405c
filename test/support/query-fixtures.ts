import { Graph } from '../../src/db/graph';

/**
 * A small federation of its own, beside the seed: a root body with five branches (one with a
 * station under it), honors it confers, awards across several years (one of unknown year),
 * members with roles and programs. Every id starts with `test-q-`; names start with 样例 so
 * filters can be checked against exact sets. createdAt values are spread over a day, out of name
 * order, so sorting by creation time differs from sorting by name. Aliases are also written to
 * `aliasText`, as the seed does, since exact alias lookups go through the full-text index.
 */
export const FIXTURE = {
  orgs: [
    { id: 'test-q-root', name: '样例总会', kind: 'FEDERATION', level: 'MUNICIPAL', aliases: ['样总'], created: '2026-01-01T10:00:00Z' },
    { id: 'test-q-a', name: '样例甲会', kind: 'FEDERATION', level: 'COUNTY', aliases: ['甲会'], parent: 'test-q-root', created: '2026-01-01T09:00:00Z' },
    { id: 'test-q-b', name: '样例乙会', kind: 'ASSOCIATION', level: 'COUNTY', aliases: [], parent: 'test-q-root', created: '2026-01-01T12:00:00Z' },
    { id: 'test-q-c', name: '样例丙会', kind: 'ASSOCIATION', level: 'TOWNSHIP', aliases: [], parent: 'test-q-root', created: '2026-01-01T08:00:00Z' },
    { id: 'test-q-d', name: '样例丁会', kind: 'STUDIO', level: null, aliases: [], parent: 'test-q-root', created: '2026-01-01T11:00:00Z' },
    { id: 'test-q-e', name: '样例戊会', kind: 'STUDIO', level: null, aliases: [], parent: 'test-q-root', created: '2026-01-01T11:00:00Z' },
    { id: 'test-q-a1', name: '样例甲会一站', kind: 'TEAM', level: 'VILLAGE', aliases: [], parent: 'test-q-a', created: '2026-01-01T07:00:00Z' },
  ],
  honors: [
    { id: 'test-q-honor-red', name: '样例红旗奖', level: 'PROVINCIAL', conferredBy: 'test-q-root' },
    { id: 'test-q-honor-star', name: '样例之星', level: 'COUNTY', conferredBy: 'test-q-a' },
  ],
  awards: [
    { from: 'test-q-a', honor: 'test-q-honor-red', year: 2021 },
    { from: 'test-q-a', honor: 'test-q-honor-star', year: 2023 },
    { from: 'test-q-b', honor: 'test-q-honor-red', year: 2023 },
    { from: 'test-q-c', honor: 'test-q-honor-red', year: 2019 },
    { from: 'test-q-d', honor: 'test-q-honor-red', year: null },
    { from: 'test-q-a1', honor: 'test-q-honor-star', year: 2024, inferred: true },
    { from: 'test-q-p1', honor: 'test-q-honor-star', year: 2022 },
    { from: 'test-q-p2', honor: 'test-q-honor-red', year: 2024 },
  ],
  people: [
    { id: 'test-q-p1', name: '样例张', created: '2026-01-02T01:00:00Z' },
    { id: 'test-q-p2', name: '样例李', created: '2026-01-02T02:00:00Z' },
    { id: 'test-q-p3', name: '样例王', created: '2026-01-02T03:00:00Z' },
    { id: 'test-q-p4', name: '样例赵', created: '2026-01-02T04:00:00Z' },
  ],
  memberships: [
    { person: 'test-q-p1', org: 'test-q-root', role: '主席' },
    { person: 'test-q-p2', org: 'test-q-a', role: '执委' },
    { person: 'test-q-p3', org: 'test-q-a1', role: '执委' },
    { person: 'test-q-p4', org: 'test-q-b', role: '会员' },
  ],
  programs: [
    { id: 'test-q-prog-1', name: '样例行动一', kind: 'CAMPAIGN', year: 2022, organizer: 'test-q-root', partner: 'test-q-a' },
    { id: 'test-q-prog-2', name: '样例行动二', kind: 'EVENT', year: 2024, organizer: 'test-q-root', partner: null },
    { id: 'test-q-prog-3', name: '样例行动三', kind: 'EVENT', year: 2024, organizer: 'test-q-a', partner: 'test-q-root' },
    { id: 'test-q-prog-4', name: '样例行动四', kind: 'TRAINING', year: null, organizer: 'test-q-root', partner: null },
  ],
};

const cite = (locator: string) => ({ sourceIds: ['src-huainan-wf-2024-report'], locators: [locator] });

export async function addQueryFixtures(graph: Graph): Promise<void> {
  await graph.write(
    `UNWIND $orgs AS o
     CREATE (n:Entity:Organization {id: o.id, name: o.name, aliases: o.aliases, aliasText: reduce(t = '', a IN o.aliases | t + ' | ' + a),
                                   kind: o.kind, level: o.level,
                                   createdAt: datetime(o.created), sourceIds: [], locators: []})`,
    { orgs: FIXTURE.orgs },
  );
  await graph.write(
    `UNWIND $orgs AS o
     MATCH (c:Organization {id: o.id}), (p:Organization {id: o.parent})
     CREATE (c)-[:PART_OF {sourceIds: $cite.sourceIds, locators: $cite.locators, inferred: true, note: 'fixture'}]->(p)`,
    { orgs: FIXTURE.orgs.filter((o) => o.parent), cite: cite('¶99') },
  );
  await graph.write(
    `UNWIND $people AS p CREATE (:Entity:Person {id: p.id, name: p.name, aliases: [], createdAt: datetime(p.created), sourceIds: [], locators: []})`,
    { people: FIXTURE.people },
  );
  await graph.write(
    `UNWIND $honors AS h
     CREATE (n:Entity:Honor {id: h.id, name: h.name, aliases: [], level: h.level, createdAt: datetime('2026-01-03T00:00:00Z'), sourceIds: [], locators: []})
     WITH n, h MATCH (o:Organization {id: h.conferredBy})
     CREATE (n)-[:CONFERRED_BY {sourceIds: $cite.sourceIds, locators: $cite.locators}]->(o)`,
    { honors: FIXTURE.honors, cite: cite('¶98') },
  );
  await graph.write(
    `UNWIND $awards AS a
     MATCH (r:Entity {id: a.from}), (h:Honor {id: a.honor})
     CREATE (r)-[:RECEIVED {year: a.year, sourceIds: $cite.sourceIds, locators: $cite.locators, inferred: coalesce(a.inferred, false)}]->(h)`,
    { awards: FIXTURE.awards, cite: cite('¶97') },
  );
  await graph.write(
    `UNWIND $memberships AS m
     MATCH (p:Person {id: m.person}), (o:Organization {id: m.org})
     CREATE (p)-[:MEMBER_OF {role: m.role, since: date('2024-01-01'), sincePrecision: 'YEAR', sourceIds: $cite.sourceIds, locators: $cite.locators}]->(o)`,
    { memberships: FIXTURE.memberships, cite: cite('¶96') },
  );
  await graph.write(
    `UNWIND $programs AS g
     CREATE (n:Entity:Program {id: g.id, name: g.name, aliases: [], kind: g.kind, year: g.year, createdAt: datetime('2026-01-04T00:00:00Z'), sourceIds: [], locators: []})
     WITH n, g MATCH (o:Organization {id: g.organizer})
     CREATE (o)-[:ORGANIZED {sourceIds: $cite.sourceIds, locators: $cite.locators}]->(n)
     WITH n, g OPTIONAL MATCH (p:Organization {id: g.partner})
     FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (p)-[:PARTNERED {sourceIds: [], locators: []}]->(n))`,
    { programs: FIXTURE.programs, cite: cite('¶95') },
  );
}

export async function removeQueryFixtures(graph: Graph): Promise<void> {
  await graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-q-' DETACH DELETE n");
}
