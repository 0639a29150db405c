import { TestApp } from './app';

/** Test fixtures are named 测试编辑… and test tokens have subjects test-…; this removes both. */
export async function removeEditingFixtures(app: TestApp): Promise<void> {
  await app.graph.write(
    `MATCH (n:Entity) WHERE n.name STARTS WITH '测试编辑' OR n.title STARTS WITH '测试编辑' OR n.createdBy STARTS WITH 'test-'
        OR n.id STARTS WITH 'test-ed-'
     DETACH DELETE n`,
  );
  await app.graph.write("MATCH ()-[r]->() WHERE r.createdBy STARTS WITH 'test-' DELETE r");
  await app.graph.write("MATCH (r:Revision) WHERE r.actor STARTS WITH 'test-' DETACH DELETE r");
}

/** Counts that any write would change: nodes, relationships, revisions and a digest of properties. */
export async function databaseState(app: TestApp) {
  const [row] = await app.graph.read(
    `CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS nodeProperties }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS rels, sum(size(keys(r))) AS relProperties }
     RETURN nodes, nodeProperties, rels, relProperties`,
  );
  return row;
}
