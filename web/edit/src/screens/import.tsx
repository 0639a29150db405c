import type { ScreenProps } from '../screen';

/** TODO(issue 16): this screen is being built. */
export function ImportScreen(_props: ScreenProps) {
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">CSV 导入 Import a list</h2>
    </section>
  );
}
