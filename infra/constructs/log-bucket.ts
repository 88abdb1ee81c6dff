/**
 * The log bucket: S3 server access logs of every bucket of the product and CloudFront's access logs
 * (standard logging, which writes through bucket ACLs, hence object ownership "bucket owner
 * preferred" here only). Private, TLS only, S3-managed encryption (CloudFront cannot write to a
 * KMS-encrypted bucket), and a lifecycle: logs are kept a year, then deleted.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { accept } from '../nag';

export const LOG_RETENTION_DAYS = 365;

export class LogBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Logs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'expire-logs', expiration: Duration.days(LOG_RETENTION_DAYS) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    accept(this.bucket, ['AwsSolutions-S1', 'this is the log bucket: logging its own requests would loop']);
  }
}
