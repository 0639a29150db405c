import type { ScreenProps } from '../screen';

/** TODO(issue 16): this screen is being built. */
export function HistoryScreen(_props: ScreenProps) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">历史 History</h2>
    </section>
  );
}
