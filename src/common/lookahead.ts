import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * How many levels deep a self-nesting field is asked for, counting the field being resolved:
 * `children { children { id } }` resolved at the outer `children` gives 2. Fragments and inline
 * fragments count as if written in place. Repositories use it to fetch all levels in one query.
 */
export function nestingDepth(info: GraphQLResolveInfo, field: string = info.fieldName): number {
  const below = (set: SelectionSetNode | undefined): number => {
    let deepest = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === field) deepest = Math.max(deepest, 1 + below(selection.selectionSet));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, below(selection.selectionSet));
      } else {
        deepest = Math.max(deepest, below(info.fragments[selection.name.value]?.selectionSet));
      }
    }
    return deepest;
  };
  return Math.max(1, ...info.fieldNodes.map((node) => 1 + below(node.selectionSet)));
}
