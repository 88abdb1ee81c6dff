/**
 * Sign-in of CEC and MFA staff: a Cognito user pool (no self sign-up: the first admin is created
 * from the CLI, the rest by admins), the three groups the route table authorizes by, and the admin
 * UI's app client (user-password flow, no secret: it runs in the browser).
 *
 * Every staff member signs in with a password and a one-time code from an authenticator app (TOTP;
 * MFA required, never SMS: no phone numbers to keep, no SIM swapping). A new account's first sign-in
 * sets the app up (MFA_SETUP, a QR code in the admin UI). The pool is on the Plus feature plan for
 * Cognito's threat protection (compromised-credential checks, adaptive blocking of risky sign-ins),
 * enforced: at some tens of staff members the plan's per-user price is a few dollars a month (README).
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
        minLength: 14,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 12,
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
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
      // The admin UI calls InitiateAuth (USER_PASSWORD_AUTH, over TLS) and answers the MFA challenges
      // itself; no hosted UI, so no OAuth flows or callback URLs.
      authFlows: { userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      enableTokenRevocation: true,
    });
  }
}
