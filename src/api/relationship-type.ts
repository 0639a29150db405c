import { registerEnumType } from 'type-graphql';

/** Every relationship type in the graph. */
export enum RelationshipType {
  RECEIVED = 'RECEIVED',
  MEMBER_OF = 'MEMBER_OF',
  PART_OF = 'PART_OF',
  CONFERRED_BY = 'CONFERRED_BY',
  VARIANT_OF = 'VARIANT_OF',
  ORGANIZED = 'ORGANIZED',
  PARTNERED = 'PARTNERED',
  AUTHORED = 'AUTHORED',
  DESCRIBES = 'DESCRIBES',
  MENTIONS = 'MENTIONS',
}

registerEnumType(RelationshipType, {
  name: 'RelationshipType',
  description: 'A kind of relationship between two nodes.',
  valuesConfig: {
    RECEIVED: { description: 'A person or organization received an honor (an award).' },
    MEMBER_OF: { description: 'A person or organization belongs to an organization.' },
    PART_OF: { description: 'An organization is part of another (hierarchy).' },
    CONFERRED_BY: { description: 'An honor is conferred by an organization.' },
    VARIANT_OF: { description: 'An honor is a level of a generic title.' },
    ORGANIZED: { description: 'An organization ran a program.' },
    PARTNERED: { description: 'An organization took part in a program as a partner.' },
    AUTHORED: { description: 'A person wrote a source.' },
    DESCRIBES: { description: 'A figure is about a node.' },
    MENTIONS: { description: 'A source names a node (derived from the node\'s citations).' },
  },
});
