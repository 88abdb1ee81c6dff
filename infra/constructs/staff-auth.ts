/**
 * Sign-in of CEC and MFA staff: a Cognito user pool (no self sign-up: the first admin is created
 * from the CLI, the rest by admins), the three groups the route table authorizes by, and the admin
 * UI's app client (SRP and user-password flows, no secret: it runs in the browser).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { STAFF_GROUPS, type StaffGroup } from '#http/route';

const GROUP_DESCRIPTIONS: Record<StaffGroup, string> = {
  'cec-admin': 'CEC administrators: elections, organizations, invitations, resolutions, audit',
  'cec-reviewer': 'CEC reviewers: triage and decisions on representatives (3.3, 3.4, 3.9)',
  'mfa-officer': 'Ministry of Foreign Affairs officers: checking and forwarding applications (3.2)',
};

export class StaffAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly groups: cognito.CfnUserPoolGroup[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Staff', {
      userPoolName: 'cec-observers-staff',
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.groups = STAFF_GROUPS.map(
      (name) =>
        new cognito.CfnUserPoolGroup(this, `Group-${name}`, {
          userPoolId: this.userPool.userPoolId,
          groupName: name,
          description: GROUP_DESCRIPTIONS[name],
        }),
    );
    this.client = this.userPool.addClient('AdminUi', {
      userPoolClientName: 'admin-ui',
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true },
      // The admin UI signs in with SRP in the browser; no hosted UI, so no OAuth flows or callback URLs.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      enableTokenRevocation: true,
    });
  }
}
