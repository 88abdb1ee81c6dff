/**
 * `npm run clock -- <command>`: moves the running twin's clock through its /local endpoints, signed in
 * as the demo admin. Schedules that fall due on the way run, in order, and are listed.
 *
 *   show                      the clock and each schedule's next due time (default)
 *   advance 3d | 2h | 90m     move forward (a negative duration moves back; nothing fires going back)
 *   set 2027-03-11            set it (a date means 00:00 in Bishkek; or an ISO date-time)
 *   reset                     back to real time
 *   job close-windows         run a scheduled job now
 *   dead-letters              events a consumer gave up on
 *
 * The twin is found at TWIN_API_URL / TWIN_OIDC_URL, else at the ports of TWIN_API_PORT / TWIN_OIDC_PORT.
 */
import { DEMO_USERS, tokenFor } from './oidc';
import { portOf } from './ports';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const api = process.env.TWIN_API_URL ?? `http://127.0.0.1:${portOf('api')}`;
const issuer = process.env.TWIN_OIDC_URL ?? `http://127.0.0.1:${portOf('oidc')}`;
const [command = 'show', arg] = process.argv.slice(2);

interface ClockView {
  now: string;
  bishkekDate: string;
  offsetMs: number;
  schedules: { name: string; nextDue: string | null }[];
}
interface Firing {
  schedule: string;
  scheduledTime: string;
  status: string;
  ms: number;
  detail?: string;
}

const bishkek = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Bishkek',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));

function offset(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes === 0) return 'real time';
  const sign = ms < 0 ? '-' : '+';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return `${sign}${d}d ${h}h ${m}m from real time`;
}

function printClock(c: ClockView) {
  console.log(`clock: ${bishkek(c.now)} in Bishkek (${c.now}), ${offset(c.offsetMs)}`);
  for (const s of c.schedules) console.log(`  ${s.name.padEnd(22)} next due ${s.nextDue ? bishkek(s.nextDue) : '-'}`);
}

function printFired(fired: Firing[]) {
  if (fired.length === 0) console.log('no schedule fell due');
  for (const f of fired) {
    console.log(
      `  ran ${f.schedule.padEnd(22)} due ${bishkek(f.scheduledTime)}: ${f.status} (${f.ms} ms)${f.detail ? ` ${f.detail}` : ''}`,
    );
  }
}

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const admin = DEMO_USERS.find((u) => u.groups.includes('cec-admin'))!.username;
  const token = await tokenFor(admin, { issuerUrl: issuer });
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text);
}

function instantOf(input: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(input)) return `${input}T00:00:00+06:00`;
  const d = new Date(input);
  if (Number.isNaN(d.getTime())) throw new Error(`"${input}" is not a date or date-time`);
  return d.toISOString();
}

async function main() {
  switch (command) {
    case 'show':
      printClock((await call('GET', '/local/clock')) as ClockView);
      return;
    case 'advance':
    case 'set':
    case 'reset': {
      if (command !== 'reset' && !arg) throw new Error(`say how far: npm run clock -- ${command} <value>`);
      const body =
        command === 'advance' ? { advance: arg } : command === 'set' ? { at: instantOf(arg!) } : { reset: true };
      const out = (await call('POST', '/local/clock', body)) as { fired: Firing[]; clock: ClockView };
      printFired(out.fired);
      printClock(out.clock);
      return;
    }
    case 'job': {
      if (!arg) throw new Error('name the job: npm run clock -- job close-windows');
      printFired([(await call('POST', `/local/jobs/${encodeURIComponent(arg)}`)) as Firing]);
      return;
    }
    case 'dead-letters': {
      const out = (await call('GET', '/local/dead-letters')) as { data: unknown[] };
      console.log(out.data.length === 0 ? 'no dead letters' : JSON.stringify(out.data, null, 2));
      return;
    }
    default:
      throw new Error(
        `unknown command ${command}: show | advance <d> | set <date> | reset | job <name> | dead-letters`,
      );
  }
}

main().catch((err: unknown) => {
  const cause = (err as { cause?: { code?: string } })?.cause?.code;
  if (cause === 'ECONNREFUSED') console.error(`the twin is not running at ${api} / ${issuer}: start it with npm start`);
  else console.error((err as Error).message ?? err);
  process.exit(1);
});
