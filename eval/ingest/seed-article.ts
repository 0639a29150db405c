/**
 * Where the seed article is. It stays in `../shared/seed/` beside the project and is never copied
 * into it; a clone made somewhere else finds it beside the checkout it was cloned from (its git
 * origin, when that is a folder), or where HONORGRAPH_SHARED_DIR says. Null when none holds it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const SEED_ARTICLE_NAME = '000_fd340acaf4014702.txt';

export function findSeedArticle(projectRoot: string): string | null {
  const shared: string[] = [];
  if (process.env.HONORGRAPH_SHARED_DIR) shared.push(process.env.HONORGRAPH_SHARED_DIR);
  shared.push(path.join(projectRoot, '..', 'shared'));
  try {
    const origin = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const folder = origin.startsWith('file://') ? origin.slice('file://'.length) : origin;
    if (folder && path.isAbsolute(folder)) shared.push(path.join(folder, '..', 'shared'));
  } catch {
    // not a git checkout, or no origin: the other places only
  }
  for (const dir of shared) {
    const file = path.join(dir, 'seed', SEED_ARTICLE_NAME);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

/** The seed article's path, for the tests: they must fail, not pass without it, when it is nowhere. */
export function seedArticle(projectRoot: string): string {
  const found = findSeedArticle(projectRoot);
  if (!found) throw new Error(`the seed article ${SEED_ARTICLE_NAME} is not in ../shared/seed/ beside the project or its origin; set HONORGRAPH_SHARED_DIR`);
  return found;
}
