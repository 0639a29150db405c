import type { ApolloServerPlugin } from '@apollo/server';
import {
  ArgumentNode,
  DocumentNode,
  GraphQLError,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  TypeInfo,
  ValueNode,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Limits } from '../config';
import { unsafeTextProblem } from '../text/unicode';

/**
 * The bounds every argument value of an operation must keep, checked once the operation is known
 * and before anything executes: nothing of a refused request reaches Neo4j. A filter nested 140
 * deep overflows Cypher's parser and a 10,000-item list hangs its planner; here they are a
 * BAD_USER_INPUT naming the argument and the limit. Literals and variables (raw JSON, before
 * graphql-js coerces it) are walked alike, iteratively, so a hostile body cannot overflow the
 * stack here either. docs/limits.md lists the limits.
 */
export type InputBounds = Pick<
  Limits,
  | 'maxFilterDepth'
  | 'maxRelationshipFilterDepth'
  | 'maxFilterWidth'
  | 'maxInValues'
  | 'maxFilterConditions'
  | 'maxRelationshipConditions'
  | 'maxInputList'
>;

/** List arguments whose resolver refuses too many items with its own, larger bound. */
const OWN_LIST_BOUND = new Set(['Mutation.importHonorees(rows)', 'Query._entities(representations)']);

/** What one argument holds, for the cost estimator. */
export interface FilterMeasure {
  /** Every field given in a filter object counts one (AND, OR, NOT, name, awardsSome…); an empty object counts one. */
  conditions: number;
  /** Conditions on a related node (awardsSome, honor, conferredBy, member…). */
  relationships: number;
}

/**
 * A filter ("where") type is an input type that nests itself: its AND/OR/NOT fields have its own
 * type. A field of a filter type whose type is another filter type is a relationship condition.
 */
export const isFilterType = (type: unknown): type is GraphQLInputObjectType =>
  isInputObjectType(type) && Object.values(type.getFields()).some((field) => getNamedType(field.type) === type);

const filterTypes = new WeakMap<GraphQLInputObjectType, boolean>();
function filterType(type: GraphQLInputObjectType): boolean {
  let known = filterTypes.get(type);
  if (known === undefined) filterTypes.set(type, (known = isFilterType(type)));
  return known;
}

type ListKind = 'filter' | 'in' | 'other' | 'own';

interface Item {
  value: unknown;
  /** An AST value of the document, or raw JSON of a variable. */
  ast: boolean;
  type: GraphQLInputType;
  path: string;
  /** AND/OR/NOT above this value, and relationship conditions above it. */
  logical: number;
  relational: number;
  /** For a list: which bound its length keeps. */
  list: ListKind;
}

const refusal = (path: string, message: string, node?: ArgumentNode) =>
  new GraphQLError(`${path}: ${message}`, {
    nodes: node,
    extensions: { code: 'BAD_USER_INPUT', field: path, http: { status: 400 } },
  });

/**
 * Walks argument values of one operation; with `bounds` it throws the first value out of bounds,
 * without it it only measures (the cost estimator).
 */
export class ArgumentWalker {
  /** A variable is walked once per position kind, however often the document uses it. */
  private readonly walkedVariables = new Map<string, FilterMeasure>();
  private node?: ArgumentNode;

  constructor(
    private readonly variables: Record<string, unknown>,
    private readonly defaults: Map<string, ValueNode>,
    private readonly bounds: InputBounds | null,
  ) {}

  static forOperation(operation: OperationDefinitionNode, variables: Record<string, unknown>, bounds: InputBounds | null): ArgumentWalker {
    const defaults = new Map<string, ValueNode>();
    for (const definition of operation.variableDefinitions ?? []) {
      if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
    }
    return new ArgumentWalker(variables, defaults, bounds);
  }

  /** Measures (and with bounds, checks) one argument; `owner` is `Type.field(argument)`. */
  argument(node: ArgumentNode, type: GraphQLInputType, owner: string): FilterMeasure {
    this.node = node;
    // A mutation's `input` is named from inside (`name`, `aliases[0]`), as its own checks name it.
    const root = owner.startsWith('Mutation.') && node.name.value === 'input' ? '' : node.name.value;
    const measure = this.walk({
      value: node.value, ast: true, type, path: root, logical: 0, relational: 0,
      list: OWN_LIST_BOUND.has(owner) ? 'own' : 'other',
    });
    const bounds = this.bounds;
    if (bounds && measure.conditions > bounds.maxFilterConditions) {
      this.fail(node.name.value, `at most ${bounds.maxFilterConditions} conditions in one filter (QUERY_MAX_FILTER_CONDITIONS), got ${measure.conditions}`);
    }
    // Neo4j plans each relationship condition as a subquery; planning time grows with their number.
    if (bounds && measure.relationships > bounds.maxRelationshipConditions) {
      this.fail(
        node.name.value,
        `at most ${bounds.maxRelationshipConditions} relationship conditions in one filter (QUERY_MAX_RELATIONSHIP_CONDITIONS), got ${measure.relationships}`,
      );
    }
    return measure;
  }

  private fail(path: string, message: string): never {
    throw refusal(path, message, this.node);
  }

  private variable(name: string, item: Item): FilterMeasure {
    const key = `${name}|${item.type}|${item.logical}|${item.relational}|${item.list}`;
    const known = this.walkedVariables.get(key);
    if (known) return known;
    const given = Object.prototype.hasOwnProperty.call(this.variables, name);
    const fallback = this.defaults.get(name);
    const measure = given
      ? this.walk({ ...item, value: this.variables[name], ast: false })
      : fallback && fallback.kind !== Kind.VARIABLE
        ? this.walk({ ...item, value: fallback, ast: true })
        : { conditions: 0, relationships: 0 };
    this.walkedVariables.set(key, measure);
    return measure;
  }

  private walk(root: Item): FilterMeasure {
    const measure: FilterMeasure = { conditions: 0, relationships: 0 };
    const bounds = this.bounds;
    const stack: Item[] = [root];
    for (let item = stack.pop(); item; item = stack.pop()) {
      let { value } = item;
      if (item.ast) {
        const node = value as ValueNode;
        if (node.kind === Kind.VARIABLE) {
          const inner = this.variable(node.name.value, item);
          measure.conditions += inner.conditions;
          measure.relationships += inner.relationships;
          continue;
        }
        if (node.kind === Kind.NULL) continue;
      }
      if (value === null || value === undefined) continue;
      if (bounds) {
        const text = item.ast ? ((value as ValueNode).kind === Kind.STRING ? (value as { value: string }).value : null) : typeof value === 'string' ? value : null;
        const problem = text === null ? null : unsafeTextProblem(text);
        if (problem) this.fail(item.path, problem);
      }
      const type = getNullableType(item.type) as GraphQLInputType;
      if (isListType(type)) {
        const items: unknown[] | null = item.ast
          ? (value as ValueNode).kind === Kind.LIST ? [...(value as { values: readonly ValueNode[] }).values] : null
          : Array.isArray(value) ? value : null;
        // A single value where a list is expected is a list of one.
        if (!items) {
          stack.push({ ...item, type: type.ofType, list: 'other' });
          continue;
        }
        if (bounds) this.checkWidth(item, items.length, bounds);
        for (let i = items.length - 1; i >= 0; i -= 1) {
          stack.push({ ...item, value: items[i], type: type.ofType, path: `${item.path}[${i}]`, list: 'other' });
        }
        continue;
      }
      if (!isInputObjectType(type)) continue;
      const entries: [string, unknown][] = item.ast
        ? (value as ValueNode).kind === Kind.OBJECT
          ? (value as { fields: readonly { name: { value: string }; value: ValueNode }[] }).fields.map((f) => [f.name.value, f.value])
          : []
        : typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as object) : [];
      const fields = type.getFields();
      const isFilter = filterType(type);
      let given = 0;
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [name, inner] = entries[i];
        const field = fields[name];
        // An unknown field is graphql-js's to refuse, when it coerces the value.
        if (!field || inner === undefined || inner === null || (item.ast && (inner as ValueNode).kind === Kind.NULL)) continue;
        given += 1;
        const named = getNamedType(field.type);
        const logical = isFilter && named === type;
        const relational = isFilter && !logical && isInputObjectType(named) && filterType(named);
        const child: Item = {
          value: inner, ast: item.ast, type: field.type, path: item.path ? `${item.path}.${name}` : name,
          logical: item.logical + (logical ? 1 : 0), relational: item.relational + (relational ? 1 : 0),
          list: logical ? 'filter' : name === 'in' ? 'in' : 'other',
        };
        if (relational) measure.relationships += 1;
        if (bounds && logical && child.logical > bounds.maxFilterDepth) {
          this.fail(child.path, `AND, OR and NOT may be nested at most ${bounds.maxFilterDepth} deep (QUERY_MAX_FILTER_DEPTH)`);
        }
        if (bounds && relational && child.relational > bounds.maxRelationshipFilterDepth) {
          this.fail(child.path, `relationship conditions may be nested at most ${bounds.maxRelationshipFilterDepth} deep (QUERY_MAX_RELATIONSHIP_FILTER_DEPTH)`);
        }
        stack.push(child);
      }
      if (isFilter) measure.conditions += Math.max(1, given);
    }
    return measure;
  }

  private checkWidth(item: Item, length: number, bounds: InputBounds): void {
    if (item.list === 'own') return;
    const [max, what, setting] =
      item.list === 'filter'
        ? [bounds.maxFilterWidth, 'conditions in one list', 'QUERY_MAX_FILTER_WIDTH']
        : item.list === 'in'
          ? [bounds.maxInValues, 'values', 'QUERY_MAX_IN_VALUES']
          : [bounds.maxInputList, 'items', 'QUERY_MAX_INPUT_LIST'];
    if (length > max) this.fail(item.path, `at most ${max} ${what} (${setting}), got ${length}`);
  }
}

/** The document reduced to the operation about to run and the fragments it may spread. */
export const operationOnly = (document: DocumentNode, operation: OperationDefinitionNode): DocumentNode => ({
  ...document,
  definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION),
});

/** The first argument value of the operation out of bounds, as BAD_USER_INPUT (status 400), or null. */
export function inputBoundsError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  bounds: InputBounds,
): GraphQLError | null {
  const walker = ArgumentWalker.forOperation(operation, variables, bounds);
  const typeInfo = new TypeInfo(schema);
  try {
    visit(
      operationOnly(document, operation),
      visitWithTypeInfo(typeInfo, {
        Argument(node) {
          const argument = typeInfo.getArgument();
          if (argument) {
            const owner = `${typeInfo.getParentType()?.name}.${typeInfo.getFieldDef()?.name}(${argument.name})`;
            walker.argument(node, argument.type, owner);
          }
          return false;
        },
      }),
    );
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  return null;
}

export function inputBoundsPlugin(bounds: InputBounds): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const error = inputBoundsError(schema, document, operation, request.variables ?? {}, bounds);
          if (error) throw error;
        },
      };
    },
  };
}
