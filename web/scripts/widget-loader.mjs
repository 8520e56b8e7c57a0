// After the widget's Vite build: names the bundle after its content and
// writes the loader sites embed.
//   dist/widget/chat.<first 10 hex of sha256>.js  the bundle: its name changes
//                                                  with it, so it can be cached
//                                                  for good (immutable)
//   dist/widget.js                                 the stable URL in every site's
//                                                  snippet: a few hundred bytes
//                                                  that add the current bundle
// A release reaches every site as soon as the small loader's cache expires,
// and a visitor never runs a loader and a bundle of different releases.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The loader: finds its own tag, and appends a <script async> for the bundle
 * (resolved against its own src, so any host works) carrying the tag's
 * data-* attributes and nonce (a CSP with nonces allows the new script too).
 * ES5 and ASCII: it runs on any site, whatever its charset.
 */
export function loaderSource(bundlePath) {
  return `/* ConectCRM webchat loader: adds ${bundlePath} with this tag's data-* and nonce. */
(function () {
  var me = document.currentScript || document.querySelector('script[data-channel][src*="widget.js"]');
  if (!me) return;
  var s = document.createElement('script');
  s.async = true;
  s.src = new URL(${JSON.stringify(bundlePath)}, me.src).href;
  for (var i = 0; i < me.attributes.length; i++) {
    var a = me.attributes[i];
    if (a.name.indexOf('data-') === 0) s.setAttribute(a.name, a.value);
  }
  var nonce = me.nonce || me.getAttribute('nonce');
  if (nonce) s.setAttribute('nonce', nonce);
  (document.head || document.documentElement).appendChild(s);
})();
`;
}

const BUNDLE = /^chat\.[0-9a-f]{10}\.js(?:\.br|\.gz)?$/;

/** dist/widget/chat.js → dist/widget/chat.<hash>.js (older bundles removed) and dist/widget.js. */
export function versionWidget(dist) {
  const dir = join(dist, 'widget');
  const code = readFileSync(join(dir, 'chat.js'));
  const name = `chat.${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js`;
  for (const file of readdirSync(dir)) {
    if (BUNDLE.test(file) && !file.startsWith(name)) rmSync(join(dir, file));
  }
  renameSync(join(dir, 'chat.js'), join(dir, name));
  const loader = loaderSource(`widget/${name}`);
  writeFileSync(join(dist, 'widget.js'), loader);
  return { name, bytes: code.length, loaderBytes: Buffer.byteLength(loader) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { name, bytes, loaderBytes } = versionWidget(fileURLToPath(new URL('../dist', import.meta.url)));
  console.log(`dist/widget/${name} (${bytes} B), dist/widget.js loader (${loaderBytes} B)`);
}
