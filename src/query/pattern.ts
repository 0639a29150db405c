import { RELATIONSHIPS, RelationshipTypeName } from '../graph/model';

/** The label a MATCH gives one end of a relationship: its only label, else `Entity`. */
const endLabel = (labels: readonly string[]) => (labels.length === 1 ? labels[0] : 'Entity');

/**
 * `MATCH (parent:L {id: id})-[r:TYPE]->(other:M)` (or `<-…-` when the parent is the end) for
 * walking a relationship from the node whose id is `id`; labels and direction from graph/model.ts.
 * `parentAt` says which end the parent is: `from` (the start) or `to` (the end).
 */
export function relationshipMatch(type: RelationshipTypeName, parentAt: 'from' | 'to'): string {
  const spec = RELATIONSHIPS[type];
  const [parent, other] = parentAt === 'from' ? [spec.from, spec.to] : [spec.to, spec.from];
  const [left, right] = parentAt === 'from' ? ['-', '->'] : ['<-', '-'];
  return `MATCH (parent:${endLabel(parent)} {id: id})${left}[r:${type}]${right}(other:${endLabel(other)})`;
}
