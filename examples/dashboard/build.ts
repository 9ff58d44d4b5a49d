/**
 * Build the dashboard into a folder (a static site: open `index.html` through any web server).
 *
 *   pnpm --filter @lakmoes/example-dashboard build          # into dist/
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DASHBOARD_ROOT = path.dirname(fileURLToPath(import.meta.url));

/** Run `vite build` on the dashboard into `outDir`. */
export async function buildDashboard(outDir: string, options: { quiet?: boolean } = {}): Promise<void> {
  const { build } = await import('vite');
  await build({
    root: DASHBOARD_ROOT,
    configFile: path.join(DASHBOARD_ROOT, 'vite.config.ts'),
    logLevel: options.quiet ? 'error' : 'info',
    build: { outDir, emptyOutDir: true },
  });
}
