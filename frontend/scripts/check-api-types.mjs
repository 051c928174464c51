// Fails when src/api/schema.d.ts is not what openapi-typescript makes from src/api/openapi.json,
// so nobody hand-edits the generated types or forgets to regenerate them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'homeclaim-api-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', 'src/api/openapi.json', '-o', fresh], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const committed = readFileSync('src/api/schema.d.ts', 'utf8');
  if (readFileSync(fresh, 'utf8') !== committed) {
    console.error(
      'src/api/schema.d.ts is stale: it does not match src/api/openapi.json.\n' +
        'Run `make api-types` (or `npm run gen:api`) and commit the result.',
    );
    process.exit(1);
  }
  console.log('API types are up to date.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
