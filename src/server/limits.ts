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
  TypeInfo,
  ValidationRule,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { Limits } from '../config';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/connection';

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
 * The operation with every `first` argument written out as a literal: the variable's value, or
 * the page size the server uses when it is absent. Armor's cost rule reads only literals.
 */
export function withExplicitPageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): DocumentNode {
  const only: DocumentNode = {
    ...document,
    definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION),
  };
  const defaults = new Map<string, unknown>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue?.kind === Kind.INT) defaults.set(definition.variable.name.value, Number(definition.defaultValue.value));
  }
  const typeInfo = new TypeInfo(schema);
  return visit(
    only,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode): FieldNode | undefined {
        const definition = typeInfo.getFieldDef();
        if (!definition?.args.some((arg) => arg.name === 'first')) return undefined;
        const given = node.arguments?.find((arg) => arg.name.value === 'first');
        let size: number;
        if (!given) size = DEFAULT_PAGE_SIZE;
        else if (given.value.kind === Kind.INT) return undefined;
        else if (given.value.kind === Kind.VARIABLE) {
          const name = given.value.name.value;
          const value = name in variables ? variables[name] : defaults.get(name);
          // Past MAX_PAGE_SIZE the resolver refuses `first` with its own, clearer message.
          size = typeof value === 'number' && Number.isFinite(value) ? Math.min(value, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
        } else size = DEFAULT_PAGE_SIZE;
        return {
          ...node,
          arguments: [...(node.arguments ?? []).filter((arg) => arg.name.value !== 'first'), {
            kind: Kind.ARGUMENT,
            name: { kind: Kind.NAME, value: 'first' },
            value: intValue(Math.max(1, Math.trunc(size))),
          }],
        };
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

/** Names of the variables given as a `first` argument anywhere in a document: its cost depends on their values. */
function pageSizeVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (node.name.value === 'first' && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names];
}

/** Most variable combinations remembered per document (Apollo keeps the documents themselves). */
const COSTS_PER_DOCUMENT = 64;

export function costLimitPlugin(maxCost: number): ApolloServerPlugin<any> {
  // A document's cost depends only on the operation run and its page-size variables, so an
  // accepted one is not weighed again for the same values (Apollo reuses the parsed document).
  const accepted = new WeakMap<DocumentNode, { variables: string[]; keys: Set<string> }>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          let known = accepted.get(document);
          if (!known) {
            known = { variables: pageSizeVariables(document), keys: new Set() };
            accepted.set(document, known);
          }
          const variables = request.variables ?? {};
          const key = JSON.stringify([operation.name?.value ?? null, ...known.variables.map((name) => variables[name] ?? null)]);
          if (known.keys.has(key)) return;
          const { errors } = costErrors(schema, document, operation, variables, maxCost);
          if (errors.length) throw errors[0];
          if (known.keys.size < COSTS_PER_DOCUMENT) known.keys.add(key);
        },
      };
    },
  };
}
