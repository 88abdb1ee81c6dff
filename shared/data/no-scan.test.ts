/**
 * Design principle 4: no Scan on any request path. Lists are Queries with cursors, totals come from
 * counters. This test reads the product's sources and fails on any Scan of DynamoDB.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FOLDERS = ['shared', 'functions', 'infra', 'admin-ui/src'];
const SKIP = /(^|\/)(node_modules|cdk\.out|dist|\.local)(\/|$)|\.test\.tsx?$/;

function sources(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.test(relative(ROOT, path))) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const SCAN = /\b(ScanCommand|ParallelScan|paginateScan|ScanInput|ScanCommandInput)\b|['"]dynamodb:Scan['"]/;

describe('4: no Scan anywhere in the product', () => {
  it('no source file uses a DynamoDB Scan', () => {
    const files = FOLDERS.flatMap((f) => sources(join(ROOT, f)));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) => SCAN.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('the pattern recognises a Scan when there is one', () => {
    expect(SCAN.test("import { ScanCommand } from '@aws-sdk/lib-dynamodb';")).toBe(true);
    expect(SCAN.test("actions: ['dynamodb:Scan']")).toBe(true);
    expect(SCAN.test('// no Scan on any request path')).toBe(false);
  });
});
