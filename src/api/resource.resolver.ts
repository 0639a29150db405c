import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ClassType, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { Context, Provided } from './context';
import { EntityRow } from './node.type';
import { Citation, citationsOf } from './citation.type';
import { BY_NAME, ConnectionArgs, DatedSort, KeyedPage, NodeSort, SortInput, keysetPage, pagingOf, toConnection } from './connection';
import { idOf, whereOf } from './descriptions';
import { checkId } from './id';
import { contextAliasesOf } from './context-alias.type';

/** What the by-id and list queries ask of a resource's repository. */
export interface ResourceRepository<W> {
  byId(id: string): Promise<EntityRow | null>;
  list(filter: W | null, order: SortInput[], page: ReturnType<typeof keysetPage>): Promise<KeyedPage<{ node: EntityRow }>>;
  count(filter: W | null): Promise<number>;
}

export interface ResourceOptions<W extends object> {
  /** The GraphQL type (object or interface) both queries return. */
  type: Function;
  /** Its page type, from `connectionTypes`. */
  connection: ClassType<object>;
  repository: Provided<ResourceRepository<W>>;
  where: ClassType<W>;
  /** The list's sort input: NodeSort, or DatedSort for nodes with a year. */
  sort: typeof NodeSort | typeof DatedSort;
  /** Query names, e.g. `honor` and `honors`. */
  one: string;
  many: string;
  /** How descriptions name one and many, e.g. `an honor`, `honors`; and what the list is sorted by unless asked. */
  noun: string;
  nouns: string;
  sortedBy: 'name' | 'title';
  /** Nodes with other names and citations (all but sources): `aliases` (never null) and `sources`, described so. */
  cited?: { sources?: string };
}

const capitalized = (text: string) => text[0].toUpperCase() + text.slice(1);

/**
 * The queries every resource has, written once: `<one>(id)` and `<many>(first, after, last,
 * before, where, orderBy)`, plus `aliases` and `sources` for cited nodes. A feature's resolver
 * extends it and adds only what is special (as type-graphql's resolvers-inheritance example does);
 * it may override `byId` to read more of the node in the same query.
 */
export function createResourceResolver<W extends object>(o: ResourceOptions<W>) {
  @Resolver(() => o.type)
  abstract class ResourceResolver {
    @Query(() => o.type, { name: o.one, nullable: true, description: `${capitalized(o.noun)} by id; null when there is none.` })
    one(@Arg('id', () => ID, { description: idOf(o.noun.replace(/^an? /, '')) }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
      return this.byId(id, ctx, info);
    }

    /** The node `<one>(id)` answers with. */
    protected byId(id: string, ctx: Context, _info: GraphQLResolveInfo): Promise<EntityRow | null> {
      return ctx.get(o.repository).byId(checkId(id));
    }

    @Query(() => o.connection, { name: o.many, description: `${capitalized(o.nouns)}, by ${o.sortedBy} unless orderBy says otherwise.` })
    async list(
      @Args() args: ConnectionArgs,
      @Arg('where', () => o.where, { nullable: true, description: whereOf(o.nouns) }) filter: W | null,
      @Arg('orderBy', () => [o.sort], { nullable: true, description: `Sort keys in order; id breaks ties. Default: by ${o.sortedBy}.` })
      orderBy: SortInput[] | null,
      @Ctx() ctx: Context,
    ) {
      const { order, page } = pagingOf(args, orderBy, BY_NAME);
      const repository = ctx.get(o.repository);
      return toConnection(await repository.list(filter, order, page), page, () => repository.count(filter));
    }
  }
  if (!o.cited) return ResourceResolver;

  @Resolver(() => o.type)
  abstract class CitedResourceResolver extends ResourceResolver {
    @FieldResolver()
    aliases(@Root() node: EntityRow) {
      return node.aliases ?? [];
    }

    @FieldResolver()
    contextAliases(@Root() node: EntityRow) {
      return contextAliasesOf(node);
    }

    @FieldResolver(() => [Citation], { description: o.cited?.sources })
    sources(@Root() node: EntityRow) {
      return citationsOf(node);
    }
  }
  return CitedResourceResolver;
}
