import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Revision } from '../history/revision.type';

@ObjectType({
  simpleResolvers: true,
  description:
    'One committed revision, as a subscription delivers it: its position in the revision log (pass the last one seen as `after` to resume), ' +
    'the revision (who, when, what changed: changes lists each statement added, removed or changed) and the sources those statements cite.',
})
export class RevisionEvent {
  @Field(() => Int, { description: 'The revision\'s place in the one commit-ordered log every instance follows; resume after it with `after`.' })
  position!: number;

  @Field(() => Revision, { description: 'The revision: operation, actor (editors and admins only, unless HISTORY_ACTORS_PUBLIC=true), changes and entities.' })
  revision!: Revision;

  @Field(() => [ID], { description: 'The sources the statements it touched cite, before or after the change.' })
  sourceIds!: string[];
}
