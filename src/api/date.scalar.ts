import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { dateProblem } from './validation';

function parse(value: unknown): string {
  const problem = dateProblem(value);
  if (problem) {
    throw new GraphQLError(`Date ${problem}${typeof value === 'string' ? `, got "${value.slice(0, 40)}"` : ''}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value as string;
}

/**
 * A calendar date as precise as it is known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
 * (graph/partial-date.ts). Stored in Neo4j as a DATE with its precision; answered as written.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description:
    'A calendar date as precise as it is known: `YYYY` (a year), `YYYY-MM` (a month) or `YYYY-MM-DD` (a day). ' +
    'A year or month covers its whole period: `since: "2020"` holds from 2020-01-01, `until: "2022"` through 2022-12-31.',
  serialize: (value) => String(value),
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string: YYYY, YYYY-MM or YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    return parse(ast.value);
  },
});
