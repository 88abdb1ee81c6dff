/**
 * The admin UI (and the organizations' portal pages it carries): a private S3 bucket served by
 * CloudFront through origin access control, HTTPS only, security headers, single-page routing. The
 * built app (admin-ui/dist) and a config.json naming the API and the user pool are deployed when the
 * app has been built; without a build the stack still synthesizes (and deploys an empty site).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from './function';

export interface AdminUiProps {
  /** Folder of the built app; deployed only if it exists. Default admin-ui/dist. */
  distDir?: string;
  /** A custom domain (e.g. observers.shailoo.gov.kg) with its ACM certificate in us-east-1. */
  domain?: { name: string; certificateArn: string };
}

export class AdminUi extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly distDir: string;
  private readonly domainName: string | undefined;

  constructor(scope: Construct, id: string, props: AdminUiProps = {}) {
    super(scope, id);
    this.distDir = props.distDir ?? join(PROJECT_ROOT, 'admin-ui', 'dist');
    this.domainName = props.domain?.name;
    this.bucket = new s3.Bucket(this, 'Site', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      comment: 'CEC observers: admin UI and portal',
      defaultRootObject: 'index.html',
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
      },
      // The app routes in the browser (hash routes, deep links): unknown paths serve the app.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.minutes(1),
      })),
    });
  }

  /** The origin browsers load the app from: the custom domain, or CloudFront's own. */
  get origin(): string {
    return this.domainName ? `https://${this.domainName}` : `https://${this.distribution.distributionDomainName}`;
  }

  /** Whether a built app is there to deploy. */
  get built(): boolean {
    return existsSync(join(this.distDir, 'index.html'));
  }

  /** Deploys the built app with its runtime configuration (API URL, user pool), if it was built. */
  deploy(config: Record<string, unknown>): s3deploy.BucketDeployment | undefined {
    if (!this.built) return undefined;
    return new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [s3deploy.Source.asset(this.distDir), s3deploy.Source.jsonData('config.json', config)],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      memoryLimit: 512,
    });
  }
}
