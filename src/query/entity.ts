import { EntityRow } from '../api/node.type';
import { ENTITY_LABELS, NODE_PROPERTIES, nodePropertiesWithRole, propertiesOfKind } from '../graph/model';
import { storedDateText } from '../graph/partial-date';
import { ORGANIZATION_TYPENAMES, OrganizationKind } from '../api/organization-kind';

/** Labels whose GraphQL type has their name (an organization's type follows its kind). */
const LABEL_TYPENAMES = ENTITY_LABELS.filter((label) => label !== 'Organization');

/** Properties of a projected node that are not fields: its labels and the search-only text. */
const HIDDEN = new Set(['__labels', ...nodePropertiesWithRole('searchKey')]);

/** Date properties: a DATE and its precision, answered as the text the source gave ("2025", "2024-09"). */
const DATES = propertiesOfKind(NODE_PROPERTIES, 'date');

/** Turns a projected node (see query/cypher `project`) into the row GraphQL resolves. */
export function toEntity(row: Record<string, any> | null | undefined): EntityRow | null {
  if (!row) return null;
  const labels: string[] = row.__labels ?? [];
  let typename: string | undefined;
  if (labels.includes('Organization')) typename = ORGANIZATION_TYPENAMES[row.kind as OrganizationKind];
  else typename = LABEL_TYPENAMES.find((label) => labels.includes(label));
  if (!typename) throw new Error(`node ${row.id} has no known label (${labels.join(', ')})`);
  // One copy, without the labels and the search-only fields.
  const entity: Record<string, any> = {};
  for (const key in row) if (!HIDDEN.has(key)) entity[key] = row[key];
  for (const name of DATES) if (entity[name] != null) entity[name] = storedDateText(row, name);
  entity.__typename = typename;
  return entity as EntityRow;
}
