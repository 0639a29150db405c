import { Selection, fieldsAt, selects, selectionsAt, selectionsNamed } from '../api/selection';
import { checkValidTime } from '../api/valid-time.args';
import { ValidTime, validTimeKey } from '../query/valid-time';

/** The valid time a selection of a dated field (children, members…) asks for, checked. */
export function validTimeOf(selection: Selection): ValidTime {
  return checkValidTime(selection.args as ValidTime);
}

/**
 * What an organization page shows along with the organization: its members (the fields of the
 * membership and of the member; null fields: read whole), and their awards with their honors.
 */
export interface OrganizationPagePlan {
  members?: {
    /** The day the members are read for (the first `members` selection's asOf/allTime); other days are read by their own fields. */
    time: ValidTime;
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
  /** The day every level is read for: levels stop where a nested `children` asks for another. */
  time: ValidTime;
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
  const time = validTimeOf(selectionsNamed(organization, 'members')[0]);
  const awards = selectionsAt(organization, ['members', 'member', 'awards']).length > 0;
  return {
    members: {
      time,
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
 * nested `children`, fields of every level. Null when there is no list. The first list's day
 * (asOf, allTime) is the subtree's; reading ahead stops above a level where any list asks for
 * another day, whose own field then reads it (a prefetched list never answers another day).
 */
export function subtreePlan(lists: Selection[]): SubtreePlan | null {
  if (lists.length === 0) return null;
  const time = validTimeOf(lists[0]);
  const key = validTimeKey(time);
  const fields = new Set<string>();
  let levels = 0;
  for (let level = lists; level.length > 0; level = level.flatMap((list) => selectionsNamed(list, 'children'))) {
    if (level.some((list) => validTimeKey(validTimeOf(list)) !== key)) break;
    levels += 1;
    for (const list of level) for (const field of list.fields.values()) fields.add(field.name);
  }
  return { levels, fields, time };
}

/** The counts an `orgChart` selection shows (`hasMore` needs the children's). */
export function chartPlan(chart: Selection): ChartPlan {
  return {
    children: selects(chart, 'childCount') || selects(chart, 'hasMore'),
    members: selects(chart, 'memberCount'),
    awards: selects(chart, 'awardCount'),
  };
}
