/** Starts the twin in a child process (see twin-process.ts) and stops it again. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TwinOptions } from './twin';
import type { ChildMessage, ParentMessage, TwinInfo } from './twin-process';

export interface ForkedTwin {
  info: TwinInfo;
  stop(): Promise<void>;
}

export async function forkTwin(
  options: Omit<TwinOptions, 'log'>,
  opts: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ForkedTwin> {
  const script = fileURLToPath(new URL('./twin-process.ts', import.meta.url));
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...opts.env, TWIN_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const info = await new Promise<TwinInfo>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the twin did not start within ${opts.timeoutMs ?? 120_000} ms`));
    }, opts.timeoutMs ?? 120_000);
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve(m.twin);
      } else if (m.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`the twin failed to start: ${m.error}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the twin's process exited with code ${code} before it was ready`));
    });
  });

  return {
    info,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' } satisfies ParentMessage);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
