/**
 * The product's private buckets (design principle 7). Identity documents: encrypted with the
 * product's KMS key, no public access, TLS only, CORS for the browser's presigned POST from the
 * portal (and GET for viewing in the admin UI), no versioning (a purge must really delete), and a
 * lifecycle that clears unfinished multipart uploads and, as a backstop to the purge job, anything
 * older than the longest an election plus its retention period can last. Certificates: the same
 * protection; PDFs carry a photo. Both log their requests to the log bucket (S3 server access logs).
 *
 * Versioning stays off on the documents bucket: the purge job (shared/jobs/purge-documents.ts)
 * deletes objects without version ids, so with versioning on, a purged passport copy would live on
 * as a noncurrent version, against design principle 7.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface PrivateBucketsProps {
  /** Origins allowed to POST uploads and GET documents from the browser (the portal, the admin UI). */
  corsOrigins: string[];
  /** Days after which any document is deleted whatever the purge job did (backstop). */
  backstopExpirationDays: number;
  /** Where S3 server access logs go (./log-bucket.ts). */
  accessLogs: s3.IBucket;
}

export class PrivateBuckets extends Construct {
  readonly key: kms.Key;
  readonly documents: s3.Bucket;
  readonly certificates: s3.Bucket;

  constructor(scope: Construct, id: string, props: PrivateBucketsProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Identity documents and certificates of international observers',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const common: s3.BucketProps = {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: props.accessLogs,
    };
    this.documents = new s3.Bucket(this, 'Documents', {
      ...common,
      serverAccessLogsPrefix: 's3/documents/',
      cors: [
        {
          allowedMethods: [s3.HttpMethods.POST],
          allowedOrigins: props.corsOrigins,
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag', 'Location'],
          maxAge: 3000,
        },
        {
          allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedOrigins: props.corsOrigins,
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'retention-backstop', expiration: Duration.days(props.backstopExpirationDays) },
      ],
    });
    this.certificates = new s3.Bucket(this, 'Certificates', {
      ...common,
      serverAccessLogsPrefix: 's3/certificates/',
      lifecycleRules: [
        // Generated downloads (the published list as CSV) are fetched once through a short-lived link.
        { id: 'exports', prefix: 'exports/', expiration: Duration.days(2) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'retention-backstop', expiration: Duration.days(props.backstopExpirationDays) },
      ],
    });
  }
}
