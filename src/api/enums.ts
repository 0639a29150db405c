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
});
