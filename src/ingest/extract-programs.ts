import { Extraction, Gazetteer, IngestDocument } from './ingest.model';

/**
 * Programs (campaigns, activities, contests, classes, stations) with their organizers and
 * partners, and figures, added to an extraction that holds the document's organizations.
 * (Placeholder: adds nothing yet.)
 */
export function extractProgramsAndFigures(_document: IngestDocument, extraction: Extraction, _gazetteer: Gazetteer): Extraction {
  return extraction;
}
