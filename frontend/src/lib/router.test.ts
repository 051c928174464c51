import { describe, expect, it } from 'vitest';
import { allows, matchRoute, navFor, safeNext, type RouteDef } from './router';

const routes: RouteDef<string>[] = [
  { path: '/login', component: 'login' },
  { path: '/', component: 'home', roles: ['worker', 'hr'] },
  { path: '/receipts', component: 'list', roles: ['worker'], nav: 'navReceipts' },
  { path: '/receipts/:id', component: 'detail', roles: ['worker'] },
];

describe('matchRoute', () => {
  it('matches exact paths and params', () => {
    expect(matchRoute(routes, '/')?.route.component).toBe('home');
    expect(matchRoute(routes, '/receipts')?.route.component).toBe('list');
    expect(matchRoute(routes, '/receipts/')?.route.component).toBe('list');
    expect(matchRoute(routes, '/receipts/42')).toMatchObject({
      route: { component: 'detail' },
      params: { id: '42' },
    });
  });

  it('returns null for unknown paths', () => {
    expect(matchRoute(routes, '/claims')).toBeNull();
    expect(matchRoute(routes, '/receipts/1/edit')).toBeNull();
  });
});

describe('roles', () => {
  it('lets anyone open a public page and only listed roles a guarded one', () => {
    const [login, , list] = routes;
    expect(allows(login!, null)).toBe(true);
    expect(allows(list!, 'worker')).toBe(true);
    expect(allows(list!, 'hr')).toBe(false);
    expect(allows(list!, null)).toBe(false);
  });

  it('lists in the navigation only the pages a role may open', () => {
    expect(navFor(routes, 'worker').map((r) => r.path)).toEqual(['/receipts']);
    expect(navFor(routes, 'negotiator')).toEqual([]);
    expect(navFor(routes, null)).toEqual([]);
  });
});

describe('safeNext', () => {
  it('accepts app paths and refuses other sites', () => {
    expect(safeNext('/receipts/3')).toBe('/receipts/3');
    expect(safeNext('//evil.example/')).toBeNull();
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
