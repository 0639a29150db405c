import { registerEnumType } from 'type-graphql';

export enum ProgramKind {
  CAMPAIGN = 'CAMPAIGN',
  EVENT = 'EVENT',
  TRAINING = 'TRAINING',
  COMPETITION = 'COMPETITION',
  AGREEMENT = 'AGREEMENT',
  SERVICE = 'SERVICE',
  MEDIA_COLUMN = 'MEDIA_COLUMN',
  PROJECT = 'PROJECT',
}

registerEnumType(ProgramKind, {
  name: 'ProgramKind',
  description: 'What sort of activity a program is.',
});
