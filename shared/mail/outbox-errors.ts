import { RuleViolationError } from '#domain/errors';

/** The outbox item is not in a state that allows the request (HTTP 409). */
export class ConflictError extends RuleViolationError {
  override name = 'OutboxConflictError';
  constructor(message: string) {
    super(message, 'OUTBOX_STATE');
  }
}
