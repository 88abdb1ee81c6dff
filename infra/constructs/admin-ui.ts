/**
 * The product's one domain: a CloudFront distribution serving the admin UI, the organizations' portal
 * and the public pages (one single-page app in a private S3 bucket, through origin access control)
 * and, under `/v1/*`, the HTTP API. One origin for everything means the product's own pages need no
 * CORS. In front of it the WAF web ACL (./web-acl.ts, scope CLOUDFRONT, made in us-east-1), and
 * on every answer a response headers policy: HSTS, a content security policy (scripts only from the
 * site itself, no framing), no MIME sniffing, same-origin referrers. TLS 1.2 at least where a custom
 * domain is given (CloudFront's own *.cloudfront.net certificate cannot be restricted). Access logs
 * go to the log bucket.
 *
 * The built app (admin-ui/dist) and a config.json naming the API and the user pool are deployed when
 * the app has been built; without a build the stack still synthesizes (and deploys an empty site).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { accept } from '../nag';
import { PROJECT_ROOT } from './function';

export interface AdminUiProps {
  /** Folder of the built app; deployed only if it exists. Default admin-ui/dist. */
  distDir?: string;
  /** A custom domain (e.g. observers.shailoo.gov.kg) with its ACM certificate in us-east-1. */
  domain?: { name: string; certificateArn: string };
  /** The HTTP API, served under `/v1/*`. */
  api: IHttpApi;
  /** The WAF web ACL (scope CLOUDFRONT) in front of the distribution. */
  webAclArn: string;
  /**
   * The header CloudFront adds to every request it forwards to the API, whose value only it knows
   * (a Secrets Manager dynamic reference, resolved at deploy time): the API's functions refuse
   * requests without it, which closes API Gateway's own URL (shared/http/origin-check.ts).
   */
  originHeader: { name: string; value: string };
  /** Where CloudFront and the site bucket write their access logs. */
  logBucket: s3.IBucket;
  /** Origins the browser may also call (Cognito, presigned S3 URLs): the CSP's connect-src and img-src. */
  connectSources: string[];
}

/**
 * Paths without a file extension are routes of the app (the portal and public pages link to them):
 * CloudFront serves index.html for them. A viewer-request function rather than error pages, so that
 * the API's own 403 and 404 answers reach the caller unchanged.
 */
// The same mapping as the twin's UI server (infra/local/ui.ts): the certificate QR opens
// /verify/<electionId>/<number>, the published list is /list/<electionId>, the API reference is /docs/.
export const SPA_ROUTING = `function handler(event) {
  var r = event.request;
  if (/^\\/verify\\/[^/]+\\/[^/]+\\/?$/.test(r.uri)) r.uri = '/verify.html';
  else if (/^\\/list\\/[^/]+\\/?$/.test(r.uri)) r.uri = '/list.html';
  else if (/^\\/docs\\/?$/.test(r.uri)) r.uri = '/docs/index.html';
  else if (!/\\.[A-Za-z0-9]+$/.test(r.uri)) r.uri = '/index.html';
  return r;
}`;

export class AdminUi extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly distDir: string;
  private readonly domainName: string | undefined;

  constructor(scope: Construct, id: string, props: AdminUiProps) {
    super(scope, id);
    this.distDir = props.distDir ?? join(PROJECT_ROOT, 'admin-ui', 'dist');
    this.domainName = props.domain?.name;
    this.bucket = new s3.Bucket(this, 'Site', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 's3/site/',
    });
    const connect = props.connectSources.join(' ');
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'CEC observers: HSTS, CSP, no framing',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentSecurityPolicy: {
          // MUI writes its styles at run time, hence 'unsafe-inline' for styles (never for scripts).
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            `img-src 'self' data: blob: ${connect}`,
            "font-src 'self' data:",
            `connect-src 'self' ${connect}`,
            "frame-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            'upgrade-insecure-requests',
          ].join('; '),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
      },
    });
    const region = Stack.of(this).region;
    const apiDomain = Fn.join('', [props.api.apiId, '.execute-api.', region, '.', Stack.of(this).urlSuffix]);
    const spaRouting = new cloudfront.Function(this, 'SpaRouting', {
      code: cloudfront.FunctionCode.fromInline(SPA_ROUTING),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Routes of the single-page app serve index.html',
    });
    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      comment: 'CEC observers: admin UI, portal, public pages and API',
      defaultRootObject: 'index.html',
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      webAclId: props.webAclArn,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: spaRouting, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: new origins.HttpOrigin(apiDomain, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
            customHeaders: { [props.originHeader.name]: props.originHeader.value },
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Everything but Host: API Gateway answers for its own domain name only.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });
    accept(
      this.distribution,
      ['AwsSolutions-CFR1', 'observers and their organizations apply from every country: no geo restriction'],
      ...(props.domain
        ? []
        : [
            [
              'AwsSolutions-CFR4',
              'without a custom domain CloudFront serves its *.cloudfront.net certificate, whose TLS floor it fixes itself; give uiDomainName for TLS 1.2',
            ] as [string, string],
          ]),
    );
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
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [s3deploy.Source.asset(this.distDir), s3deploy.Source.jsonData('config.json', config)],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/verify.html', '/list.html', '/docs/*', '/config.json'],
      memoryLimit: 512,
    });
    // The CDK's deploy-time function that copies the build into the bucket: a singleton of the stack.
    const stack = Stack.of(this);
    for (const child of stack.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      accept(
        child,
        ['AwsSolutions-IAM4', 'the CDK’s deploy-time copy of the UI build uses the basic execution role'],
        ['AwsSolutions-IAM5', 'the CDK’s deploy-time copy reads the CDK asset bucket and writes the site bucket'],
        ['AwsSolutions-L1', 'the CDK chooses the runtime of its deploy-time copy function'],
        ['Serverless-LambdaLatestVersion', 'the CDK chooses the runtime of its deploy-time copy function'],
        ['Serverless-LambdaDLQ', 'invoked synchronously by CloudFormation during a deploy'],
        ['Serverless-LambdaTracing', 'runs only during a deploy; CloudFormation reports its failures'],
      );
    }
    return deployment;
  }
}
