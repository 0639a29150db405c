/**
 * The explorer's words for the schema's enum values (schema/schema.graphql: Level,
 * OrganizationKind, ProgramKind, OrgChartEntity, EntityType) and for the chart's counts, in
 * Chinese by default and in English when the reader asks for it (main.ts keeps the choice in
 * localStorage). Every label comes with the lang attribute of the language it is in. No DOM
 * here: test/explorer.browser.test.ts checks these tables against the schema's enums.
 */
export type Lang = 'zh' | 'en';
/** The lang attribute value for each language. */
export const LANG_TAG: Record<Lang, string> = { zh: 'zh-Hans', en: 'en' };

type Pair = readonly [zh: string, en: string];

/** Level: administrative level of an organization or an honor. */
export const LEVEL: Record<string, Pair> = {
  NATIONAL: ['国家级', 'National'],
  PROVINCIAL: ['省级', 'Provincial'],
  MUNICIPAL: ['市级', 'Municipal'],
  COUNTY: ['县级', 'County'],
  TOWNSHIP: ['乡镇级', 'Township'],
  VILLAGE: ['村级', 'Village'],
};

/** OrganizationKind. */
export const ORGANIZATION_KIND: Record<string, Pair> = {
  // Every federation in this graph is a women's federation; the short word keeps a box's kind line whole.
  FEDERATION: ['妇联组织', 'Federation'],
  INSTITUTION: ['事业单位', 'Public institution'],
  ALLIANCE: ['联盟', 'Alliance'],
  STUDIO: ['工作室', 'Studio'],
  THREE_NEW_SECTOR: ['“三新”领域妇联组织', 'New-sector federation'],
  GOVERNMENT_BODY: ['政府部门', 'Government body'],
  PARTY_BODY: ['党组织', 'Party body'],
  ENTERPRISE: ['企业', 'Enterprise'],
  BANK: ['银行', 'Bank'],
  ASSOCIATION: ['协会', 'Association'],
  TEAM: ['团队', 'Team'],
};

/** ProgramKind. */
export const PROGRAM_KIND: Record<string, Pair> = {
  AGREEMENT: ['合作协议', 'Agreement'],
  CAMPAIGN: ['主题行动', 'Campaign'],
  COMPETITION: ['竞赛', 'Competition'],
  EVENT: ['活动', 'Event'],
  MEDIA_COLUMN: ['媒体专栏', 'Media column'],
  PROJECT: ['项目', 'Project'],
  SERVICE: ['服务', 'Service'],
  TRAINING: ['培训', 'Training'],
};

/** OrgChartEntity and EntityType: what a box or a search hit stands for. */
export const ENTITY: Record<string, Pair> = {
  ORGANIZATION: ['组织', 'Organization'],
  PERSON: ['人物', 'Person'],
  PROGRAM: ['项目', 'Program'],
  HONOR: ['荣誉', 'Honor'],
  SOURCE: ['来源', 'Source'],
};

/** GraphQL type names a search hit comes back as (the organization types by their kind). */
export const TYPENAME: Record<string, Pair> = {
  Person: ENTITY.PERSON, Honor: ENTITY.HONOR, Program: ENTITY.PROGRAM, Source: ENTITY.SOURCE, Figure: ['数据', 'Figure'],
  Alliance: ORGANIZATION_KIND.ALLIANCE, Association: ORGANIZATION_KIND.ASSOCIATION, Bank: ORGANIZATION_KIND.BANK,
  Enterprise: ORGANIZATION_KIND.ENTERPRISE, Federation: ORGANIZATION_KIND.FEDERATION,
  GovernmentBody: ORGANIZATION_KIND.GOVERNMENT_BODY, Institution: ORGANIZATION_KIND.INSTITUTION,
  PartyBody: ORGANIZATION_KIND.PARTY_BODY, SectorOrganization: ORGANIZATION_KIND.THREE_NEW_SECTOR,
  Studio: ORGANIZATION_KIND.STUDIO, Team: ORGANIZATION_KIND.TEAM,
};

/** The chart's and the details panel's own words. */
export const WORDS = {
  children: ['下级', 'Sub-units'],
  members: ['成员', 'Members'],
  honors: ['荣誉', 'Honors'],
  more: ['更多…', 'More…'],
} satisfies Record<string, Pair>;

/**
 * The label of `value` in `table`, in `lang`, with the lang tag it is written in; an unknown
 * value (a kind added to the schema later) is shown as it is, tagged English.
 */
export function label(table: Record<string, Pair>, value: string | null | undefined, lang: Lang): { text: string; lang: string } | null {
  if (!value) return null;
  const pair = table[value];
  if (!pair) return { text: value, lang: LANG_TAG.en };
  return { text: pair[lang === 'zh' ? 0 : 1], lang: LANG_TAG[lang] };
}

export const typenameLabel = (typename: string, lang: Lang) => label(TYPENAME, typename, lang);
export const word = (key: keyof typeof WORDS, lang: Lang) => ({ text: WORDS[key][lang === 'zh' ? 0 : 1], lang: LANG_TAG[lang] });
