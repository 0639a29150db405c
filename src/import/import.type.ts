import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrganizationKind } from '../api/organization-kind';

@InputType({ description: 'One row of a published list: who received which honor in which year, per which source.' })
export class HonoreeRowInput {
  @Field({ description: 'The honoree: a person, or an organization when kind is given.' })
  name!: string;

  @Field(() => String, { nullable: true, description: "A person's organization (becomes a membership); for a collective, its parent." })
  organization?: string | null;

  @Field({ description: 'The honor, by id, exact name or alias; it must exist.' })
  honor!: string;

  @Field(() => Int, { nullable: true, description: 'The year of the award, four digits; null when the list gives none.' })
  year?: number | null;

  @Field(() => Boolean, { nullable: true, description: "True when the list does not state the year (it is inferred), false when it does; omitted: as the award. Stored as the year's own provenance." })
  yearInferred?: boolean | null;

  @Field(() => String, { nullable: true, description: 'The source, by id or exact title; created (kind PUBLISHED_LIST) when new.' })
  source?: string | null;

  @Field(() => OrganizationKind, { nullable: true, description: 'Set for a collective honoree (an organization of this kind).' })
  kind?: OrganizationKind | null;
}

export enum ImportRowStatus {
  CREATED = 'CREATED',
  MATCHED = 'MATCHED',
  REJECTED = 'REJECTED',
}

registerEnumType(ImportRowStatus, {
  name: 'ImportRowStatus',
  description: 'What the import did (or in a dry run would do) with one row.',
  valuesConfig: {
    CREATED: { description: 'The row adds something to the graph: an honoree, a membership, an award or a source.' },
    MATCHED: { description: 'Everything the row states is already recorded; nothing is added.' },
    REJECTED: { description: 'The row cannot be imported; its reason says why. A real run with a rejected row writes nothing.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'What the import did with one row of the list.' })
export class ImportRowResult {
  @Field(() => Int, { description: '1 for the first data row.' })
  row!: number;

  @Field(() => ImportRowStatus, { description: 'Whether the row created, matched or was rejected.' })
  status!: ImportRowStatus;

  @Field({ description: "The row's honoree name, as given." })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The honoree matched or created.' })
  recipientId!: string | null;

  @Field(() => [String], { description: 'What the row matched and created, one line each.' })
  actions!: string[];

  @Field(() => String, { nullable: true, description: 'Why the row was rejected, starting with the field.' })
  reason!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'What an import did, or in a dry run would do.' })
export class ImportReport {
  @Field({ description: 'True when this was a dry run, which writes nothing.' })
  dryRun!: boolean;

  @Field({ description: 'True when the rows were written (a real run with no rejected row).' })
  committed!: boolean;

  @Field(() => Int, { description: 'Rows with status CREATED.' })
  created!: number;

  @Field(() => Int, { description: 'Rows with status MATCHED.' })
  matched!: number;

  @Field(() => Int, { description: 'Rows with status REJECTED; any makes a real run write nothing.' })
  rejected!: number;

  @Field(() => [ImportRowResult], { description: 'One result per input row, in input order.' })
  rows!: ImportRowResult[];

  @Field(() => ID, { nullable: true, description: 'The one revision a real run recorded (history lists it as importHonorees; undo reverts the whole import); null for a dry run or when nothing changed.' })
  revisionId!: string | null;
}
