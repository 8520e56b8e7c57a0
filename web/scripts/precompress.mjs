// After the whole build: <file>.br (brotli, quality 11) and <file>.gz (gzip,
// level 9) next to every compressible file in dist/, for the server to pick
// by Accept-Encoding without compressing per request. A copy is kept only
// when smaller than the file; one that is not, or whose file is gone, is
// removed, so an earlier build's copy is never served for a newer file.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const EXTENSIONS = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt', '.webmanifest', '.xml', '.ico', '.map']);

const ENCODINGS = {
  '.br': (data) =>
    brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }),
  '.gz': (data) => gzipSync(data, { level: 9 }),
};

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

const exists = (path) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

export function precompress(dist) {
  const totals = { files: 0, bytes: 0, '.br': 0, '.gz': 0 };
  for (const path of [...files(dist)]) {
    const suffix = extname(path);
    if (suffix in ENCODINGS) {
      const original = path.slice(0, -suffix.length);
      if (EXTENSIONS.has(extname(original)) && !exists(original)) rmSync(path);
      continue;
    }
    if (!EXTENSIONS.has(suffix)) continue;
    const data = readFileSync(path);
    totals.files += 1;
    totals.bytes += data.length;
    for (const [encoding, compress] of Object.entries(ENCODINGS)) {
      const packed = compress(data);
      if (packed.length < data.length) {
        writeFileSync(path + encoding, packed);
        totals[encoding] += packed.length;
      } else {
        rmSync(path + encoding, { force: true });
        totals[encoding] += data.length;
      }
    }
  }
  return totals;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t = precompress(fileURLToPath(new URL('../dist', import.meta.url)));
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`precompressed ${t.files} files: ${kb(t.bytes)} → ${kb(t['.br'])} brotli, ${kb(t['.gz'])} gzip`);
}
