/**
 * Starting and stopping: a busy port is named with the variable that moves it, before anything starts;
 * and however the twin's process ends, even killed outright, DynamoDB Local's Java goes with it.
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PortInUseError } from '#local/ports';
import { startTwin } from '#local/twin';
import { forkTwin } from '#local/twin-fork';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('starting and stopping the twin', () => {
  it('names a port in use and the variable that changes it', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as { port: number }).port;
    try {
      const attempt = startTwin({
        ports: { api: port, dynamodb: 0, s3: 0, ses: 0, oidc: 0 },
        ui: 'off',
        log: () => {},
      });
      await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
      await expect(attempt).rejects.toThrow(new RegExp(`port ${port} \\(the API gateway\\) is in use.*TWIN_API_PORT`));
    } finally {
      busy.close();
    }
  });

  it('leaves no DynamoDB Local behind when its process is killed outright', async () => {
    const twin = await forkTwin({ ports: 'free', ui: 'off', seed: false, scheduleTimer: false });
    const java = twin.info.dynamodbPid;
    expect(java).toBeTypeOf('number');
    expect(alive(java!)).toBe(true);
    process.kill(twin.info.pid, 'SIGKILL');
    const deadline = Date.now() + 15_000;
    while (alive(java!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive(java!)).toBe(false);
    await twin.stop();
  });
});
