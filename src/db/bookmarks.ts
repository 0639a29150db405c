/**
 * Causal consistency across app instances (docs/federation.md, "Bookmarks"). Within one instance the
 * driver's bookmark manager already makes a read wait for the instance's own writes; a client that
 * writes through one instance and reads through another carries the write's bookmark in the
 * `HonorGraph-Bookmark` header, and every transaction of its next request waits for it.
 */
export const BOOKMARK_HEADER = 'honorgraph-bookmark';

/** Most bookmarks one request may carry (one per database it wrote to is the usual count). */
export const MAX_BOOKMARKS = 8;

/** Neo4j's bookmarks are short base64-ish tokens (`FB:kcwQ…`); anything longer or other is refused unread. */
export const MAX_BOOKMARK_LENGTH = 512;
const BOOKMARK = /^[A-Za-z0-9+/=:_.-]+$/;

/** The bookmarks a request waits for, and those of its committed writes (what the response hands back). */
export class RequestBookmarks {
  private last: string[] = [];

  constructor(readonly given: readonly string[] = []) {}

  /** The bookmarks of the request's latest committed write. */
  get written(): readonly string[] {
    return this.last;
  }

  recordWrite(bookmarks: string[]): void {
    if (bookmarks.length) this.last = bookmarks;
  }
}

/** The header's bookmarks (comma-separated), or why they are refused. */
export function parseBookmarks(header: string | string[] | undefined): { bookmarks: string[] } | { problem: string } {
  if (header === undefined) return { bookmarks: [] };
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.length > MAX_BOOKMARKS * (MAX_BOOKMARK_LENGTH + 1)) return { problem: `is longer than ${MAX_BOOKMARKS} bookmarks can be` };
  const bookmarks = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (bookmarks.length > MAX_BOOKMARKS) return { problem: `at most ${MAX_BOOKMARKS} bookmarks, got ${bookmarks.length}` };
  for (const bookmark of bookmarks) {
    if (bookmark.length > MAX_BOOKMARK_LENGTH) return { problem: `a bookmark is at most ${MAX_BOOKMARK_LENGTH} characters, got ${bookmark.length}` };
    if (!BOOKMARK.test(bookmark)) return { problem: 'is not a bookmark this server handed out (letters, digits and + / = : _ . - only)' };
  }
  return { bookmarks: [...new Set(bookmarks)] };
}
