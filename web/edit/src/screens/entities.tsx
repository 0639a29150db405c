import { href, navigate } from '../route';
import { may } from '../session';
import type { ScreenProps } from '../screen';
import { EntityPicker } from '../ui';
import { CreateForm, CREATABLE, type CreatableType } from './entities-create';
import { EntityPage } from './entities-page';

/**
 * Entities (#/entities, #/entities/<id>): find a person, organization, honor, program or source
 * and open its page, with every fact and its sources; editors create, edit, award and link.
 * #/entities/new?type=Organization opens the create form on that type.
 */
export function EntitiesScreen({ session, route }: ScreenProps) {
  const [first] = route.rest;
  const id = first && first !== 'new' ? first : null;
  const requested = route.query.get('type');
  const initialType = CREATABLE.find(([t]) => t === requested)?.[0] as CreatableType | undefined;
  return (
    <section aria-labelledby="entities-heading" class="entities">
      <h2 id="entities-heading">实体 Entities</h2>
      <div class="entity-finder" role="search">
        <EntityPicker label="查找实体 Find an entity" onPick={(hit) => navigate('entities', hit.id)}
          hint="姓名、简称、繁体或拼音皆可 names, short forms, traditional script or pinyin" />
      </div>
      {id ? (
        <>
          <p><a href={href('entities')}>← 全部 All entities</a></p>
          <EntityPage key={id} id={id} session={session} />
        </>
      ) : may(session, 'EDITOR') ? (
        <CreateForm key={initialType ?? 'Person'} initialType={initialType} />
      ) : (
        <p class="muted">搜索以打开实体；编辑需要编辑权限。 Search to open an entity; editing needs the editor role.</p>
      )}
    </section>
  );
}
