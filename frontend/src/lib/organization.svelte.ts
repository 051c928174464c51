// The admin's organisation settings, fetched once and kept in step when the admin changes them.
import { api, call } from '../api/client';
import type { Problem } from '../api/errors';
import type { Organization } from './admin';

class OrganizationSettings {
  current = $state<Organization | null>(null);
  problem = $state<Problem | null>(null);

  async load(): Promise<void> {
    if (this.current) return;
    const result = await call(() => api.GET('/api/admin/organization'));
    if (result.ok) this.current = result.data;
    else this.problem = result.problem;
  }

  /** The currency policies are written in, COP until the settings are known. */
  get currency(): string {
    return this.current?.currency ?? 'COP';
  }
}

export const organization = new OrganizationSettings();
