import { registerEnumType } from 'type-graphql';

/** Administrative level, shared by organizations and honors. */
export enum Level {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  MUNICIPAL = 'MUNICIPAL',
  COUNTY = 'COUNTY',
  TOWNSHIP = 'TOWNSHIP',
  VILLAGE = 'VILLAGE',
}

registerEnumType(Level, {
  name: 'Level',
  description: 'Administrative level of an organization or an honor (national down to village).',
  valuesConfig: {
    NATIONAL: { description: 'The whole country (全国), e.g. the All-China Women\'s Federation.' },
    PROVINCIAL: { description: 'A province, autonomous region or directly governed city (省级).' },
    MUNICIPAL: { description: 'A prefecture-level city (市级), e.g. Huainan.' },
    COUNTY: { description: 'A county, county-level city or city district (县/区级).' },
    TOWNSHIP: { description: 'A township, town or urban subdistrict (乡镇/街道).' },
    VILLAGE: { description: 'A village or urban community (村/社区).' },
  },
});
