import { EntityRow } from '../common/node.type';
import { ORGANIZATION_TYPENAMES, OrganizationKind } from '../organizations/organization-kind';

const LABEL_TYPENAMES = ['Person', 'Honor', 'Program', 'Source', 'Figure'];

/** Turns a projected node (see db/cypher `project`) into the row GraphQL resolves. */
export function toEntity(row: Record<string, any> | null | undefined): EntityRow | null {
  if (!row) return null;
  const { __labels: labels = [], aliasText: _a, searchText: _s, ...properties } = row;
  let typename: string | undefined;
  if (labels.includes('Organization')) typename = ORGANIZATION_TYPENAMES[properties.kind as OrganizationKind];
  else typename = LABEL_TYPENAMES.find((label) => labels.includes(label));
  if (!typename) throw new Error(`node ${properties.id} has no known label (${labels.join(', ')})`);
  return { ...properties, __typename: typename, id: properties.id };
}
