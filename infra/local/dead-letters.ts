/**
 * The twin's stand-in for the dead-letter queues and on-failure destinations: events that a function
 * failed on after all its retries are kept here (newest last) and shown at GET /local/dead-letters.
 */

export interface DeadLetter {
  at: string;
  source: 'dynamodb-stream' | 's3';
  consumer: string;
  handler: string;
  attempts: number;
  error: string;
  /** For stream records: the sequence number and keys; for S3: bucket and key. */
  ref: Record<string, unknown>;
  event: unknown;
}

const MAX_KEPT = 1000;

export class DeadLetters {
  readonly #items: DeadLetter[] = [];

  add(item: DeadLetter): void {
    this.#items.push(item);
    if (this.#items.length > MAX_KEPT) this.#items.shift();
  }

  list(): readonly DeadLetter[] {
    return this.#items;
  }
}
