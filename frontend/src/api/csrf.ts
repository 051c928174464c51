/** Django's CSRF cookie, read fresh each time: logging in rotates it. */
export function csrfCookie(cookies: string = document.cookie): string | null {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'csrftoken') return decodeURIComponent(value.join('='));
  }
  return null;
}

let pending: Promise<void> | null = null;

/** Make sure the cookie exists before the first unsafe request (GET /api/auth/csrf sets it). */
export async function ensureCsrf(): Promise<string | null> {
  const existing = csrfCookie();
  if (existing) return existing;
  pending ??= fetch('/api/auth/csrf', { credentials: 'same-origin' })
    .then(() => undefined)
    .finally(() => {
      pending = null;
    });
  await pending;
  return csrfCookie();
}
