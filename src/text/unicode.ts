/**
 * What text may enter the graph at all, whichever door it comes through (GraphQL arguments,
 * CSV rows, seeds). The rules are about characters, not meaning: a string must be well-formed
 * UTF-16 (no lone surrogate, which the driver would store as U+FFFD, so that the stored value
 * differs from the one checked), and may not carry NUL, other C0 controls (tab, line feed and
 * carriage return excepted), DEL, C1 controls, or the bidi embedding/override/isolate controls
 * that make one string display as another (U+202A–U+202E, U+2066–U+2069).
 */

// Tab (U+0009), line feed (U+000A) and carriage return (U+000D) are ordinary whitespace in
// free text (notes, quotes); every other control character is refused.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

// Without the u flag a regex sees UTF-16 code units, so an unpaired half is visible.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` may not be stored as text, or null when it may. */
export function unsafeTextProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (it holds a lone surrogate)';
  const control = CONTROL.exec(value);
  if (control) return `must not contain control characters (found ${codePoint(control[0])} at ${control.index})`;
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi) return `must not contain bidirectional control characters (found ${codePoint(bidi[0])} at ${bidi.index})`;
  return null;
}
