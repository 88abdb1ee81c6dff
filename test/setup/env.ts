/**
 * Per-file setup of the integration suites: points the AWS SDK at the emulators the global setup
 * started, through the same environment variables a Lambda reads (only endpoints and credentials differ).
 */
import { inject } from 'vitest';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_REGION = 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID = 'local';
process.env.AWS_SECRET_ACCESS_KEY = 'local';
process.env.AWS_ENDPOINT_URL_DYNAMODB = inject('dynamodbEndpoint');
process.env.TABLE_NAME = inject('tableName');
process.env.DOCUMENTS_BUCKET ??= 'cec-documents';
process.env.CERTIFICATES_BUCKET ??= 'cec-certificates';
process.env.PORTAL_SESSION_SECRET ??= 'test-portal-session-secret-0123456789abcdef';
process.env.CERTIFICATE_SECRET ??= 'test-certificate-secret-0123456789abcdef';
process.env.LOCAL_TWIN = 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.LOG_LEVEL ??= 'ERROR';
