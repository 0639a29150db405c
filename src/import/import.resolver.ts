import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Context } from '../api/context';
import { HonoreeImport } from './honoree-import';
import { HonoreeRowInput, ImportReport } from './import.type';

@Resolver()
export class ImportResolver {
  @Authorized('editor')
  @Mutation(() => ImportReport, {
    description:
      'Imports a published list of honorees in one transaction: all rows or none. With dryRun, reports per row what would be matched, created or rejected, and writes nothing.',
  })
  importHonorees(
    @Arg('rows', () => [HonoreeRowInput], { description: 'The rows of the list, in its order; row numbers in the report count from 1.' }) rows: HonoreeRowInput[],
    @Arg('dryRun', () => Boolean, { nullable: true, defaultValue: false, description: 'True to only report what the import would do; nothing is written.' })
    dryRun: boolean,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(HonoreeImport).run(ctx.viewer, rows, dryRun ?? false);
  }
}
