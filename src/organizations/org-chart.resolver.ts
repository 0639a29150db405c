import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { NodeRepository } from '../nodes/node.repository';
import { Organization } from './organization.type';
import { OrgChartEntity, OrgChartNode } from './org-chart.type';

/** What an org-chart box links to: the organization it shows, as its own record. */
@Resolver(() => OrgChartNode)
export class OrgChartNodeResolver {
  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization this box shows (null for member, program and honor leaves): its own record, under its own id.',
  })
  organization(@Root() node: OrgChartNode, @Ctx() ctx: Context) {
    return node.entity === OrgChartEntity.ORGANIZATION ? ctx.get(NodeRepository).byId(node.entityId) : null;
  }
}
