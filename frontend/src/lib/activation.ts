// Activation: the one-time code arrives in the link's fragment (`/activate#code=…`, so it never
// reaches a server log) or is typed; the admin downloads the codes as a CSV file.

/** The code from `#code=…` (or `?code=…`), or ''. */
export function codeFromUrl(hash: string, search: string): string {
  const fromHash = new URLSearchParams(hash.replace(/^#/, '')).get('code');
  return (fromHash ?? new URLSearchParams(search).get('code') ?? '').trim();
}

export type PasswordProblem = 'required' | 'mismatch' | null;

/** What the form can tell before asking the server (which judges the password's strength). */
export function passwordProblem(password: string, repeated: string): PasswordProblem {
  if (!password) return 'required';
  return password === repeated ? null : 'mismatch';
}

/** Data rows in a CSV file (after its heading), counting quoted line breaks as part of a cell. */
export function csvRowCount(text: string): number {
  let rows = 0;
  let quoted = false;
  let content = false;
  for (const char of text.replace(/^\ufeff/, '')) {
    if (char === '"') quoted = !quoted;
    if (char === '\n' && !quoted) {
      if (content) rows += 1;
      content = false;
    } else if (char !== '\r') {
      content = true;
    }
  }
  if (content) rows += 1;
  return Math.max(0, rows - 1);
}
