/**
 * Fixed-window rate limits kept in the table: one `RATE#<scope>` item per window, counted with an atomic
 * ADD in the same transaction as the audit entry of the refused attempt, and removed by TTL.
 */
import { config } from '#runtime/config';
import { keys } from './keys';
import { TTL_ATTRIBUTE } from './table';
import type { TransactItem } from './transact';

export interface RateRule {
  /** How many hits a window allows. */
  limit: number;
  windowSeconds: number;
}

/** Wrong access codes: 5 per invitation per 15 minutes. */
export const ACCESS_CODE_FAILURES: RateRule = { limit: 5, windowSeconds: 15 * 60 };
/** Wrong access codes (known or unknown invitation) from one source address: 20 per 15 minutes. */
export const ACCESS_CODE_SOURCE_FAILURES: RateRule = { limit: 20, windowSeconds: 15 * 60 };

function windowOf(rule: RateRule, now: Date) {
  const ms = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / ms) * ms;
  return { start, end: start + ms, name: new Date(start).toISOString() };
}

/** Seconds until the current window of the rule ends (for Retry-After). */
export function retryAfterSeconds(rule: RateRule, now: Date): number {
  return Math.max(1, Math.ceil((windowOf(rule, now).end - now.getTime()) / 1000));
}

/**
 * The update that counts one hit only while the window is under its limit: the count and the decision
 * are one conditional write, so N parallel hits are let through exactly `limit` times per window and
 * the rest fail their condition (`ConditionFailedError` from `transact`).
 */
export function rateHitWithinLimit(scope: string, rule: RateRule, now: Date): TransactItem {
  const hit = rateHit(scope, rule, now);
  const update = hit.Update!;
  return {
    Update: {
      ...update,
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':limit': rule.limit },
    },
  };
}

/**
 * A put that succeeds once per scope and window (a marker beside the window's counter): used to write
 * the audit entry of a lockout once, however many attempts the lockout refuses.
 */
export function rateOnce(scope: string, rule: RateRule, now: Date): TransactItem {
  const w = windowOf(rule, now);
  return {
    Put: {
      TableName: config().tableName,
      Item: {
        ...keys.rateLimit(`${scope}#once`, w.name),
        entity: 'rate-limit',
        [TTL_ATTRIBUTE]: Math.floor((w.end + rule.windowSeconds * 1000) / 1000),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The update that counts one hit in the current window; it expires a window after the window ends. */
export function rateHit(scope: string, rule: RateRule, now: Date): TransactItem {
  const w = windowOf(rule, now);
  return {
    Update: {
      TableName: config().tableName,
      Key: keys.rateLimit(scope, w.name),
      UpdateExpression: 'ADD #count :one SET #ttl = :ttl, entity = :entity',
      ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: {
        ':one': 1,
        ':ttl': Math.floor((w.end + rule.windowSeconds * 1000) / 1000),
        ':entity': 'rate-limit',
      },
    },
  };
}
