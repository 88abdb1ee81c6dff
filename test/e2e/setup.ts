/**
 * Vitest global setup of the `e2e` project: builds the admin UI, then starts the whole local twin in a
 * process of its own on free ports, serving that build (`ui: 'dist'`) with a config.json that points the
 * UI at the twin's API and sign-in issuer. Browser tests reach the UI at `twinInfo.urls.ui`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { forkTwin } from '#local/twin-fork';
import type { TwinInfo } from '#local/twin-process';
import { buildUi } from './build-ui';

export default async function setup(project: TestProject) {
  // E2E_TWIN_INFO (printed by test/e2e/serve.ts) points the tests at a twin that is already running.
  if (process.env.E2E_TWIN_INFO) {
    const info = JSON.parse(process.env.E2E_TWIN_INFO) as TwinInfo;
    project.provide('twinEnv', info.env);
    project.provide('twinInfo', info);
    return;
  }
  if (process.env.E2E_SKIP_BUILD !== 'true') {
    const { ms } = await buildUi();
    console.log(`admin UI built in ${(ms / 1000).toFixed(1)} s`);
  }
  const recordDir = mkdtempSync(join(tmpdir(), 'cec-e2e-records-'));
  const twin = await forkTwin(
    { ports: 'free', ui: 'dist', seed: true },
    { env: { TWIN_RECORD_DIR: recordDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'ERROR' } },
  );
  if (!twin.info.urls.ui) throw new Error('the twin started without the admin UI: is admin-ui/dist built?');
  console.log(`local twin with the UI ready in ${(twin.info.readyMs / 1000).toFixed(1)} s at ${twin.info.urls.ui}`);
  project.provide('twinEnv', twin.info.env);
  project.provide('twinInfo', twin.info);
  return async () => {
    await twin.stop();
    rmSync(recordDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    twinEnv: Record<string, string>;
    twinInfo: TwinInfo;
  }
}
