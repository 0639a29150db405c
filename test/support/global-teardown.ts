import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const handle = (globalThis as any).__HONORGRAPH_NEO4J__;
  if (!handle) return;
  await handle.local.stop();
  fs.rmSync(handle.home, { recursive: true, force: true });
}
