import { startTestApp, TestApp } from './support/app';
import { SearchDocument, SearchQuery } from './__generated__/graphql';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-search-' DETACH DELETE n");
  await app.close();
});

type Hit = SearchQuery['search'][number];

async function search(text: string, extra: { types?: ('PERSON' | 'ORGANIZATION' | 'HONOR' | 'PROGRAM' | 'SOURCE')[]; first?: number } = {}) {
  const response = await app.request(SearchDocument, { text, ...extra });
  expect(response.errors).toBeUndefined();
  return { hits: response.data!.search as Hit[], roundTrips: response.extensions!.cypherRoundTrips! };
}

const rankOf = (hits: Hit[], id: string) => hits.findIndex((hit) => hit.node.id === id) + 1;

describe('a researcher finds the Huainan Women’s Federation however its name arrives', () => {
  // Each form a name arrives in, from the damaged source, from users typing, from romanized text.
  const forms: [string, string][] = [
    ['the common short form', '妇联'],
    ['the short form in traditional script', '婦聯'],
    ['the damaged source form with a pinyin note', '婦聯(lián)'],
    ['toneless pinyin', 'fulian'],
    ['pinyin with tone marks', 'fù lián'],
    ['capitalized pinyin words', 'Fu Lian'],
    ['pinyin with tone digits', 'fu2lian2'],
    ['the municipal short form', '市妇联'],
    ['the municipal short form in traditional script', '市婦聯'],
    ['the full name', '淮南市妇女联合会'],
  ];

  it.each(forms)('by %s (%s): 市妇联 is in the top 3, in one round trip', async (_label, text) => {
    const { hits, roundTrips } = await search(text);
    const rank = rankOf(hits, 'org-huainan-wf');
    expect(rank).toBeGreaterThanOrEqual(1);
    expect(rank).toBeLessThanOrEqual(3);
    expect(roundTrips).toBe(1);
    const hit = hits[rank - 1];
    expect(hit.node.__typename).toBe('Federation');
    expect(hit.matchedOn).not.toBeNull();
  });

  it('ranks an exact name or alias first, and says which alias matched', async () => {
    const byAlias = await search('市妇联');
    expect(byAlias.hits[0].node.id).toBe('org-huainan-wf');
    expect(byAlias.hits[0].matchedOn).toBe('市妇联');
    const byFullName = await search('淮南市妇女联合会');
    expect(byFullName.hits[0].node.id).toBe('org-huainan-wf');
    expect(byFullName.hits[0].matchedOn).toBe('淮南市妇女联合会');
    // The lecture team's name contains 市妇联 too, but is not it: it comes after.
    expect(rankOf(byAlias.hits, 'org-huainan-wf-lecture-team')).toBeGreaterThan(1);
  });

  it('tells which alias pinyin matched', async () => {
    const { hits } = await search('shifulian');
    expect(hits[0].node.id).toBe('org-huainan-wf');
    expect(hits[0].matchedOn).toBe('市妇联');
  });

  it('initials find it too, and say which short form they spell', async () => {
    const { hits } = await search('sfl');
    const rank = rankOf(hits, 'org-huainan-wf');
    expect(rank).toBeGreaterThanOrEqual(1);
    expect(rank).toBeLessThanOrEqual(3);
    expect(hits[rank - 1].matchedOn).toBe('市妇联');
  });

  it('returns scores in descending order', async () => {
    for (const text of ['妇联', 'fulian', '三八红旗', '淮南']) {
      const { hits } = await search(text, { first: 50 });
      expect(hits.length).toBeGreaterThan(1);
      const scores = hits.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });
});

describe('search narrows by type', () => {
  it('types: [HONOR] for 三八红旗 returns only honors, and the red-banner honors among them', async () => {
    const { hits } = await search('三八红旗', { types: ['HONOR'], first: 50 });
    expect(hits.length).toBeGreaterThanOrEqual(3);
    expect(hits.every((hit) => hit.node.__typename === 'Honor')).toBe(true);
    expect(hits.map((hit) => hit.node.id)).toEqual(expect.arrayContaining(['honor-sanba-pacesetter', 'honor-national-sanba-collective']));
  });

  it('without types the same text also finds the alliance named after the honor', async () => {
    const { hits } = await search('三八红旗', { first: 50 });
    expect(hits.map((hit) => hit.node.__typename)).toContain('Alliance');
  });

  it('types: [PERSON, SOURCE] for 市妇联 returns no organization', async () => {
    const { hits } = await search('市妇联', { types: ['PERSON', 'SOURCE'], first: 50 });
    expect(hits.some((hit) => hit.node.__typename === 'Source')).toBe(true);
    expect(hits.every((hit) => ['Person', 'Source'].includes(hit.node.__typename))).toBe(true);
  });
});

describe('a person is found by name and by pinyin', () => {
  it.each([
    ['何婷婷', '何婷婷'],
    ['He Tingting', 'He Tingting'], // her English name, stored beside the Chinese one
    ['hetingting', '何婷婷'],
    ['hé tíng tíng', '何婷婷'],
  ])('%s finds the reporter first, matched on %s', async (text, matchedOn) => {
    const { hits } = await search(text);
    expect(hits[0].node.id).toBe('person-he-tingting');
    expect(hits[0].matchedOn).toBe(matchedOn);
  });
});

describe('query syntax in the text is inert', () => {
  const specials = ['+', '-', '&&', '||', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '\\', '/', 'AND', 'OR', 'NOT'];

  it.each(specials)('%s alone is no error', async (special) => {
    const response = await app.request(SearchDocument, { text: special });
    expect(response.errors).toBeUndefined();
    expect(Array.isArray(response.data!.search)).toBe(true);
  });

  it.each(specials)('妇联 %s 市 still finds 市妇联 and no error', async (special) => {
    const { hits } = await search(`妇联 ${special} 市`);
    expect(rankOf(hits, 'org-huainan-wf')).toBeGreaterThanOrEqual(1);
  });

  it('operators glued to words are text, not syntax', async () => {
    for (const text of ['妇联*', '"妇联', '妇联~2', 'name:妇联', '(妇联', '妇联^10', 'fulian AND NOT x', '/妇.*/', '妇联\\']) {
      const response = await app.request(SearchDocument, { text });
      expect(response.errors).toBeUndefined();
    }
  });
});

describe('bad input is refused with BAD_USER_INPUT', () => {
  it.each([
    ['empty text', { text: '' }],
    ['whitespace text', { text: '  \t ' }],
    ['first above 100', { text: '妇联', first: 101 }],
    ['first of zero', { text: '妇联', first: 0 }],
  ])('%s', async (_label, variables) => {
    const response = await app.request(SearchDocument, variables);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.data).toBeNull();
  });

  it('first defaults to 10 and 100 is allowed', async () => {
    const byDefault = await app.request(SearchDocument, { text: '淮南' });
    expect(byDefault.data!.search.length).toBe(10);
    const { hits } = await search('淮南', { first: 100 });
    expect(hits.length).toBeGreaterThan(10);
  });
});

describe('entities added later are searchable at once', () => {
  it('a new organization written with the seed loader’s keys is found by its pinyin', async () => {
    const { searchKeys } = await import('../src/text/normalize');
    await app.graph.write(
      `CREATE (:Entity:Organization {id: 'test-search-org', name: '测试县妇女联合会', aliases: ['测试县妇联'],
         aliasText: '测试县妇联', searchText: $searchText, kind: 'FEDERATION'})`,
      { searchText: searchKeys('测试县妇女联合会', ['测试县妇联']).join(' | ') },
    );
    const { hits } = await search('ceshixian fulian');
    expect(hits[0].node.id).toBe('test-search-org');
  });
});
