// homeclaim's service worker: keeps the app shell (index.html and the files it loads first, all
// from this server, nothing from elsewhere) so the app opens without a connection and a photo can
// still be chosen; it then waits in IndexedDB (src/lib/outbox.ts) until it can be sent.
// The API is never cached or touched here: receipts and claims are always asked of the server.
const CACHE = 'homeclaim-shell-v1';
const SHELL_PAGE = '/';
const ALWAYS = ['/favicon.svg', '/manifest.webmanifest'];

/** Paths served from the cache; filled from it when the worker starts, so fetch can decide at once. */
let shell = new Set();
const ready = caches
  .open(CACHE)
  .then((cache) => cache.keys())
  .then((requests) => {
    shell = new Set(requests.map((request) => new URL(request.url).pathname));
  });

/** The files index.html loads first: its own script and style tags, all under /assets/. */
function shellFiles(html) {
  const found = new Set(ALWAYS);
  for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) found.add(match[1]);
  return [...found];
}

async function keepShell(html) {
  const cache = await caches.open(CACHE);
  const files = shellFiles(html);
  await cache.put(SHELL_PAGE, new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
  await Promise.all(
    files.map(async (path) => {
      if (await cache.match(path)) return; // built files are named after their content
      const response = await fetch(path);
      if (response.ok) await cache.put(path, response);
    }),
  );
  shell = new Set([SHELL_PAGE, ...files]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch(SHELL_PAGE, { cache: 'no-store' })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then(keepShell)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => ready)
      .then(() => self.clients.claim()),
  );
});

/** A page of the app (not the API, its docs, or a file download). */
function isAppPage(url) {
  return url.origin === self.location.origin && !/^\/(api|static|admin)(\/|$)/.test(url.pathname);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (request.mode === 'navigate' && isAppPage(url)) {
    // The server first (a new version, the session's view); the kept shell when it cannot answer.
    event.respondWith(
      fetch(request)
        .then((response) => {
          const html = response.ok && (response.headers.get('Content-Type') ?? '').startsWith('text/html');
          if (html)
            event.waitUntil(
              response
                .clone()
                .text()
                .then(keepShell)
                .catch(() => {}),
            );
          return response;
        })
        .catch(() => caches.match(SHELL_PAGE).then((kept) => kept ?? Response.error())),
    );
    return;
  }
  if (url.origin === self.location.origin && shell.has(url.pathname) && url.pathname !== SHELL_PAGE) {
    event.respondWith(caches.match(request).then((kept) => kept ?? fetch(request)));
  }
});
