/**
 * Vitest global setup of the `twin` project: starts the whole local twin once per run, in a process of
 * its own (its functions' environment and movable clock stay out of the runner), on free ports so it
 * never clashes with a twin started by `npm start`, with the demo data and the fixture functions of
 * test/twin/fixtures. Test files reach it over HTTP and through the SDK with the environment it provides.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { forkTwin } from '#local/twin-fork';
import type { TwinInfo } from '#local/twin-process';
import { fixtureWiring } from '../twin/fixtures/wiring';

export default async function setup(project: TestProject) {
  const recordDir = mkdtempSync(join(tmpdir(), 'cec-twin-records-'));
  const twin = await forkTwin(
    { ports: 'free', ui: 'off', seed: true, ...fixtureWiring },
    { env: { TWIN_RECORD_DIR: recordDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'ERROR' } },
  );
  const stages = Object.entries(twin.info.timings).map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(1)} s`);
  console.log(`local twin ready in ${(twin.info.readyMs / 1000).toFixed(1)} s (${stages.join(', ')})`);
  project.provide('twinEnv', twin.info.env);
  project.provide('twinRecordDir', recordDir);
  project.provide('twinInfo', twin.info);
  return async () => {
    await twin.stop();
    rmSync(recordDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    twinEnv: Record<string, string>;
    twinRecordDir: string;
    twinInfo: TwinInfo;
  }
}
