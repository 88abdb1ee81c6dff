/**
 * The single table: its key attributes and indexes. The CDK stack (infra/) and the local twin
 * (infra/local/) both create the table from this definition, and the repositories query by it.
 * Which entity puts what in which index is written down in `access-patterns.md` and built in `keys.ts`.
 */

export const TABLE_NAME_DEFAULT = 'cec-observers';

export const PK = 'pk';
export const SK = 'sk';

/** Every index has a string partition key and a string sort key, and projects all attributes. */
export const INDEXES = {
  /** Lists in an owner's collection: elections, organizations, people of an election by status, ... */
  gsi1: { pk: 'gsi1pk', sk: 'gsi1sk' },
  /** Second view: people by organization, applications by organization, audit by day, ... */
  gsi2: { pk: 'gsi2pk', sk: 'gsi2sk' },
  /** People by country; the MFA queue. */
  gsi3: { pk: 'gsi3pk', sk: 'gsi3sk' },
  /** People by passport number and citizenship, across elections (duplicates, earlier revocations). */
  gsi4: { pk: 'gsi4pk', sk: 'gsi4sk' },
  /** All people of an election in name order (the grid without a status filter, name prefix search). */
  gsi5: { pk: 'gsi5pk', sk: 'gsi5sk' },
} as const;

export type IndexName = keyof typeof INDEXES;
export const INDEX_NAMES = Object.keys(INDEXES) as IndexName[];

/** Items carry `entity` and `schemaVersion`, so the stream consumers and migrations can tell them apart. */
export const ENTITY_ATTRIBUTE = 'entity';
export const SCHEMA_VERSION_ATTRIBUTE = 'schemaVersion';
/** Epoch seconds; DynamoDB's TTL deletes the item after it (rate-limit windows, sessions). */
export const TTL_ATTRIBUTE = 'ttl';

export interface TableDefinition {
  partitionKey: string;
  sortKey: string;
  indexes: Record<string, { pk: string; sk: string }>;
  ttlAttribute: string;
  streamView: 'NEW_AND_OLD_IMAGES';
}

export const TABLE: TableDefinition = {
  partitionKey: PK,
  sortKey: SK,
  indexes: INDEXES,
  ttlAttribute: TTL_ATTRIBUTE,
  streamView: 'NEW_AND_OLD_IMAGES',
};

/** The CreateTable input the local twin and the tests use; the CDK stack builds the same from TABLE. */
export function createTableInput(tableName: string) {
  const attrs = new Set<string>([PK, SK]);
  for (const ix of Object.values(INDEXES)) {
    attrs.add(ix.pk);
    attrs.add(ix.sk);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attrs].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: PK, KeyType: 'HASH' as const },
      { AttributeName: SK, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: Object.entries(INDEXES).map(([IndexName, ix]) => ({
      IndexName,
      KeySchema: [
        { AttributeName: ix.pk, KeyType: 'HASH' as const },
        { AttributeName: ix.sk, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const },
  };
}
