import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created on first use and keyed by name, so repositories can batch
 * their own lookups without the database layer knowing any domain.
 */
export class Loaders {
  private readonly byName = new Map<string, DataLoader<string, any>>();

  get<V>(name: string, batch: (keys: readonly string[]) => Promise<ArrayLike<V | Error>>): DataLoader<string, V> {
    let loader = this.byName.get(name);
    if (!loader) {
      loader = new DataLoader<string, V>(batch, { maxBatchSize: 1000 });
      this.byName.set(name, loader);
    }
    return loader as DataLoader<string, V>;
  }
}

/** Groups rows by a key, in the order of `keys`, for one-to-many batch functions. */
export function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
