import { ArgsType, Field } from 'type-graphql';
import { DateScalar } from './date.scalar';
import { badInput } from './errors';

/**
 * The valid-time arguments of the fields that read memberships and hierarchy links: the graph as
 * it stood on a day (today by default), or every period at once.
 */
@ArgsType()
export class ValidTimeArgs {
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Answer as the graph stood on this day (a year or month means its first day). Default: today. Not with allTime.',
  })
  asOf?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Every period, ended or not, instead of those holding on one day. Not with asOf.' })
  allTime?: boolean | null;
}

/** The valid time asked for, checked: asOf and allTime exclude each other. */
export function checkValidTime(time: ValidTime | null | undefined, field = 'allTime'): ValidTime {
  if (time?.allTime && time.asOf != null) throw badInput(field, 'give either asOf or allTime, not both');
  return { asOf: time?.asOf ?? null, allTime: time?.allTime ?? false };
}

interface ValidTime {
  asOf?: string | null;
  allTime?: boolean | null;
}
