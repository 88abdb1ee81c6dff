import { describe, expect, it } from 'vitest';
import { routeMatcher } from './route-match';

const m = routeMatcher([
  { method: 'GET', path: '/v1/admin/elections/{electionId}', value: 'get' },
  { method: 'PATCH', path: '/v1/admin/elections/{electionId}', value: 'patch' },
  { method: 'GET', path: '/v1/admin/elections/export', value: 'export' },
  { method: 'GET', path: '/v1/public/certificates/{electionId}/{number}', value: 'cert' },
  { method: 'GET', path: '/files/{path+}', value: 'files' },
]);

describe('matching requests to the route table', () => {
  it('fills path parameters, decoded', () => {
    expect(m.match('GET', '/v1/public/certificates/E1/KG%2F2027-0001')).toEqual({
      kind: 'found',
      value: 'cert',
      params: { electionId: 'E1', number: 'KG/2027-0001' },
      routeKey: 'GET /v1/public/certificates/{electionId}/{number}',
    });
  });

  it('prefers a literal segment over a parameter', () => {
    expect(m.match('GET', '/v1/admin/elections/export')).toMatchObject({ kind: 'found', value: 'export' });
    expect(m.match('GET', '/v1/admin/elections/01ABC')).toMatchObject({ kind: 'found', value: 'get' });
  });

  it('takes the rest of the path for a greedy parameter', () => {
    expect(m.match('GET', '/files/a/b/c.pdf')).toMatchObject({ params: { path: 'a/b/c.pdf' } });
    expect(m.match('GET', '/files/')).toEqual({ kind: 'not-found' });
  });

  it('a path known only under other methods is unmatched, as an unknown one (API Gateway: 404, no 405)', () => {
    expect(m.match('DELETE', '/v1/admin/elections/01ABC')).toEqual({ kind: 'not-found' });
    expect(m.match('GET', '/v1/admin/elections/01ABC/extra')).toEqual({ kind: 'not-found' });
    expect(m.match('GET', '/v1/admin/elections/')).toEqual({ kind: 'not-found' });
  });
});
