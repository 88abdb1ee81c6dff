/** `npm run openapi`: writes the OpenAPI document to openapi.json at the repository root. */
import { writeFileSync } from 'node:fs';
import { openApiDocument } from './openapi';

const path = new URL('../../openapi.json', import.meta.url);
writeFileSync(path, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`wrote ${path.pathname}`);
