import { OrgChartInclude, OrgChartNode } from './org-chart.type';

/** What an org chart was asked for: every box's level and hasMore depend on all of it. */
export interface ChartRequest {
  rootId: string;
  depth: number;
  include: readonly OrgChartInclude[];
  /** The day the chart shows the graph as of (`all` for allTime); null or absent: now. */
  asOf?: string | null;
}

/**
 * The prefix every box id of one chart shares: `chart:<rootId>:<depth>:<include,...>:<asOf|now|all>`.
 * Normalizing clients (Relay, Apollo) key records by id alone, so a box must not share its id
 * with the organization it shows, nor with a box of another chart whose level or hasMore differ;
 * two requests for the same chart (include in any order) give the same ids.
 */
export function chartPrefix({ rootId, depth, include, asOf }: ChartRequest): string {
  const leaves = [...new Set(include)].sort().join(',');
  return `chart:${rootId}:${depth}:${leaves}:${asOf ?? 'now'}`;
}

/**
 * The chart's boxes with ids unique across the schema: `<prefix>/<organizationId>` for an
 * organization, `<prefix>/<organizationId>/<member|program|honor>/<entityId>` for a leaf under it;
 * parentId uses the same ids. `entityId` keeps the graph node's own id.
 */
export function withChartIds(nodes: readonly OrgChartNode[], request: ChartRequest): OrgChartNode[] {
  const prefix = chartPrefix(request);
  return nodes.map((node) => ({ ...node, id: `${prefix}/${node.id}`, parentId: node.parentId === null ? null : `${prefix}/${node.parentId}` }));
}
