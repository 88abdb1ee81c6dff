import { describe, expect, it } from 'vitest';
import { occurrences, parseDuration, parseEventBridgeCron } from './cron';

const BISHKEK = 'Asia/Bishkek';

describe('EventBridge cron on the local clock', () => {
  it('reads the 6 fields, "?" as any, and days of the week 1 (SUN) to 7 (SAT) as 0 to 6', () => {
    expect(parseEventBridgeCron('cron(1 0 * * ? *)').expression).toBe('1 0 * * *');
    expect(parseEventBridgeCron('cron(0 9 ? * 2-6 *)').expression).toBe('0 9 * * 1-5');
    expect(parseEventBridgeCron('cron(0 9 ? * 2#1 *)').expression).toBe('0 9 * * 1#1');
    expect(parseEventBridgeCron('cron(0 9 ? * MON-FRI *)').expression).toBe('0 9 * * MON-FRI');
    expect(() => parseEventBridgeCron('0 9 * * *')).toThrow(/cron\(/);
    expect(() => parseEventBridgeCron('cron(0 9 * * ?)')).toThrow(/6 fields/);
    expect(() => parseEventBridgeCron('cron(0 9 ? * 8 *)')).toThrow(/1 \(SUN\) to 7 \(SAT\)/);
  });

  it('lists the due times in Bishkek (UTC+6) between two instants, the later one included', () => {
    const due = occurrences(
      'cron(1 0 * * ? *)',
      BISHKEK,
      new Date('2027-03-10T00:00:00Z'),
      new Date('2027-03-11T18:01:00Z'),
    );
    expect(due.map((d) => d.toISOString())).toEqual(['2027-03-10T18:01:00.000Z', '2027-03-11T18:01:00.000Z']);
    expect(
      occurrences('cron(1 0 * * ? *)', BISHKEK, new Date('2027-03-10T18:01:00Z'), new Date('2027-03-10T18:01:00Z')),
    ).toEqual([]);
  });

  it('keeps to the year field and to weekdays', () => {
    const mondays = occurrences(
      'cron(0 9 ? * 2 2027)',
      BISHKEK,
      new Date('2026-12-20T00:00:00Z'),
      new Date('2027-01-12T00:00:00Z'),
    );
    expect(mondays.map((d) => d.toISOString())).toEqual(['2027-01-04T03:00:00.000Z', '2027-01-11T03:00:00.000Z']);
  });

  it('reads durations for the clock', () => {
    expect(parseDuration('3d')).toBe(3 * 86_400_000);
    expect(parseDuration('1d12h')).toBe(36 * 3_600_000);
    expect(parseDuration('-2h')).toBe(-7_200_000);
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration(500)).toBe(500);
    expect(parseDuration('250')).toBe(250);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });
});
