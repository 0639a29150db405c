import { Extraction, Gazetteer, IngestDocument, MentionMatch } from './ingest.model';

/**
 * Each mention matched to a node of the graph, with a score and the features that decided it,
 * or proposed as new. (Placeholder: everything is new.)
 */
export function matchMentions(_document: IngestDocument, extraction: Extraction, _gazetteer: Gazetteer): MentionMatch[] {
  return extraction.entities.map((e) => ({ key: e.key, status: 'NEW', match: null, candidates: [], confidence: 0 }));
}
