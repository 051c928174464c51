// A tiny history router: a table of path patterns, matched in order. Pure, so it is unit-tested.
import type { Role } from '../api/types';

/** The menu labels (keys of the dictionaries). */
export type NavKey =
  | 'navReceipts'
  | 'navExpenses'
  | 'navClaims'
  | 'navReview'
  | 'navPayroll'
  | 'navRates'
  | 'navDashboard'
  | 'navPeople'
  | 'navCategories'
  | 'navOrganization'
  | 'navEvents';

export interface RouteDef<C> {
  /** "/receipts/:id" — `:name` segments become params. */
  path: string;
  component: C;
  /** Who may open it; absent means anyone, logged in or not. */
  roles?: readonly Role[];
  /** Shown in the main navigation under this label key, for the roles above. */
  nav?: NavKey;
}

export interface Match<C> {
  route: RouteDef<C>;
  params: Record<string, string>;
}

export function matchRoute<C>(routes: readonly RouteDef<C>[], pathname: string): Match<C> | null {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(1);
  for (const route of routes) {
    const pattern = route.path.replace(/\/+$/, '').split('/').slice(1);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const same = pattern.every((segment, i) => {
      const part = parts[i] ?? '';
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(part);
        return part !== '';
      }
      return segment === part;
    });
    if (same) return { route, params };
  }
  return null;
}

export function allows<C>(route: RouteDef<C>, role: Role | null): boolean {
  return !route.roles || (role !== null && route.roles.includes(role));
}

/** The navigation entries a role sees: only pages that exist and that it may open. */
export function navFor<C>(routes: readonly RouteDef<C>[], role: Role | null): RouteDef<C>[] {
  return routes.filter((route) => route.nav && route.roles && allows(route, role));
}

/** Only same-app paths are followed after login (no open redirect through ?next=). */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}
