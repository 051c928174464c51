// The organisation's categories, fetched once per language (the API names them in it).
import { api, call } from '../api/client';
import type { Problem } from '../api/errors';
import type { Category } from '../api/types';
import { i18n, type Language } from '../i18n/index.svelte';

class Categories {
  list = $state<Category[] | null>(null);
  problem = $state<Problem | null>(null);
  private loadedIn: Language | null = null;

  async load(): Promise<void> {
    const language = i18n.language;
    if (this.list && this.loadedIn === language) return;
    const result = await call(() => api.GET('/api/categories'));
    if (result.ok) {
      this.list = result.data;
      this.loadedIn = language;
      this.problem = null;
    } else {
      this.problem = result.problem;
    }
  }

  find(code: string): Category | undefined {
    return this.list?.find((category) => category.code === code);
  }

  name(code: string): string {
    return this.find(code)?.name ?? code;
  }
}

export const categories = new Categories();
