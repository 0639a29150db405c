import type { ScreenProps } from '../screen';

/** TODO(issue 16): this screen is being built. */
export function DuplicatesScreen(_props: ScreenProps) {
  return (
    <section aria-labelledby="duplicates-heading">
      <h2 id="duplicates-heading">重复 Duplicates</h2>
    </section>
  );
}
