// Who is logged in. `undefined` while we ask the server, `null` when nobody is.
import { api, call } from '../api/client';
import type { Problem } from '../api/errors';
import type { Me, Role } from '../api/types';

class Session {
  user = $state<Me | null | undefined>(undefined);
  role: Role | null = $derived(this.user?.role ?? null);
  /** Why the user is looking at the login page, if not by choice. */
  notice: 'sessionExpired' | 'loggedOut' | null = $state(null);
  /** Why we could not even ask who is logged in (offline, server down). */
  problem = $state<Problem | null>(null);

  async load(): Promise<void> {
    const result = await call(() => api.GET('/api/auth/me'), { quiet401: true });
    // Anything but a user shows the login form; if that is because the server could not be
    // reached (not a plain 401), the form says so.
    this.user = result.ok ? result.data : null;
    this.problem = !result.ok && result.problem.status !== 401 ? result.problem : null;
  }

  expired(): void {
    if (this.user) this.notice = 'sessionExpired';
    this.user = null;
  }
}

export const session = new Session();
