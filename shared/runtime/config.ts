/**
 * Configuration, read once from the environment. In AWS the CDK stack sets these; the local twin
 * sets the same names with local endpoints. A missing required value fails at cold start, not later.
 * Secrets are not configuration: they are fetched by ./secrets.ts.
 */

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`missing required environment variable ${name}`);
  return value;
}

function optional(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

export interface Config {
  tableName: string;
  documentsBucket: string;
  certificatesBucket: string;
  mailFrom: string;
  /** Base URL of the organizations' portal pages (links in invitation emails). */
  portalUrl: string;
  /** Base URL of the public API (verification links in certificates' QR codes). */
  publicUrl: string;
  /** Retention of identity documents after mandates end (domain design principle 7). */
  documentRetentionDays: number;
  s3ForcePathStyle: boolean;
  /** Set only by the local twin; enables the movable clock. */
  localTwin: boolean;
  sesConfigurationSet: string | undefined;
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= {
    tableName: required('TABLE_NAME'),
    documentsBucket: required('DOCUMENTS_BUCKET'),
    certificatesBucket: required('CERTIFICATES_BUCKET'),
    mailFrom: optional('MAIL_FROM', 'accreditation@shailoo.gov.kg'),
    portalUrl: optional('PORTAL_URL', 'http://localhost:5173/#/portal'),
    publicUrl: optional('PUBLIC_URL', 'http://localhost:4000'),
    documentRetentionDays: Number(optional('DOCUMENT_RETENTION_DAYS', '90')),
    s3ForcePathStyle: optional('S3_FORCE_PATH_STYLE', 'false') === 'true',
    localTwin: optional('LOCAL_TWIN', 'false') === 'true',
    sesConfigurationSet: process.env.SES_CONFIGURATION_SET || undefined,
  };
  return cached;
}

/** For tests that change the environment between files. */
export function resetConfig(): void {
  cached = undefined;
}
