/**
 * The single table, built from the same definition the code queries by (shared/data/table.ts): keys,
 * the five indexes (all attributes projected), TTL, and the stream of new and old images that
 * delivers outbox items to their consumer. On demand, point-in-time recovery, deletion protection.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE } from '#data/table';

export class DataTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: { tableName?: string } = {}) {
    super(scope, id);
    const S = dynamodb.AttributeType.STRING;
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: TABLE.partitionKey, type: S },
      sortKey: { name: TABLE.sortKey, type: S },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TABLE.ttlAttribute,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [indexName, ix] of Object.entries(TABLE.indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: ix.pk, type: S },
        sortKey: { name: ix.sk, type: S },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }
}
