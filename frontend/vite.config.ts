import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// The dev server proxies the API to a local Django (`homeclaim serve --port 8010`) so the
// session cookie and CSRF work same-origin, exactly as when Django serves the built files.
const backend = process.env.HOMECLAIM_BACKEND ?? 'http://127.0.0.1:8010';

export default defineConfig({
  plugins: [svelte()],
  build: {
    target: 'es2022',
    // One small bundle; no inline scripts or styles anywhere (the server's CSP forbids them).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': backend } },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
