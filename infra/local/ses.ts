/**
 * SES on the twin: aws-ses-v2-local, in this process. It answers the SES v2 API the SDK calls
 * (SendEmail is POST /v2/email/outbound-emails) and the v1 API, and keeps every mail: as JSON at
 * GET /store (tests read it, `?since=<epoch seconds>` narrows it) and in a web page at / .
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { closeServer, listeningPort } from './http-util';
import { HOST } from './ports';

export interface LocalSes {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** One captured mail as GET /store lists it. */
export interface StoredMail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string; size?: number }[];
  /** Epoch seconds. */
  at: number;
}

/**
 * "A <a@x>, b@y" as the list ["a@x", "b@y"]. aws-ses-v2-local keeps the To/Cc/Bcc of a raw (MIME)
 * message as one string per header; the store lists one plain address per entry instead, as the
 * message's recipients are, so a test can look a recipient up.
 */
export function splitAddresses(entries: readonly string[]): string[] {
  return entries
    .flatMap((entry) => entry.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/))
    .map((part) => {
      const angle = /<([^>]+)>/.exec(part);
      return (angle?.[1] ?? part).trim();
    })
    .filter(Boolean);
}

type StoreModule = { saveEmail: (email: StoredMail) => void; __twinNormalised?: boolean };

export async function startSes(opts: { port: number }): Promise<LocalSes> {
  const require = createRequire(import.meta.url);
  const store = require('aws-ses-v2-local/dist/store') as StoreModule;
  if (!store.__twinNormalised) {
    // The package's handlers call `store.saveEmail` through its exports object, so this wraps them all.
    const save = store.saveEmail;
    store.saveEmail = (email) =>
      save({
        ...email,
        destination: {
          to: splitAddresses(email.destination.to),
          cc: splitAddresses(email.destination.cc),
          bcc: splitAddresses(email.destination.bcc),
        },
      });
    store.__twinNormalised = true;
  }
  const start = (require('aws-ses-v2-local') as { default: (c: { port: number; host: string }) => Promise<Server> })
    .default;
  const server = await start({ port: opts.port, host: HOST });
  const port = listeningPort(server);
  return { endpoint: `http://${HOST}:${port}`, port, stop: () => closeServer(server) };
}

/** The mails captured so far, oldest first (tests and the summary read them). */
export async function storedMails(endpoint: string): Promise<StoredMail[]> {
  const res = await fetch(`${endpoint}/store`);
  if (!res.ok) throw new Error(`the mail store answered ${res.status}`);
  return ((await res.json()) as { emails: StoredMail[] }).emails;
}
