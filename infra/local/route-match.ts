/**
 * Matching a request to the route table the way API Gateway's HTTP API does: `{name}` takes one path
 * segment, `{name+}` the rest of the path; where several routes match, the most specific wins (a
 * literal segment beats a parameter, a parameter beats a greedy one). A route key is method and path
 * together, so a path known only under other methods is as unmatched as an unknown path: API Gateway
 * answers both 404 `{"message":"Not Found"}` (an HTTP API has no 405).
 */

type Segment = { kind: 'literal'; text: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

interface Compiled<T> {
  method: string;
  path: string;
  segments: Segment[];
  value: T;
}

export type MatchResult<T> =
  | { kind: 'found'; value: T; params: Record<string, string>; routeKey: string }
  | { kind: 'not-found' };

function compile(path: string): Segment[] {
  return path
    .split('/')
    .slice(1)
    .map((part) => {
      const greedy = /^\{(\w+)\+\}$/.exec(part);
      if (greedy?.[1]) return { kind: 'greedy', name: greedy[1] };
      const param = /^\{(\w+)\}$/.exec(part);
      if (param?.[1]) return { kind: 'param', name: param[1] };
      return { kind: 'literal', text: part };
    });
}

const RANK = { literal: 0, param: 1, greedy: 2 } as const;

/** Negative when `a` is more specific than `b`. */
function compareSpecificity(a: Segment[], b: Segment[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y) return x ? -1 : 1;
    const d = RANK[x.kind] - RANK[y.kind];
    if (d !== 0) return d;
  }
  return 0;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (seg.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join('') === '') return null;
      params[seg.name] = safeDecode(rest.join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (seg.kind === 'literal') {
      if (seg.text !== part) return null;
    } else {
      if (part === '') return null;
      params[seg.name] = safeDecode(part);
    }
  }
  return parts.length === segments.length ? params : null;
}

export function routeMatcher<T>(entries: readonly { method: string; path: string; value: T }[]) {
  const compiled: Compiled<T>[] = entries.map((e) => ({ ...e, segments: compile(e.path) }));
  return {
    match(method: string, rawPath: string): MatchResult<T> {
      const parts = rawPath.split('/').slice(1);
      const sameMethod = compiled
        .filter((c) => c.method === method)
        .map((c) => ({ c, params: matchSegments(c.segments, parts) }))
        .filter((h): h is { c: Compiled<T>; params: Record<string, string> } => h.params !== null);
      if (sameMethod.length === 0) return { kind: 'not-found' };
      sameMethod.sort((a, b) => compareSpecificity(a.c.segments, b.c.segments));
      const best = sameMethod[0]!;
      return { kind: 'found', value: best.c.value, params: best.params, routeKey: `${best.c.method} ${best.c.path}` };
    },
  };
}
