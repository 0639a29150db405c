// Bundles the pages from npm packages into dist/web/ (git-ignored), served by src/app/app.ts:
// the explorer at / and the editors' workspace (web/edit/, Preact) at /edit/. No CDN: everything
// the pages load comes from this folder.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../dist/web');
await mkdir(out, { recursive: true });
await build({
  entryPoints: [path.join(here, 'src/main.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outfile: path.join(out, 'explorer.js'),
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile(path.join(here, 'index.html'), path.join(out, 'index.html'));
await copyFile(path.join(here, 'explorer.css'), path.join(out, 'explorer.css'));
// One icon for both pages, at /favicon.svg (src/app/app.ts also answers /favicon.ico with it).
await copyFile(path.join(here, 'favicon.svg'), path.join(out, 'favicon.svg'));

await mkdir(path.join(out, 'edit'), { recursive: true });
await build({
  entryPoints: [path.join(here, 'edit/src/main.tsx')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outfile: path.join(out, 'edit/edit.js'),
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile(path.join(here, 'edit/index.html'), path.join(out, 'edit/index.html'));
await copyFile(path.join(here, 'edit/edit.css'), path.join(out, 'edit/edit.css'));

let raw = 0;
let gzip = 0;
for (const file of ['explorer.js', 'explorer.css', 'index.html', 'favicon.svg', 'edit/edit.js', 'edit/edit.css', 'edit/index.html']) {
  const content = await readFile(path.join(out, file));
  raw += (await stat(path.join(out, file))).size;
  gzip += gzipSync(content, { level: 9 }).length;
}
console.log(`[web] dist/web: ${raw} bytes, ${gzip} bytes gzipped`);
