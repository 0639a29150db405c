import { randomUUID } from 'node:crypto';
import { Graph } from '../db/graph';
import { Loaders } from '../db/loaders';
import { Context, Provided } from '../api/context';
import { Viewer } from '../auth/viewer';
import { NodeRepository } from '../nodes/node.repository';
import { PersonRepository } from '../people/person.repository';
import { OrganizationRepository } from '../organizations/organization.repository';
import { HonorRepository } from '../honors/honor.repository';
import { ProgramRepository } from '../programs/program.repository';
import { SourceRepository } from '../sources/source.repository';
import { FigureRepository } from '../figures/figure.repository';
import { HistoryRepository } from '../history/history.repository';
import { DuplicateRepository } from '../duplicates/duplicate.repository';
import { PathRepository } from '../paths/path.repository';
import { StatsRepository } from '../stats/stats.repository';
import { SearchRepository } from '../search/search.repository';
import { NamedEntities } from '../editing/named-entities';
import { MergeService } from '../merge/merge.service';
import { MergePreviewService } from '../merge/merge-preview.service';
import { DismissalService } from '../merge/dismissal.service';
import { PersonService } from '../people/person.service';
import { OrganizationService } from '../organizations/organization.service';
import { HonorService } from '../honors/honor.service';
import { AwardService } from '../honors/award.service';
import { ProgramService } from '../programs/program.service';
import { SourceService } from '../sources/source.service';
import { ImportRepository } from '../import/import.repository';
import { HonoreeImport } from '../import/honoree-import';
import { FigureService } from '../figures/figure.service';
import { GazetteerRepository } from '../ingest/gazetteer.repository';
import { ProposalRepository } from '../proposals/proposal.repository';
import { ProposalService } from '../proposals/proposal.service';
import { loadIngestCommitTimeoutMs, loadIngestMaxBytes } from '../config';
import { CommitService } from '../proposals/commit.service';
import { ExternalIdRepository } from '../identifiers/external-id.repository';
import { ExternalIdService } from '../identifiers/external-id.service';

const ANONYMOUS: Viewer = { user: null, problem: null };

/** What one request's repositories and services are built from. */
interface Request {
  graph: Graph;
  loaders: Loaders;
  viewer: Viewer;
  get<T>(type: Provided<T>): T;
}

/**
 * The wiring: how each repository and service of a request is built. The only list of them;
 * everything is built on first use, once per request.
 */
const WIRING = new Map<Provided<unknown>, (r: Request) => unknown>([
  [NodeRepository, (r) => new NodeRepository(r.graph, r.loaders)],
  [PersonRepository, (r) => new PersonRepository(r.graph, r.loaders)],
  [OrganizationRepository, (r) => new OrganizationRepository(r.graph, r.loaders)],
  [HonorRepository, (r) => new HonorRepository(r.graph, r.loaders)],
  [ProgramRepository, (r) => new ProgramRepository(r.graph, r.loaders)],
  [SourceRepository, (r) => new SourceRepository(r.graph, r.loaders)],
  [FigureRepository, (r) => new FigureRepository(r.graph, r.loaders)],
  [HistoryRepository, (r) => new HistoryRepository(r.graph, r.loaders)],
  [DuplicateRepository, (r) => new DuplicateRepository(r.graph, r.loaders)],
  [PathRepository, (r) => new PathRepository(r.graph, r.loaders)],
  [StatsRepository, (r) => new StatsRepository(r.graph, r.loaders)],
  [SearchRepository, (r) => new SearchRepository(r.graph, r.loaders)],
  [ImportRepository, (r) => new ImportRepository(r.graph, r.loaders)],
  [GazetteerRepository, (r) => new GazetteerRepository(r.graph, r.loaders)],
  [ProposalRepository, (r) => new ProposalRepository(r.graph, r.loaders)],
  [ExternalIdRepository, (r) => new ExternalIdRepository(r.graph, r.loaders)],
  // Services: the rules, locks and history of the writes.
  [NamedEntities, (r) => new NamedEntities(r.graph, r.get(DuplicateRepository))],
  [PersonService, (r) => new PersonService(r.get(PersonRepository), r.get(NamedEntities))],
  [OrganizationService, (r) => new OrganizationService(r.graph, r.get(OrganizationRepository), r.get(NamedEntities))],
  [HonorService, (r) => new HonorService(r.graph, r.get(HonorRepository), r.get(NamedEntities))],
  [AwardService, (r) => new AwardService(r.graph, r.get(HonorRepository))],
  [ProgramService, (r) => new ProgramService(r.graph, r.get(ProgramRepository), r.get(NamedEntities))],
  [SourceService, (r) => new SourceService(r.get(SourceRepository), r.get(NamedEntities))],
  [FigureService, (r) => new FigureService(r.get(FigureRepository))],
  [MergeService, (r) => new MergeService(r.graph, r.get(NodeRepository), r.get(OrganizationRepository), r.get(FigureRepository))],
  [MergePreviewService, (r) => new MergePreviewService(r.graph)],
  [DismissalService, (r) => new DismissalService(r.graph, r.get(DuplicateRepository))],
  [ExternalIdService, (r) => new ExternalIdService(r.graph, r.get(ExternalIdRepository))],
  [
    HonoreeImport,
    (r) => new HonoreeImport(r.graph, r.get(ImportRepository), r.get(DuplicateRepository), r.get(NamedEntities), r.get(OrganizationService), r.get(AwardService)),
  ],
  // Document ingest: proposals, their review and commit.
  [ProposalService, (r) => new ProposalService(r.graph, r.get(ProposalRepository), r.get(GazetteerRepository), loadIngestMaxBytes())],
  [
    CommitService,
    (r) => {
      // The commit's transaction and its reads of the proposal, before and after, run on the longer limit.
      const graph = commitGraph(r.graph);
      return new CommitService(graph, new ProposalRepository(graph, r.loaders), r.get(NamedEntities), r.get(OrganizationService), r.get(AwardService), r.get(ProgramService), r.get(FigureService), r.get(HonorService));
    },
  ],
]);

/**
 * The graph a commit writes through: the request's (its counter, its request id) with a time limit
 * of its own, INGEST_COMMIT_TIMEOUT_MS, for both the deadline and Neo4j's transaction timeout: one
 * transaction writes a whole document, longer than a request's seconds allow.
 */
function commitGraph(graph: Graph): Graph {
  const timeout = loadIngestCommitTimeoutMs();
  return graph.withOptions({ deadline: Date.now() + timeout, transactionTimeoutMs: timeout });
}

/** The context as the server holds it: the resolvers' Context and the request's counted graph (round trips for the response). */
export interface RequestContext extends Context {
  graph: Graph;
}

/** The context of one GraphQL request: its graph (counted, with its deadline), loaders and viewer. */
export function createContext(root: Graph, requestId: string = randomUUID(), viewer: Viewer = ANONYMOUS): RequestContext {
  const built = new Map<Provided<unknown>, unknown>();
  const request: Request = {
    graph: root.scoped(),
    loaders: new Loaders(),
    viewer,
    get<T>(type: Provided<T>): T {
      if (!built.has(type)) {
        const build = WIRING.get(type);
        if (!build) throw new Error(`app/context.ts wires no ${type.name}`);
        built.set(type, build(request));
      }
      return built.get(type) as T;
    },
  };
  return { requestId, viewer, graph: request.graph, get: request.get };
}
