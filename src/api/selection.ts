import {
  FieldNode, FragmentDefinitionNode, GraphQLField, GraphQLIncludeDirective, GraphQLNamedType, GraphQLResolveInfo, GraphQLSkipDirective,
  InlineFragmentNode, FragmentSpreadNode, Kind, SelectionSetNode, getArgumentValues, getDirectiveValues, getNamedType, isInterfaceType,
  isObjectType,
} from 'graphql';

/**
 * One field of a request and everything selected inside it, read once from the request
 * (as @neo4j/graphql's `getNeo4jResolveTree` does). Fragments and inline fragments are merged
 * as if written in place, whatever their type condition; fields left out by @skip or @include
 * are not there. Features turn it into their plans (`organizations/organization.plan.ts`,
 * `honors/award.plan.ts`); repositories see only the plans.
 */
export interface Selection {
  /** The field's name in the schema. */
  readonly name: string;
  /** Its response key: the alias, or else the name. */
  readonly key: string;
  /** Its arguments, coerced as graphql-js coerces them for its resolver (read when first asked for). */
  readonly args: Readonly<Record<string, unknown>>;
  /** The fields selected inside it, by response key. */
  readonly fields: ReadonlyMap<string, Selection>;
}

/** What building a tree needs from the request. */
interface Request {
  info: GraphQLResolveInfo;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/**
 * The trees built for this request, by the field nodes graphql-js resolves a field with: it makes
 * that array once per field and execution (and shares it among the items of a list), so each
 * field's tree is built once, however many objects it is resolved on.
 */
const TREES = new WeakMap<readonly FieldNode[], Selection>();

/** The selection tree of the field being resolved, built on first use. */
export function selectionOf(info: GraphQLResolveInfo): Selection {
  let tree = TREES.get(info.fieldNodes);
  if (!tree) {
    const request: Request = { info, fragments: info.fragments, variables: info.variableValues };
    tree = selection(request, info.fieldName, info.path.key.toString(), [...info.fieldNodes], info.parentType.getFields()[info.fieldName]);
    TREES.set(info.fieldNodes, tree);
  }
  return tree;
}

function selection(request: Request, name: string, key: string, nodes: FieldNode[], definition: GraphQLField<unknown, unknown> | undefined): Selection {
  const children = new Map<string, { name: string; nodes: FieldNode[]; definition?: GraphQLField<unknown, unknown> }>();
  const type = definition ? getNamedType(definition.type) : undefined;
  for (const node of nodes) collect(request, node.selectionSet, type, children);
  const fields = new Map<string, Selection>();
  for (const [childKey, child] of children) fields.set(childKey, selection(request, child.name, childKey, child.nodes, child.definition));
  let args: Record<string, unknown> | undefined;
  return {
    name,
    key,
    get args() {
      args ??= definition && definition.args.length > 0 ? getArgumentValues(definition, nodes[0], request.variables) : {};
      return args;
    },
    fields,
  };
}

/** Adds the fields of `set` (on objects of `type`) to `into`, by response key, walking into fragments. */
function collect(
  request: Request,
  set: SelectionSetNode | undefined,
  type: GraphQLNamedType | undefined,
  into: Map<string, { name: string; nodes: FieldNode[]; definition?: GraphQLField<unknown, unknown> }>,
): void {
  for (const node of set?.selections ?? []) {
    if (!included(request, node)) continue;
    if (node.kind === Kind.FIELD) {
      const key = node.alias?.value ?? node.name.value;
      let entry = into.get(key);
      if (!entry) into.set(key, (entry = { name: node.name.value, nodes: [] }));
      entry.nodes.push(node);
      entry.definition ??= isObjectType(type) || isInterfaceType(type) ? type.getFields()[node.name.value] : undefined;
    } else if (node.kind === Kind.INLINE_FRAGMENT) {
      collect(request, node.selectionSet, node.typeCondition ? request.info.schema.getType(node.typeCondition.name.value) : type, into);
    } else {
      const fragment = request.fragments[node.name.value];
      if (fragment) collect(request, fragment.selectionSet, request.info.schema.getType(fragment.typeCondition.name.value), into);
    }
  }
}

/** False for a field or fragment that @skip or @include leaves out, as graphql-js decides it. */
function included(request: Request, node: FieldNode | InlineFragmentNode | FragmentSpreadNode): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, request.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, request.variables)?.if !== false;
}

/** The selections of field `name` directly inside `selection`, under any alias. */
export function selectionsNamed(selection: Selection, name: string): Selection[] {
  return [...selection.fields.values()].filter((field) => field.name === name);
}

/** The selections reached by walking `path` from `selection`, each name inside the one before, under any alias. */
export function selectionsAt(selection: Selection, path: string[]): Selection[] {
  return path.reduce((level: Selection[], name) => level.flatMap((field) => selectionsNamed(field, name)), [selection]);
}

/** Whether `selection` selects field `name` directly. */
export function selects(selection: Selection, name: string): boolean {
  return selectionsNamed(selection, name).length > 0;
}

/** The names of the fields selected inside any of `selections`, or null when there are none to look inside. */
export function fieldNames(selections: Selection[]): Set<string> | null {
  if (selections.length === 0) return null;
  return new Set(selections.flatMap((field) => [...field.fields.values()].map((inner) => inner.name)));
}

/**
 * The names of the fields selected on the objects at `path` from `selection` (under any alias),
 * or null when the path is not selected. Plans use it to read only the properties a request shows.
 */
export function fieldsAt(selection: Selection, path: string[]): Set<string> | null {
  return fieldNames(selectionsAt(selection, path));
}
