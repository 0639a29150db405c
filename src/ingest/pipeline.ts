import { extractEntities } from './extract-entities';
import { extractProgramsAndFigures } from './extract-programs';
import { Analysis, Gazetteer, IngestDocument } from './ingest.model';
import { matchMentions } from './match';

/**
 * From a read (and repaired) document to its analysis: the entities and facts it states, each
 * matched against the graph's names. Deterministic and pure: the same document and gazetteer give
 * the same analysis.
 */
export function analyze(document: IngestDocument, gazetteer: Gazetteer): Analysis {
  const entities = extractEntities(document, gazetteer);
  const extraction = extractProgramsAndFigures(document, entities, gazetteer);
  const matches = matchMentions(document, extraction, gazetteer);
  return { document, extraction, matches };
}
