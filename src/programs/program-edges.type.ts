import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../api/connection';
import { CitedEdge } from '../api/cited-edge';
import { edgeNodeOf } from '../api/descriptions';
import { Program } from './program.type';

export enum ProgramRole {
  ORGANIZED = 'ORGANIZED',
  PARTNERED = 'PARTNERED',
}
registerEnumType(ProgramRole, {
  name: 'ProgramRole',
  description: 'How an organization took part in a program.',
  valuesConfig: {
    ORGANIZED: { description: 'It organized (ran or led) the program (an ORGANIZED relationship).' },
    PARTNERED: { description: 'It took part as a partner or co-organizer (a PARTNERED relationship).' },
  },
});

@ObjectType({ simpleResolvers: true, implements: CitedEdge, description: 'A program an organization organized or partnered in, with provenance.' })
export class OrganizationProgramEdge extends CitedEdge {
  @Field(() => Program, { description: edgeNodeOf('program') })
  node!: Program;

  @Field(() => ProgramRole, { description: 'Whether the organization organized the program or partnered in it.' })
  relationship!: ProgramRole;
}
export const OrganizationProgramConnection = connectionOf(OrganizationProgramEdge, 'OrganizationProgram', 'A page of the programs of an organization.');
