import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Context } from '../api/context';
import { badInput } from '../api/errors';
import { HonoreeImport, MAX_ROWS } from './honoree-import';
import { HonoreeRowInput, ImportReport } from './import.type';
import { MAX_CSV_CHARS, readHonoreesCsv } from './honorees-csv';

/** The rows of a CSV text, read as the CLI reads a file; what it cannot read is BAD_USER_INPUT naming csv. */
async function csvRows(csv: string): Promise<HonoreeRowInput[]> {
  if (csv.length > MAX_CSV_CHARS) throw badInput('csv', `must be at most ${MAX_CSV_CHARS} characters, got ${csv.length}; split the file`);
  let rows;
  try {
    rows = await readHonoreesCsv(csv, MAX_ROWS);
  } catch (error) {
    throw badInput('csv', (error as Error).message);
  }
  if (!rows.length) throw badInput('csv', 'holds no rows: a header line (name, organization, honor, year, source, kind) and at least one row');
  return rows as HonoreeRowInput[];
}

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

  @Authorized('editor')
  @Mutation(() => ImportReport, {
    description:
      'Imports a CSV text as importHonorees does (what the workspace uploads): read on the server as `npm run import` reads a file (columns name, organization, honor, year, source, kind, year_inferred; ' +
      'English or Chinese headers), then imported in one transaction, all rows or none. At most 1,000,000 characters and 5,000 rows.',
  })
  async importHonoreesCsv(
    @Arg('csv', { description: 'The CSV text, a header line first.' }) csv: string,
    @Arg('dryRun', () => Boolean, { nullable: true, defaultValue: false, description: 'True to only report what the import would do; nothing is written.' })
    dryRun: boolean,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(HonoreeImport).run(ctx.viewer, await csvRows(csv), dryRun ?? false);
  }
}
