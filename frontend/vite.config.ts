import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// The dev server proxies the API to a local Django (`homeclaim serve --port 8010`) so the
// session cookie and CSRF work same-origin, exactly as when Django serves the built files.
const backend = process.env.HOMECLAIM_BACKEND ?? 'http://127.0.0.1:8010';

export default defineConfig({
  plugins: [svelte()],
  build: {
    target: 'es2022',
    // No inline scripts or styles anywhere (the server's CSP forbids them); pages loaded on first
    // use (routes.ts) come as more same-origin files under assets/, which the CSP allows.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // Everything the first page needs in the entry file, one download on a slow phone; the pages
    // loaded on first use import what they share with it from there.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] } } },
  },
  server: { proxy: { '/api': backend } },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
