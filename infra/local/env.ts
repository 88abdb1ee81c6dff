/**
 * The environment the twin gives its functions: the same names the CDK stack sets in AWS
 * (`shared/runtime/config.ts`), with local endpoints, fake credentials and local-only secrets. Tests
 * get the same set, so code in a test worker reaches the same emulators through the same SDK clients.
 */
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local';

export interface TwinEndpoints {
  tableName: string;
  documentsBucket: string;
  certificatesBucket: string;
  dynamodb: string;
  s3: string;
  ses: string;
  /** The API as browsers and links reach it (PUBLIC_URL). */
  apiUrl: string;
  /** The API on the loopback address, for scripts and tests. */
  apiInternalUrl: string;
  issuer: string;
  issuerInternalUrl: string;
  clientId: string;
  uiOrigin: string;
}

/** Local values only: these secrets protect demo data on one machine and are printed in the README. */
export const LOCAL_SECRETS = {
  PORTAL_SESSION_SECRET: 'local-twin-portal-session-secret-not-for-production',
  CERTIFICATE_SECRET: 'local-twin-certificate-secret-not-for-production',
};

export const DEFAULT_TABLE_NAME = 'cec-observers';

/**
 * The part that does not depend on ports: set before the functions' shared modules are first imported,
 * since some read their setting once at import (the logger's level).
 */
export function baseEnv(e: Pick<TwinEndpoints, 'tableName' | 'documentsBucket' | 'certificatesBucket'>) {
  const keep = (name: string, fallback: string) => process.env[name] || fallback;
  return {
    TABLE_NAME: e.tableName,
    DOCUMENTS_BUCKET: e.documentsBucket,
    CERTIFICATES_BUCKET: e.certificatesBucket,
    PORTAL_SESSION_SECRET: keep('PORTAL_SESSION_SECRET', LOCAL_SECRETS.PORTAL_SESSION_SECRET),
    CERTIFICATE_SECRET: keep('CERTIFICATE_SECRET', LOCAL_SECRETS.CERTIFICATE_SECRET),
    MAIL_FROM: keep('MAIL_FROM', 'accreditation@shailoo.gov.kg'),
    S3_FORCE_PATH_STYLE: 'true',
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    LOCAL_TWIN: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_SERVICE_NAME: 'cec-observers',
    POWERTOOLS_METRICS_NAMESPACE: 'cec-observers-local',
    LOG_LEVEL: keep('LOG_LEVEL', 'WARN'),
  };
}

export function twinEnv(e: TwinEndpoints): Record<string, string> {
  return {
    ...baseEnv(e),
    PORTAL_URL: `${e.uiOrigin}/#/portal`,
    // The site (as in AWS): certificates' QR codes open the verification page; the UI server passes /v1/* to the API.
    PUBLIC_URL: e.uiOrigin,
    AWS_ENDPOINT_URL_DYNAMODB: e.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: e.dynamodb,
    AWS_ENDPOINT_URL_S3: e.s3,
    AWS_ENDPOINT_URL_SESV2: e.ses,
    // Where scripts and tests find the twin itself.
    TWIN_API_URL: e.apiInternalUrl,
    TWIN_OIDC_URL: e.issuerInternalUrl,
    TWIN_OIDC_ISSUER: e.issuer,
    TWIN_OIDC_CLIENT_ID: e.clientId,
    TWIN_SES_URL: e.ses,
    TWIN_UI_ORIGIN: e.uiOrigin,
  };
}

/** Variables that would send a local request to a real account: removed in the twin's process. */
export const REAL_AWS_VARIABLES = ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE'];
