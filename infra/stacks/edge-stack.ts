/**
 * What AWS serves from us-east-1 only: the WAF web ACL of the CloudFront distribution (scope
 * CLOUDFRONT). A stack of its own in us-east-1, whatever region the product runs in; the main stack
 * reads the ACL's ARN through a cross-region reference (CDK's `crossRegionReferences`: an SSM
 * parameter in us-east-1, read at deploy time). Deploy both with `npx cdk deploy --all`.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { WebAcl } from '../constructs/web-acl';

export const EDGE_REGION = 'us-east-1';

export class EdgeStack extends Stack {
  readonly webAcl: WebAcl;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    if (props.env?.region && props.env.region !== EDGE_REGION) {
      throw new Error(`the edge stack must be deployed in ${EDGE_REGION} (WAF for CloudFront lives there)`);
    }
    this.webAcl = new WebAcl(this, 'Waf');
  }
}
