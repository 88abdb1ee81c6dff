/**
 * Per-file setup of the `twin` project: the environment of the twin's functions (table, buckets,
 * endpoints of DynamoDB Local, s3rver and SES, fake credentials, LOCAL_TWIN) plus where the twin is
 * (TWIN_API_URL, TWIN_OIDC_URL, TWIN_SES_URL), so a test uses the same SDK clients and repositories as
 * the handlers, and `tokenFor` from #local/oidc signs in against the twin's issuer.
 */
import { inject } from 'vitest';

Object.assign(process.env, inject('twinEnv'));
process.env.TWIN_RECORD_DIR = inject('twinRecordDir');
