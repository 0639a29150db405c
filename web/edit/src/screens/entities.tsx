import type { ScreenProps } from '../screen';

/** TODO(issue 16): this screen is being built. */
export function EntitiesScreen(_props: ScreenProps) {
  return (
    <section aria-labelledby="entities-heading">
      <h2 id="entities-heading">实体 Entities</h2>
    </section>
  );
}
