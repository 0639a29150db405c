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
  valuesConfig: {
    CAMPAIGN: { description: 'A sustained drive or movement with a theme, e.g. a family-virtue campaign.' },
    EVENT: { description: 'A single gathering: a ceremony, a meeting, a performance.' },
    TRAINING: { description: 'A course or training session.' },
    COMPETITION: { description: 'A contest with entrants and prizes.' },
    AGREEMENT: { description: 'A signed cooperation agreement between organizations.' },
    SERVICE: { description: 'A standing service to people, e.g. counseling or legal aid.' },
    MEDIA_COLUMN: { description: 'A regular column or program in a newspaper, broadcast or online outlet.' },
    PROJECT: { description: 'A funded or planned project with its own goal, e.g. building child-friendly spaces.' },
  },
});
