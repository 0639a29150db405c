import type { ScreenProps } from '../screen';

/** TODO(issue 16): this screen is being built. */
export function IngestScreen(_props: ScreenProps) {
  return (
    <section aria-labelledby="ingest-heading">
      <h2 id="ingest-heading">文档导入 Ingest a document</h2>
    </section>
  );
}
