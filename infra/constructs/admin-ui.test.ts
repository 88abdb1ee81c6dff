import { describe, expect, it } from 'vitest';
import { SPA_ROUTING } from './admin-ui';

/** Runs the CloudFront viewer-request function's source as CloudFront would, on one path. */
function route(uri: string): string {
  const handler = new Function(`${SPA_ROUTING}; return handler;`)() as (e: { request: { uri: string } }) => {
    uri: string;
  };
  return handler({ request: { uri } }).uri;
}

describe('site routing at the edge', () => {
  it('opens the verification page for a certificate QR link and the list page for an election', () => {
    expect(route('/verify/01JELECTION/KG-2026-000123')).toBe('/verify.html');
    expect(route('/list/01JELECTION')).toBe('/list.html');
    expect(route('/list/01JELECTION/')).toBe('/list.html');
  });

  it('serves the API reference, files as they are, and the app for every other path', () => {
    expect(route('/docs')).toBe('/docs/index.html');
    expect(route('/docs/')).toBe('/docs/index.html');
    expect(route('/assets/index-abc.js')).toBe('/assets/index-abc.js');
    expect(route('/verify.html')).toBe('/verify.html');
    expect(route('/')).toBe('/index.html');
    expect(route('/verify/only-one-part')).toBe('/index.html');
  });
});
