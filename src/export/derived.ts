import { externalIdText } from '../identifiers/external-id';
import { namedProperties } from '../text/normalize';
import { GraphSnapshot, PropertyValue, SnapshotNode } from './snapshot';

/** Labels whose nodes carry the name keys and search texts (every write of them stores them). */
const NAMED_LABELS = ['Person', 'Organization', 'Honor', 'Program', 'Source'];

const strings = (value: PropertyValue | undefined): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * The snapshot with the derived properties (graph/model.ts `derived`) of every node computed as
 * the writes compute them: the name keys and search texts by `namedProperties` (src/text/), the
 * identifiers' index text by `externalIdText`. Exports leave them out, so an imported graph is
 * searchable only once this ran. nameKey stays unique per label as the writes keep it: where two
 * nodes of a label share one, the earlier created keeps it and the later gets `key#id` (the form
 * allowDuplicate writes); a file that carries `key#id` keeps it.
 */
export function withDerivedProperties(snapshot: GraphSnapshot): GraphSnapshot {
  const held = new Map<string, Set<string>>();
  const byAge = [...snapshot.nodes].sort(
    (a, b) => String(a.properties.createdAt ?? '').localeCompare(String(b.properties.createdAt ?? '')) || a.id.localeCompare(b.id),
  );
  const computed = new Map<string, SnapshotNode>();
  for (const node of byAge) {
    const properties: Record<string, PropertyValue> = { ...node.properties };
    const types: Record<string, string> = { ...node.types };
    const set = (name: string, value: string) => {
      properties[name] = value;
      types[name] = 'STRING';
    };
    const label = NAMED_LABELS.find((l) => node.labels.includes(l));
    const name = typeof properties.name === 'string' ? properties.name : typeof properties.title === 'string' ? properties.title : null;
    if (label && name !== null) {
      const bound = strings(properties.contextAliases).map((alias, i) => ({ alias, context: strings(properties.aliasContexts)[i] ?? '' }));
      const named = namedProperties({ name, aliases: strings(properties.aliases), nameEn: typeof properties.nameEn === 'string' ? properties.nameEn : null, contextAliases: bound });
      set('aliasText', named.aliasText);
      set('searchText', named.searchText);
      set('contextAliasText', named.contextAliasText);
      set('contextSearchText', named.contextSearchText);
      set('nameSkeleton', named.nameSkeleton);
      const keys = held.get(label) ?? held.set(label, new Set()).get(label)!;
      const given = typeof node.properties.nameKey === 'string' && node.properties.nameKey.endsWith(`#${node.id}`);
      const key = given || keys.has(named.nameKey) ? `${named.nameKey}#${node.id}` : named.nameKey;
      keys.add(key);
      set('nameKey', key);
    }
    const ids = strings(properties.externalIds);
    if (ids.length) set('externalIdText', externalIdText(ids));
    computed.set(node.id, { ...node, properties, types });
  }
  return { nodes: snapshot.nodes.map((n) => computed.get(n.id)!), edges: snapshot.edges };
}

/** Why a snapshot cannot be imported for its identifiers (one on two nodes), or null. */
export function duplicateExternalId(snapshot: GraphSnapshot): string | null {
  const holder = new Map<string, string>();
  for (const node of snapshot.nodes) {
    for (const id of strings(node.properties.externalIds)) {
      const other = holder.get(id);
      if (other !== undefined && other !== node.id) return `${id} identifies both "${other}" and "${node.id}"`;
      holder.set(id, node.id);
    }
  }
  return null;
}
