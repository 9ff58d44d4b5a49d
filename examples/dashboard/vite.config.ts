/**
 * Vite config of the dashboard. Workspace packages are read from source (the
 * `@lakmoes/source` export condition), and pdf.js's standard fonts and wasm decoders are
 * copied into the build under `pdfjs/`, so the page needs nothing from outside.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, defaultClientConditions, type Plugin } from 'vite';

const require = createRequire(import.meta.url);

/** Emit pdf.js's font and wasm files as assets of the build. */
function pdfjsAssets(): Plugin {
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return {
    name: 'lakmoes-pdfjs-assets',
    apply: 'build',
    generateBundle() {
      for (const dir of ['standard_fonts', 'wasm']) {
        for (const file of readdirSync(path.join(root, dir))) {
          if (/LICENSE|\.md$/i.test(file)) continue;
          this.emitFile({ type: 'asset', fileName: `pdfjs/${dir}/${file}`, source: readFileSync(path.join(root, dir, file)) });
        }
      }
    },
  };
}

export default defineConfig({
  base: './',
  resolve: { conditions: ['@lakmoes/source', ...defaultClientConditions] },
  plugins: [pdfjsAssets()],
  build: { target: 'es2022', chunkSizeWarningLimit: 1600 },
});
