import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fromGraphml, toGraphml } from '../src/export/graphml';
import { GraphSnapshot } from '../src/export/snapshot';

/** Every character XML 1.0 cannot hold (a sample of each class), beside markup and the whitespace it can. */
const HOSTILE = 'a\u0000b\u0001\u0008\u000b\u000c\u000e\u001f c\ufffe\uffff d\ud800 e\udfff f\t\n\r<&>"\'' + '😀';

const snapshot: GraphSnapshot = {
  nodes: [
    { id: 'n1', labels: ['Entity', 'Person'], properties: { id: 'n1', name: HOSTILE, aliases: [HOSTILE, 'ok'], plain: 'no escape' }, types: { id: 'STRING', name: 'STRING', aliases: 'LIST<STRING>', plain: 'STRING' } },
    { id: 'n2', labels: ['Entity', 'Honor'], properties: { id: 'n2', name: 'x' }, types: { id: 'STRING', name: 'STRING' } },
  ],
  edges: [{ type: 'RECEIVED', from: 'n1', to: 'n2', properties: { id: 'st-1', note: HOSTILE, year: 2020 }, types: { id: 'STRING', note: 'STRING', year: 'INTEGER' } }],
};

describe('GraphML holds any stored text', () => {
  const xml = toGraphml(snapshot);

  it('writes no character XML 1.0 forbids, nor a reference to one', () => {
    expect(xml).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
    expect(xml).not.toMatch(/&#(x0*([0-8bcef]|1[0-9a-f]|fff[ef]|d[89a-f][0-9a-f]{2})|0*([0-8]|1[124-9]|2[0-9]|3[01]|6553[45]));/i);
    expect(xml).not.toContain('character(s) that XML 1.0 cannot hold');
    // A string that needs no escape stays plain text for every other reader.
    expect(xml).toMatch(/<data key="n\d+">no escape<\/data>/);
  });

  it('a strict XML 1.0 parser (expat) reads it, when python3 is installed', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'honorgraph-graphml-')), 'hostile.graphml');
    fs.writeFileSync(file, xml);
    const result = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1]); print("ok")', file], { encoding: 'utf8' });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    if (result.error) {
      console.warn('skipped: python3 is not installed');
      return;
    }
    expect([result.stdout.trim(), result.stderr]).toEqual(['ok', '']);
  });

  it('reads back exactly what was written: names, lists and relationship properties, lone surrogates included', () => {
    const back = fromGraphml(xml);
    const byId = new Map(back.nodes.map((n) => [n.id, n]));
    for (const node of snapshot.nodes) expect(isDeepStrictEqual(byId.get(node.id), node)).toBe(true);
    expect(back.edges).toHaveLength(1);
    expect(isDeepStrictEqual(back.edges[0], snapshot.edges[0])).toBe(true);
    expect(byId.get('n1')!.properties.name).toBe(HOSTILE);
  });
});
