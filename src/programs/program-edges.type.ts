import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../api/connection';
import { CitedEdge } from '../api/cited-edge';
import { Program } from './program.type';

export enum ProgramRole {
  ORGANIZED = 'ORGANIZED',
  PARTNERED = 'PARTNERED',
}
registerEnumType(ProgramRole, { name: 'ProgramRole', description: 'How an organization took part in a program.' });

@ObjectType({ simpleResolvers: true, implements: CitedEdge, description: 'A program an organization organized or partnered in, with provenance.' })
export class OrganizationProgramEdge extends CitedEdge {
  @Field(() => Program)
  node!: Program;

  @Field(() => ProgramRole)
  relationship!: ProgramRole;
}
export const OrganizationProgramConnection = connectionOf(OrganizationProgramEdge, 'OrganizationProgram', 'A page of the programs of an organization.');
