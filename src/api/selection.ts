import { FieldNode, GraphQLField, GraphQLResolveInfo, Kind, SelectionSetNode, getArgumentValues, getNamedType, isInterfaceType, isObjectType } from 'graphql';

export interface Lookahead {
  /** Levels of the self-nesting field asked for, counting the one being resolved (≥ 1). */
  levels: number;
  /** Every field asked for on the nested objects, at any level. */
  fields: Set<string>;
}

/**
 * What a self-nesting field such as `children { children { id } }` asks for, seen from the
 * outer field: 2 levels, fields {children, id}. Fragments and inline fragments count as if
 * written in place. Repositories use it to fetch all levels, and only what is shown, in one query.
 */
export function lookahead(info: GraphQLResolveInfo, field: string = info.fieldName): Lookahead {
  const fields = new Set<string>();
  const below = (set: SelectionSetNode | undefined): number => {
    let deepest = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        fields.add(selection.name.value);
        if (selection.name.value === field) deepest = Math.max(deepest, 1 + below(selection.selectionSet));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, below(selection.selectionSet));
      } else {
        deepest = Math.max(deepest, below(info.fragments[selection.name.value]?.selectionSet));
      }
    }
    return deepest;
  };
  const levels = Math.max(1, ...info.fieldNodes.map((node) => 1 + below(node.selectionSet)));
  return { levels, fields };
}

/** Whether the field being resolved selects `name` directly (fragments count as written in place). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return fieldsAt(info, [])!.has(name);
}

/** The field nodes reached by walking `path` (each name inside the one before) from the field being resolved. */
function fieldNodesAt(info: GraphQLResolveInfo, path: string[]): FieldNode[] {
  const fieldsNamed = (set: SelectionSetNode | undefined, name: string, out: FieldNode[] = []): FieldNode[] => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) out.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsNamed(selection.selectionSet, name, out);
      else fieldsNamed(info.fragments[selection.name.value]?.selectionSet, name, out);
    }
    return out;
  };
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    level = level.flatMap((node) => fieldsNamed(node.selectionSet, name));
    if (level.length === 0) break;
  }
  return level;
}

/**
 * Whether the field being resolved selects the chain of fields `path` (each one inside the one
 * before, e.g. `members`, `member`, `awards`), through fragments and inline fragments.
 */
export function selectsPath(info: GraphQLResolveInfo, path: string[]): boolean {
  return fieldNodesAt(info, path).length > 0;
}

/**
 * The names of the fields selected on the objects at `path` (fragments and inline fragments
 * merged, whatever their type condition), or null when the path is not selected. Repositories
 * use it to read only the properties a request shows.
 */
export function fieldsAt(info: GraphQLResolveInfo, path: string[]): Set<string> | null {
  const nodes = fieldNodesAt(info, path);
  if (nodes.length === 0) return null;
  const fields = new Set<string>();
  const collect = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else collect(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of nodes) collect(node.selectionSet);
  return fields;
}

/**
 * The arguments of the field at `path`, coerced as graphql-js coerces them for its resolver (so
 * a repository can read that field's page along with its parent). Null when the path is not
 * selected, is selected with different arguments (aliases), or its arguments do not coerce.
 */
export function argumentsAt(info: GraphQLResolveInfo, path: string[]): Record<string, unknown> | null {
  const nodes = fieldNodesAt(info, path);
  if (nodes.length === 0) return null;
  let type = getNamedType(info.returnType);
  let definition: GraphQLField<unknown, unknown> | undefined;
  for (const name of path) {
    if (!isObjectType(type) && !isInterfaceType(type)) return null;
    definition = type.getFields()[name];
    if (!definition) return null;
    type = getNamedType(definition.type);
  }
  if (!definition) return null;
  try {
    const [first, ...rest] = nodes.map((node) => getArgumentValues(definition, node, info.variableValues));
    const text = JSON.stringify(first);
    return rest.every((args) => JSON.stringify(args) === text) ? first : null;
  } catch {
    return null;
  }
}
