import { ApolloArmor } from '@escape.tech/graphql-armor';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  FieldNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  TypeInfo,
  ValidationRule,
  ValueNode,
  getNamedType,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { Limits } from '../config';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../api/connection';
import { MAX_ORG_CHART_DEPTH, OrgChartInclude } from '../organizations/org-chart.type';
import { ArgumentWalker, isFilterType, operationOnly } from './input-bounds';

/**
 * Depth, aliases and directives are graphql-armor's validation rules as configured here (tokens:
 * graphql-js's own parser limit).
 * Cost is armor's cost rule too, but run once the variables are known (see costLimitPlugin), so
 * `first: $n` weighs as much as `first: 100`.
 */
export function armorProtection(limits: Limits, production: boolean): { plugins: ApolloServerPlugin<any>[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    // graphql-js counts tokens itself (parseOptions.maxTokens in app.ts): a clean parse error, status 400.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { enabled: false },
    // "Did you mean …" tells a stranger the schema's field names; off in production.
    blockFieldSuggestion: { enabled: production },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins: plugins as ApolloServerPlugin<any>[], validationRules: validationRules as ValidationRule[] };
}

const intValue = (value: number) => ({ kind: Kind.INT, value: String(value) }) as const;

/**
 * What the estimator weighs besides selections (docs/limits.md, "Cost"): a filter costs
 * FILTER_CONDITION_COST per condition and RELATIONSHIP_CONDITION_COST more per relationship
 * condition, once per evaluation of its field (times the lists around the field, not its own page
 * size); an org chart, which has no page size and no node cap of its own, is assumed to hold
 * ORG_CHART_FANOUT organizations per level of depth, each with ORG_CHART_LEAVES leaves per
 * `include`, and its selection is weighed once per box.
 */
export const FILTER_CONDITION_COST = 2;
export const RELATIONSHIP_CONDITION_COST = 20;
export const ORG_CHART_FANOUT = 10;
export const ORG_CHART_LEAVES = 5;
const ORG_CHART_DEFAULT_DEPTH = 3;

/** Boxes an org chart of this depth and include list is assumed to have. */
export function orgChartRows(depth: number, include: number): number {
  return (1 + depth * ORG_CHART_FANOUT) * (1 + include * ORG_CHART_LEAVES);
}

const isOrgChart = (schema: GraphQLSchema, parent: unknown, field: { name: string } | null | undefined) =>
  parent === schema.getQueryType() && field?.name === 'orgChart';

/** A flat argument value (an Int, an enum or a list of them), literal or from a variable. */
function plainValue(node: ValueNode | undefined, variables: Record<string, unknown>, defaults: Map<string, ValueNode>): unknown {
  if (!node) return undefined;
  if (node.kind === Kind.VARIABLE) {
    const name = node.name.value;
    if (name in variables) return variables[name];
    const fallback = defaults.get(name);
    return fallback && fallback.kind !== Kind.VARIABLE ? plainValue(fallback, variables, defaults) : undefined;
  }
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.ENUM) return node.value;
  if (node.kind === Kind.LIST) return node.values.map((value) => (value.kind === Kind.ENUM ? value.value : null));
  return undefined;
}

function orgChartEstimate(node: FieldNode, variables: Record<string, unknown>, defaults: Map<string, ValueNode>): number {
  const argument = (name: string) => plainValue(node.arguments?.find((arg) => arg.name.value === name)?.value, variables, defaults);
  const given = argument('depth');
  // Out of range, the resolver refuses the depth; the estimate only needs to be sane.
  const depth = typeof given === 'number' && Number.isInteger(given) ? Math.min(Math.max(given, 0), MAX_ORG_CHART_DEPTH) : ORG_CHART_DEFAULT_DEPTH;
  const raw = argument('include');
  const values = Array.isArray(raw) ? raw : raw == null ? [] : [raw];
  const include = new Set(values.filter((value) => Object.values(OrgChartInclude).includes(value as OrgChartInclude))).size;
  return orgChartRows(depth, include);
}

/** A selection armor weighs at `cost` (an object with a page size) and the server never runs. */
const weightField = (cost: number): FieldNode => ({
  kind: Kind.FIELD,
  name: { kind: Kind.NAME, value: '__filter' },
  arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'first' }, value: intValue(Math.ceil(cost / 2)) }],
  selectionSet: { kind: Kind.SELECTION_SET, selections: [] },
});

/**
 * The operation as armor's cost rule should see it: every `first` argument written out as a
 * literal (the variable's value, or the page size the server uses when it is absent), each
 * orgChart given its assumed number of boxes as `first`, and each filter weighed as a sibling
 * selection. Armor's cost rule reads only literals. Never executed.
 */
export function withExplicitPageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): DocumentNode {
  const only = operationOnly(document, operation);
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const walker = new ArgumentWalker(variables, defaults, null);
  const filterCosts = new WeakMap<FieldNode, number>();
  const typeInfo = new TypeInfo(schema);
  const withFirst = (node: FieldNode, size: number): FieldNode => ({
    ...node,
    arguments: [...(node.arguments ?? []).filter((arg) => arg.name.value !== 'first'), {
      kind: Kind.ARGUMENT,
      name: { kind: Kind.NAME, value: 'first' },
      value: intValue(Math.max(1, Math.trunc(size))),
    }],
  });
  return visit(
    only,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node: FieldNode): FieldNode | undefined {
          const definition = typeInfo.getFieldDef();
          if (isOrgChart(schema, typeInfo.getParentType(), definition)) return withFirst(node, orgChartEstimate(node, variables, defaults));
          if (!definition?.args.some((arg) => arg.name === 'first')) return undefined;
          const given = node.arguments?.find((arg) => arg.name.value === 'first');
          let size: number;
          if (!given) size = DEFAULT_PAGE_SIZE;
          else if (given.value.kind === Kind.INT) return undefined;
          else if (given.value.kind === Kind.VARIABLE) {
            const name = given.value.name.value;
            const value = name in variables ? variables[name] : plainValue(defaults.get(name), variables, defaults);
            // Past MAX_PAGE_SIZE the resolver refuses `first` with its own, clearer message.
            size = typeof value === 'number' && Number.isFinite(value) ? Math.min(value, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
          } else size = DEFAULT_PAGE_SIZE;
          return withFirst(node, size);
        },
        leave(node: FieldNode): FieldNode | undefined {
          const definition = typeInfo.getFieldDef();
          let cost = 0;
          for (const given of node.arguments ?? []) {
            const argument = definition?.args.find((arg) => arg.name === given.name.value);
            if (!argument || !isFilterType(getNamedType(argument.type))) continue;
            const { conditions, relationships } = walker.argument(given, argument.type, '');
            cost += conditions * FILTER_CONDITION_COST + relationships * RELATIONSHIP_CONDITION_COST;
          }
          if (cost === 0) return undefined;
          const weighed = { ...node };
          filterCosts.set(weighed, cost);
          return weighed;
        },
      },
      SelectionSet: {
        leave(node: SelectionSetNode): SelectionSetNode | undefined {
          const weights = node.selections.flatMap((selection) => {
            const cost = selection.kind === Kind.FIELD ? filterCosts.get(selection) : undefined;
            return cost ? [weightField(cost)] : [];
          });
          return weights.length ? { ...node, selections: [...node.selections, ...weights] } : undefined;
        },
      },
    }) as any,
  ) as DocumentNode;
}

/** The cost of the operation about to run, by graphql-armor's estimator; errors when over maxCost. */
export function costErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  maxCost: number,
): { cost: number | null; errors: GraphQLError[] } {
  let cost: number | null = null;
  const rejected: GraphQLError[] = [];
  const explicit = withExplicitPageSizes(schema, document, operation, variables);
  validate(schema, explicit, [
    costLimitRule({
      maxCost,
      // 1: a field's cost is what it selects, times its page size, without compounding by depth.
      depthCostFactor: 1,
      propagateOnRejection: false,
      onAccept: [(_ctx, details: { n: number }) => (cost = details.n)],
      onReject: [(_ctx, error) => rejected.push(error)],
    }),
  ]);
  return {
    cost,
    errors: rejected.map(
      (error) =>
        new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
        }),
    ),
  };
}

/**
 * Names of the variables the cost depends on: those in a `first` argument, in orgChart's
 * arguments or anywhere in a filter argument.
 */
function costVariables(schema: GraphQLSchema, document: DocumentNode): string[] {
  const names = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        const weighed =
          node.name.value === 'first' ||
          isOrgChart(schema, typeInfo.getParentType(), typeInfo.getFieldDef()) ||
          (argument && isFilterType(getNamedType(argument.type)));
        if (weighed) visit(node.value, { Variable: (variable) => void names.add(variable.name.value) });
        return false;
      },
    }),
  );
  return [...names];
}

/** The values a cost depends on, as one string; null (weigh it every time) for one too large or too deep to remember. */
function costKey(operationName: string | null, values: unknown[]): string | null {
  try {
    const key = JSON.stringify([operationName, ...values]);
    return key.length <= 4096 ? key : null;
  } catch {
    return null; // nested past JSON.stringify's stack: input bounds refuse it anyway
  }
}

/** Most variable combinations remembered per document (Apollo keeps the documents themselves). */
const COSTS_PER_DOCUMENT = 64;

export function costLimitPlugin(maxCost: number): ApolloServerPlugin<any> {
  // A document's cost depends only on the operation run and the variables it weighs, so an
  // accepted one is not weighed again for the same values (Apollo reuses the parsed document).
  const accepted = new WeakMap<DocumentNode, { variables: string[]; keys: Set<string> }>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          let known = accepted.get(document);
          if (!known) {
            known = { variables: costVariables(schema, document), keys: new Set() };
            accepted.set(document, known);
          }
          const variables = request.variables ?? {};
          const key = costKey(operation.name?.value ?? null, known.variables.map((name) => variables[name] ?? null));
          if (key !== null && known.keys.has(key)) return;
          const { errors } = costErrors(schema, document, operation, variables, maxCost);
          if (errors.length) throw errors[0];
          if (key !== null && known.keys.size < COSTS_PER_DOCUMENT) known.keys.add(key);
        },
      };
    },
  };
}
