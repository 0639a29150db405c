import { startTestApp, TestApp } from './support/app';
import { DEFAULT_LIMITS } from '../src/config';
import {
  WorkspaceEntityKindDocument,
  WorkspaceHonorPageDocument,
  WorkspaceOrganizationPageDocument,
  WorkspaceSourcePageDocument,
} from '../web/__generated__/graphql';

/**
 * The entities screen's page queries (web/operations/workspace-entities.graphql) run under the
 * server's default limits (cost 10,000, depth, aliases): one query over all five types at once
 * weighed 21,899 and was refused, which the browser test (generous limits) could not see.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ limits: DEFAULT_LIMITS });
});
afterAll(async () => {
  await app?.close();
});

const run = async (document: { toString(): string }, id: string) => {
  const response = await app.raw(String(document), { id });
  expect(response.errors).toBeUndefined();
  return response.data.node;
};

describe('the entities screen under the default limits', () => {
  it('reads a seed organization, honor and source with every fact', async () => {
    expect(await run(WorkspaceEntityKindDocument, 'org-huainan-wf')).toEqual({ __typename: 'Federation', id: 'org-huainan-wf' });
    const org = await run(WorkspaceOrganizationPageDocument, 'org-huainan-wf');
    expect(org.name).toBe('淮南市妇女联合会');
    expect(org.parentConnection.edges.map((e: any) => e.node.id)).toContain('org-anhui-wf');
    expect(org.childrenConnection.totalCount).toBeGreaterThan(0);
    const honor = await run(WorkspaceHonorPageDocument, 'honor-provincial-sanba-collective');
    expect(honor.awardsConnection.totalCount).toBeGreaterThan(0);
    expect(honor.conferredByConnection.edges.length).toBeGreaterThan(0);
    const source = await run(WorkspaceSourcePageDocument, 'src-huainan-wf-2024-report');
    expect(source.facts.totalCount).toBeGreaterThan(0);
    expect(source.facts.edges.some((e: any) => e.node.locators.some((l: string) => /^¶\d+/.test(l)))).toBe(true);
  });
});
