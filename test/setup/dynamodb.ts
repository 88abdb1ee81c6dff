/**
 * Vitest global setup for suites that need only DynamoDB Local: starts the emulator once per run and
 * creates the table. Test files get isolation from their own ids (every record they make is new).
 */
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { ensureTable, startDynamoDbLocal } from '#local/dynamodb-local';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject) {
  const port = await freePort();
  const db = await startDynamoDbLocal({ port });
  const tableName = 'cec-observers-test';
  await ensureTable(db.endpoint, tableName);
  project.provide('dynamodbEndpoint', db.endpoint);
  project.provide('tableName', tableName);
  return async () => {
    await db.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    tableName: string;
  }
}
