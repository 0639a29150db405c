import { randomUUID } from 'node:crypto';
import { Graph } from '../db/graph';
import { Loaders } from '../db/loaders';
import { NodeRepository } from '../nodes/node.repository';
import { PersonRepository } from '../people/person.repository';
import { OrganizationRepository } from '../organizations/organization.repository';
import { HonorRepository } from '../honors/honor.repository';
import { ProgramRepository } from '../programs/program.repository';
import { SourceRepository } from '../sources/source.repository';
import { FigureRepository } from '../figures/figure.repository';
import { Viewer } from '../auth/auth-checker';
import { EditingRepository } from '../editing/editing.repository';
import { HistoryRepository } from '../history/history.repository';
import { DuplicateRepository } from '../duplicates/duplicate.repository';
import { PathRepository } from '../paths/path.repository';
import { StatsRepository } from '../stats/stats.repository';
import { SearchRepository } from '../search/search.repository';

/** Everything a resolver may use for one request; repositories share the request's loaders. */
export interface Context {
  requestId: string;
  graph: Graph;
  /** Who sent the request, from its bearer token. */
  viewer: Viewer;
  repos: {
    nodes: NodeRepository;
    people: PersonRepository;
    organizations: OrganizationRepository;
    honors: HonorRepository;
    programs: ProgramRepository;
    sources: SourceRepository;
    figures: FigureRepository;
    editing: EditingRepository;
    history: HistoryRepository;
    duplicates: DuplicateRepository;
    paths: PathRepository;
    stats: StatsRepository;
    search: SearchRepository;
  };
}

const ANONYMOUS: Viewer = { user: null, problem: null };

export function createContext(root: Graph, requestId: string = randomUUID(), viewer: Viewer = ANONYMOUS): Context {
  const graph = root.scoped();
  const loaders = new Loaders();
  const duplicates = new DuplicateRepository(graph, loaders);
  const history = new HistoryRepository(graph, loaders);
  const honors = new HonorRepository(graph, loaders);
  return {
    requestId,
    graph,
    viewer,
    repos: {
      nodes: new NodeRepository(graph, loaders),
      people: new PersonRepository(graph, loaders),
      organizations: new OrganizationRepository(graph, loaders, honors),
      honors,
      programs: new ProgramRepository(graph, loaders),
      sources: new SourceRepository(graph, loaders),
      figures: new FigureRepository(graph, loaders),
      editing: new EditingRepository(graph, loaders, duplicates, history),
      history,
      duplicates,
      paths: new PathRepository(graph, loaders),
      stats: new StatsRepository(graph, loaders),
      search: new SearchRepository(graph, loaders),
    },
  };
}
