import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { NodeResolver } from '../nodes/node.resolver';
import { PersonResolver } from '../people/person.resolver';
import { AliasContextOrganizationResolver, OrganizationResolver } from '../organizations/organization.resolver';
import { OrgChartNodeResolver } from '../organizations/org-chart.resolver';
import { MembershipResolver, PersonMembershipResolver } from '../organizations/membership.resolver';
import { ORGANIZATION_TYPES } from '../organizations/organization.type';
import { HonorResolver } from '../honors/honor.resolver';
import { AwardResolver, RevokeAwardPayloadResolver } from '../honors/award.resolver';
import { OrganizationAwardResolver, RecipientResolver } from '../honors/recipient.resolver';
import { OrganizationProgramResolver, ProgramResolver } from '../programs/program.resolver';
import { AliasContextSourceResolver, AuthorResolver, SourceResolver } from '../sources/source.resolver';
import { CitationResolver } from '../sources/citation.resolver';
import { FactResolver } from '../sources/fact.resolver';
import { FigureResolver, OrganizationFigureResolver, ProgramFigureResolver } from '../figures/figure.resolver';
import { MergeResolver } from '../merge/merge.resolver';
import { HistoryResolver } from '../history/history.resolver';
import { DuplicateResolver } from '../duplicates/duplicate.resolver';
import { ImportResolver } from '../import/import.resolver';
import { authChecker } from '../api/auth-checker';
import { validateInput } from '../api/validation';
import { answerPrefetchedFields } from '../api/prefetch';
import { PathResolver } from '../paths/path.resolver';
import {
  AwardCountResolver, HonoreeCountResolver, PartnerProgramCountResolver, StatsResolver, SubjectFiguresResolver,
} from '../stats/stats.resolver';
import { SearchResolver } from '../search/search.resolver';
import { ProposalResolver } from '../proposals/proposal.resolver';
import { ViewerResolver } from '../viewer/viewer.resolver';
import {
  ExternalIdResolver, HonorExternalIdsResolver, OrganizationExternalIdsResolver, PersonExternalIdsResolver, ProgramExternalIdsResolver, SourceExternalIdsResolver,
} from '../identifiers/external-id.resolver';
import { buildSubgraph } from '../federation/subgraph';
import { LiveResolver } from '../live/live.resolver';
import { NO_PUBSUB } from '../live/live.service';

export const RESOLVERS = [
  NodeResolver,
  PersonResolver,
  OrganizationResolver,
  OrgChartNodeResolver,
  AliasContextOrganizationResolver,
  MembershipResolver,
  PersonMembershipResolver,
  HonorResolver,
  AwardResolver,
  RevokeAwardPayloadResolver,
  RecipientResolver,
  OrganizationAwardResolver,
  ProgramResolver,
  OrganizationProgramResolver,
  FigureResolver,
  OrganizationFigureResolver,
  ProgramFigureResolver,
  SourceResolver,
  AliasContextSourceResolver,
  AuthorResolver,
  CitationResolver,
  FactResolver,
  MergeResolver,
  HistoryResolver,
  DuplicateResolver,
  ImportResolver,
  PathResolver,
  StatsResolver,
  AwardCountResolver,
  HonoreeCountResolver,
  PartnerProgramCountResolver,
  SubjectFiguresResolver,
  SearchResolver,
  ProposalResolver,
  ViewerResolver,
  LiveResolver,
  ExternalIdResolver,
  PersonExternalIdsResolver,
  OrganizationExternalIdsResolver,
  HonorExternalIdsResolver,
  ProgramExternalIdsResolver,
  SourceExternalIdsResolver,
] as const;

/** type-graphql builds the root types itself, so their descriptions are set on the built schema. */
const ROOT_DESCRIPTIONS = {
  Query: 'Reads of the graph: nodes by id, filtered and paged lists, search, paths, the org chart, counts and the revision history. Open to every client, but for proposal and proposals (document ingest), which need the editor role.',
  Subscription: 'Live changes over graphql-ws at /graphql (docs/live.md): every committed revision, or those of one entity, of an organization\'s subtree, or new awards of an honor; resumable with `after`.',
  Mutation: 'Edits of the graph, each in one transaction and recorded as a revision. They need a bearer token with the editor role (document ingest too: ingestDocument and the proposal review store proposals apart from the graph, commitProposal writes one revision); revokeAward, mergeEntities and undo need the admin role.',
};

function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = ROOT_DESCRIPTIONS.Query;
  if (mutation) mutation.description = ROOT_DESCRIPTIONS.Mutation;
  const subscription = schema.getSubscriptionType();
  if (subscription) subscription.description = ROOT_DESCRIPTIONS.Subscription;
  return schema;
}

let cached: Promise<GraphQLSchema> | undefined;

/** The schema, built once per process from the decorated classes. */
export function buildHonorGraphSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: RESOLVERS,
    orphanedTypes: ORGANIZATION_TYPES,
    // class-validator runs on every input; validateInput names the field in BAD_USER_INPUT.
    validateFn: validateInput,
    authChecker,
    authMode: 'error',
    pubSub: NO_PUBSUB,
  })
    .then(answerPrefetchedFields)
    .then(describeRootTypes);
  return cached;
}

let cachedSubgraph: Promise<GraphQLSchema> | undefined;

/** The same schema as an Apollo Federation 2 subgraph, served at /subgraph (src/federation/). */
export function buildHonorGraphSubgraphSchema(): Promise<GraphQLSchema> {
  cachedSubgraph ??= buildHonorGraphSchema().then(buildSubgraph);
  return cachedSubgraph;
}
