// The embeddable web-chat widget (widget/main.ts → dist/widget/chat.js): one
// self-contained IIFE, built after the app into the same dist/ (which the
// server serves), without emptying it. scripts/widget-loader.mjs then names
// it after its content (widget/chat.<hash>.js) and writes the stable
// dist/widget.js that sites embed.
import { defineConfig, type Plugin } from 'vite';

/**
 * A classic script is decoded with the host page's charset when the
 * response names none, and customers' sites are not all UTF-8 (ISO-8859-1 is
 * common): the bundle is kept pure ASCII, with \u escapes for the rest.
 */
const asciiOnly: Plugin = {
  name: 'conectcrm-widget-ascii',
  enforce: 'post',
  generateBundle(_options, bundle) {
    for (const file of Object.values(bundle)) {
      if (file.type !== 'chunk') continue;
      file.code = file.code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    }
  },
};

export default defineConfig({
  publicDir: false,
  plugins: [asciiOnly],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    sourcemap: false,
    // Visitors of customers' sites use all sorts of browsers.
    target: ['es2020', 'safari14'],
    lib: {
      entry: 'widget/main.ts',
      name: 'ConectCRMChat',
      formats: ['iife'],
      fileName: () => 'widget/chat.js',
    },
  },
});
