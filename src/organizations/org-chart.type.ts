import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Level } from '../api/enums';

export const MAX_ORG_CHART_DEPTH = 10;
/** Most organizations one chart holds: a deeper or wider one is refused (ask again rooted lower). */
export const MAX_ORG_CHART_ORGANIZATIONS = 10_000;

export enum OrgChartInclude {
  MEMBERS = 'MEMBERS',
  PROGRAMS = 'PROGRAMS',
  HONORS = 'HONORS',
}

registerEnumType(OrgChartInclude, {
  name: 'OrgChartInclude',
  description: 'Leaves an org chart may add under each organization.',
  valuesConfig: {
    MEMBERS: { description: 'People who are members of the organization.' },
    PROGRAMS: { description: 'Programs it organized or partnered in.' },
    HONORS: { description: 'Honors it received as a collective (one leaf per honor, whatever the years).' },
  },
});

export enum OrgChartEntity {
  ORGANIZATION = 'ORGANIZATION',
  PERSON = 'PERSON',
  PROGRAM = 'PROGRAM',
  HONOR = 'HONOR',
}

registerEnumType(OrgChartEntity, {
  name: 'OrgChartEntity',
  description: 'What an org-chart node stands for.',
  valuesConfig: {
    ORGANIZATION: { description: 'An organization of the tree (the root or one under it).' },
    PERSON: { description: 'A member of the organization above (with include MEMBERS).' },
    PROGRAM: { description: 'A program the organization above organized or partnered in (with include PROGRAMS).' },
    HONOR: { description: 'An honor the organization above received (with include HONORS).' },
  },
});

@ObjectType({
  simpleResolvers: true,
  description:
    'One box of an org chart. The list has exactly one root (parentId null) and every other parentId is in the list, ' +
    'the flat shape d3-org-chart and similar libraries take.',
})
export class OrgChartNode {
  @Field(() => ID, {
    description:
      'Unique across the schema and across charts: `chart:<rootId>:<depth>:<include,...>:<asOf|now>/<organizationId>` for an organization, ' +
      'and `/<member|program|honor>/<entityId>` appended to its box\'s id for a leaf. Never the id of the node shown (that is entityId).',
  })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The id of the box above (a chart id like id); null only for the root.' })
  parentId!: string | null;

  @Field(() => ID, { description: 'The id of the node in the graph (for leaves this differs from `id`).' })
  entityId!: string;

  @Field(() => OrgChartEntity, { description: 'What the box stands for: an organization, or a member, program or honor leaf.' })
  entity!: OrgChartEntity;

  @Field({ description: 'Name of the node shown.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The organization kind (FEDERATION, TEAM, …) or program kind; null for people and honors.' })
  kind!: string | null;

  @Field(() => Int, { description: 'Distance from the root: 0 for the root, 1 for its children, …' })
  level!: number;

  @Field(() => Level, { nullable: true, description: 'Administrative level of the organization or honor, when it has one.' })
  administrativeLevel!: Level | null;

  @Field(() => Int, { description: 'Organizations directly under this one in the graph (whether shown or not).' })
  childCount!: number;

  @Field(() => Int, { description: 'Members of the organization (people or organizations).' })
  memberCount!: number;

  @Field(() => Int, { description: 'Honors received (awards, counting each year).' })
  awardCount!: number;

  @Field({ description: 'True when the depth cut this organization off from children it has: ask again rooted here.' })
  hasMore!: boolean;
}
