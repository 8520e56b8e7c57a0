import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { precompress } from './precompress.mjs';

describe('precompress', () => {
  it('writes .br and .gz next to compressible files when smaller, and drops stale copies', () => {
    const dist = mkdtempSync(join(tmpdir(), 'dist-'));
    try {
      mkdirSync(join(dist, 'assets'));
      const js = 'export const a = "conectcrm";\n'.repeat(200);
      writeFileSync(join(dist, 'assets', 'app.js'), js);
      writeFileSync(join(dist, 'index.html'), '<!doctype html>'.repeat(50));
      writeFileSync(join(dist, 'tiny.txt'), 'a');
      writeFileSync(join(dist, 'tiny.txt.br'), 'stale');
      writeFileSync(join(dist, 'logo.png'), Buffer.alloc(4096));
      writeFileSync(join(dist, 'assets', 'gone.js.gz'), 'stale');

      precompress(dist);

      expect(brotliDecompressSync(readFileSync(join(dist, 'assets', 'app.js.br'))).toString()).toBe(js);
      expect(gunzipSync(readFileSync(join(dist, 'assets', 'app.js.gz'))).toString()).toBe(js);
      expect(existsSync(join(dist, 'index.html.br'))).toBe(true);
      // Not smaller: no copy (and the old one is gone).
      expect(existsSync(join(dist, 'tiny.txt.br'))).toBe(false);
      expect(existsSync(join(dist, 'tiny.txt.gz'))).toBe(false);
      // Not a compressible type.
      expect(existsSync(join(dist, 'logo.png.br'))).toBe(false);
      // Its file is gone.
      expect(existsSync(join(dist, 'assets', 'gone.js.gz'))).toBe(false);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
