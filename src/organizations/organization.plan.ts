import { Selection, fieldsAt, selects, selectionsAt, selectionsNamed } from '../api/selection';

/**
 * What an organization page shows along with the organization: its members (the fields of the
 * membership and of the member; null fields: read whole), and their awards with their honors.
 */
export interface OrganizationPagePlan {
  members?: {
    membershipFields: Set<string> | null;
    member: {
      fields: Set<string> | null;
      awards?: { awardFields: Set<string> | null; honorFields: Set<string> | null };
    };
  };
}

/** Nested `children` lists: how many levels are shown, and every field shown at any of them. */
export interface SubtreePlan {
  levels: number;
  fields: Set<string>;
}

/** Which of an org chart's per-box counts the request shows (each costs Neo4j a count per box). */
export interface ChartPlan {
  children: boolean;
  members: boolean;
  awards: boolean;
}

/** The page plan of an `organization(id)` selection. */
export function organizationPagePlan(organization: Selection): OrganizationPagePlan {
  if (!selects(organization, 'members')) return {};
  const awards = selectionsAt(organization, ['members', 'member', 'awards']).length > 0;
  return {
    members: {
      membershipFields: fieldsAt(organization, ['members']),
      member: {
        fields: fieldsAt(organization, ['members', 'member']),
        awards: awards
          ? { awardFields: fieldsAt(organization, ['members', 'member', 'awards']), honorFields: fieldsAt(organization, ['members', 'member', 'awards', 'honor']) }
          : undefined,
      },
    },
  };
}

/**
 * The subtree that `lists` (selections of `children`, one level) show: levels down to the deepest
 * nested `children`, fields of every level. Null when there is no list.
 */
export function subtreePlan(lists: Selection[]): SubtreePlan | null {
  if (lists.length === 0) return null;
  const fields = new Set<string>();
  let levels = 0;
  for (let level = lists; level.length > 0; level = level.flatMap((list) => selectionsNamed(list, 'children'))) {
    levels += 1;
    for (const list of level) for (const field of list.fields.values()) fields.add(field.name);
  }
  return { levels, fields };
}

/** The counts an `orgChart` selection shows (`hasMore` needs the children's). */
export function chartPlan(chart: Selection): ChartPlan {
  return {
    children: selects(chart, 'childCount') || selects(chart, 'hasMore'),
    members: selects(chart, 'memberCount'),
    awards: selects(chart, 'awardCount'),
  };
}
