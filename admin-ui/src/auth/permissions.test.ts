/**
 * The UI offers exactly what the API allows: every action names an API route that exists, and the
 * groups that see the action are the groups the route lets in. The data provider's paths exist too.
 */
import { describe, expect, it } from 'vitest';
import { findRoute, routes } from '#http/routes';
import { RESOURCE_PATHS } from '../data/data-provider';
import { UI_PERMISSIONS, canDo } from './permissions';

const E = '01JZ8X7Q9R2S3T4V5W6X7Y8Z9A';

/** `/v1/admin/elections/01J.../people` -> the route whose template matches it. */
function routeOf(method: string, path: string) {
  return routes.find((r) => {
    if (r.method !== method) return false;
    const re = new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return re.test(path);
  });
}

describe('UI permissions follow the route table', () => {
  for (const [resource, actions] of Object.entries(UI_PERMISSIONS)) {
    for (const [action, p] of Object.entries(actions)) {
      it(`${resource}.${action} -> ${p!.route}`, () => {
        const [method, path] = p!.route.split(' ') as [string, string];
        const route = findRoute(method, path);
        expect(route, `no route ${p!.route}`).toBeDefined();
        expect(route!.access.kind).toBe('staff');
        const groups = route!.access.kind === 'staff' ? [...route!.access.groups].sort() : [];
        expect([...p!.groups].sort()).toEqual(groups);
      });
    }
  }

  it('gives an MFA officer the MFA queue and elections, and nothing of the CEC grid', () => {
    const mfa = ['mfa-officer'];
    expect(canDo(mfa, 'mfa-queue', 'list')).toBe(true);
    expect(canDo(mfa, 'mfa-queue', 'decide')).toBe(true);
    expect(canDo(mfa, 'elections', 'list')).toBe(true);
    expect(canDo(mfa, 'people', 'list')).toBe(false);
    expect(canDo(mfa, 'resolutions', 'adopt')).toBe(false);
  });

  it('lets a reviewer compose resolutions but only an admin adopt them', () => {
    expect(canDo(['cec-reviewer'], 'resolutions', 'create')).toBe(true);
    expect(canDo(['cec-reviewer'], 'resolutions', 'adopt')).toBe(false);
    expect(canDo(['cec-admin'], 'resolutions', 'adopt')).toBe(true);
    expect(canDo(['cec-reviewer'], 'elections', 'create')).toBe(false);
  });
});

describe('data provider paths exist in the route table', () => {
  for (const [resource, p] of Object.entries(RESOURCE_PATHS)) {
    it(`${resource}`, () => {
      if (p.list) expect(routeOf('GET', p.list({ electionId: E }).path), `${resource} list`).toBeDefined();
      if (p.one) expect(routeOf('GET', p.one(E)), `${resource} one`).toBeDefined();
      if (p.create) expect(routeOf('POST', p.create({ electionId: E })), `${resource} create`).toBeDefined();
      if (p.update) expect(routeOf(p.updateMethod ?? 'PATCH', p.update(E)), `${resource} update`).toBeDefined();
      if (p.remove) expect(routeOf('DELETE', p.remove(E)), `${resource} remove`).toBeDefined();
      if (p.many) expect(routeOf('GET', p.many([E]).split('?')[0]!), `${resource} many`).toBeDefined();
    });
  }
});
