/**
 * The WAF web ACL in front of the product's CloudFront distribution (scope CLOUDFRONT, which AWS
 * serves from us-east-1 only: see ../stacks/edge-stack.ts). AWS's managed common rule set (with its
 * 8 KB body-size rule only counting: the API takes JSON bodies up to 256 KB and limits them itself)
 * and known-bad-inputs rule set, and a rate limit per client address on the portal sign-in
 * (`POST /v1/portal/sessions`), where access codes could be guessed (the API also locks an
 * invitation after repeated wrong codes).
 */
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Portal sign-ins a single address may make in five minutes before WAF blocks it for a while. */
export const PORTAL_SIGN_IN_LIMIT_PER_5_MINUTES = 100;

const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName: name,
  sampledRequestsEnabled: true,
});

const managed = (priority: number, name: string, overrides: string[] = []): wafv2.CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name,
      ruleActionOverrides: overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } })),
    },
  },
  visibilityConfig: visibility(name),
});

const exactly = (field: wafv2.CfnWebACL.FieldToMatchProperty, value: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: field,
    positionalConstraint: 'EXACTLY',
    searchString: value,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

export class WebAcl extends Construct {
  readonly acl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.acl = new wafv2.CfnWebACL(this, 'Acl', {
      name: 'cec-observers',
      description: 'CEC observers: managed rules and a rate limit on the portal sign-in',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('cec-observers'),
      rules: [
        {
          name: 'portal-sign-in-rate',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: PORTAL_SIGN_IN_LIMIT_PER_5_MINUTES,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                andStatement: {
                  statements: [exactly({ method: {} }, 'POST'), exactly({ uriPath: {} }, '/v1/portal/sessions')],
                },
              },
            },
          },
          visibilityConfig: visibility('portal-sign-in-rate'),
        },
        managed(1, 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
        managed(2, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });
  }

  get arn(): string {
    return this.acl.attrArn;
  }
}
