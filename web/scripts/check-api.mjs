// Fails when src/lib/api/schema.d.ts is not what openapi-typescript makes of
// ./openapi.json (run `npm run gen:api` and commit the result).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = join(root, 'src/lib/api/schema.d.ts');
const dir = mkdtempSync(join(tmpdir(), 'conectcrm-api-'));
const fresh = join(dir, 'schema.d.ts');

try {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/openapi-typescript/bin/cli.js'), join(root, 'openapi.json'), '--empty-objects-unknown', '-o', fresh],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const a = readFileSync(committed, 'utf8');
  const b = readFileSync(fresh, 'utf8');
  if (a !== b) {
    console.error('src/lib/api/schema.d.ts is out of date with openapi.json: run `npm run gen:api`.');
    process.exitCode = 1;
  } else {
    console.log('src/lib/api/schema.d.ts matches openapi.json');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
