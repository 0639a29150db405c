import { Extraction, Gazetteer, IngestDocument } from './ingest.model';

/**
 * Organizations, people and honors the document names, with the awards, memberships and
 * hierarchy links between them, and the document's own context (place, date, issuer).
 * (Placeholder: finds nothing yet.)
 */
export function extractEntities(_document: IngestDocument, _gazetteer: Gazetteer): Extraction {
  return {
    context: { place: null, date: null, dateSpan: null, year: null, yearNote: null, issuerKey: null },
    entities: [],
    awards: [],
    memberships: [],
    hierarchy: [],
    programLinks: [],
    figures: [],
  };
}
