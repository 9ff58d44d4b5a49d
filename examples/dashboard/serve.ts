/**
 * Serve the dashboard with your data on 127.0.0.1: builds the page, runs the pipeline on
 * PDFs or folders (or takes an NDJSON file from `lakmoes extract`), and serves the records
 * and the PDFs next to them, so the page viewer can render the pages.
 *
 *   pnpm --filter @lakmoes/example-dashboard start -- examples/data
 *   pnpm --filter @lakmoes/example-dashboard start -- records.ndjson --port 5174
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { baseName } from '@lakmoes/example-researcher/fields';
import { RECORD_FILE, loadRecords, readRecordFile, userPath } from '@lakmoes/example-researcher/load';
import { DASHBOARD_ROOT, buildDashboard } from './build.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ndjson': 'application/x-ndjson; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
};

export interface DashboardServer {
  /** e.g. http://127.0.0.1:5174/ */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * A static server on 127.0.0.1: `root` (the built page) at `/`, and each entry of `data`
 * (URL name → file on disk) under `/data/`. Port 0 picks a free port.
 */
export function startServer(root: string, data: ReadonlyMap<string, string>, port = 0): Promise<DashboardServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        pathname = '';
      }
      let file: string | undefined;
      if (pathname.startsWith('/data/')) file = data.get(pathname.slice('/data/'.length));
      else {
        const rel = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
        const full = path.join(root, path.normalize(rel));
        if (full.startsWith(path.resolve(root) + path.sep)) file = full;
      }
      const info = file ? await stat(file).catch(() => null) : null;
      if (!file || !info?.isFile() || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 404 : 405, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const p = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://127.0.0.1:${p}/`,
        server,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

/**
 * The data to serve for the inputs: record files as they are, PDFs (and folders) run
 * through the pipeline into one NDJSON file; the documents themselves by file name.
 */
export async function prepareData(inputs: string[], options: { ocr?: 'auto' | 'off' | 'force' } = {}): Promise<{ data: Map<string, string>; dataName: string }> {
  const data = new Map<string, string>();
  const addDocument = (file: string): void => {
    if (existsSync(file)) data.set(baseName(file), file);
  };
  const recordFiles = inputs.filter((i) => RECORD_FILE.test(i));
  const documents = inputs.filter((i) => !RECORD_FILE.test(i));
  for (const file of recordFiles) {
    data.set(baseName(file), file);
    for await (const r of readRecordFile(file)) {
      addDocument(path.resolve(path.dirname(file), r.source.path));
      addDocument(userPath(r.source.path));
    }
  }
  if (documents.length === 0) return { data, dataName: baseName(recordFiles[0] ?? 'records.ndjson') };
  const lines: string[] = [];
  for await (const r of loadRecords(documents, { ocr: options.ocr ?? 'auto', text: true })) {
    lines.push(JSON.stringify(r));
    addDocument(r.source.path);
    process.stderr.write(`${r.status === 'ok' ? 'ok' : r.error?.code}\t${r.source.path}\n`);
  }
  for (const file of recordFiles) lines.push(...(await readFile(file, 'utf8')).split('\n').filter((l) => l.trim()));
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'lakmoes-dashboard-')), 'records.ndjson');
  await writeFile(out, lines.join('\n') + '\n');
  data.set('records.ndjson', out);
  return { data, dataName: 'records.ndjson' };
}

const USAGE = `usage: dashboard [folders, PDFs or NDJSON files...] [--port N] [--ocr auto|off|force] [--no-build]

  builds the page into dist/, runs the pipeline on PDFs and folders (NDJSON files are taken
  as they are) and serves page, records and PDFs on http://127.0.0.1:PORT/ (default 5174)`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : argv,
      allowPositionals: true,
      options: {
        port: { type: 'string', default: '5174' },
        ocr: { type: 'string', default: 'auto' },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || !['auto', 'off', 'force'].includes(values.ocr)) {
    process.stderr.write(USAGE + '\n');
    return values.help ? 0 : 2;
  }
  const dist = path.join(DASHBOARD_ROOT, 'dist');
  if (!values['no-build'] || !existsSync(path.join(dist, 'index.html'))) await buildDashboard(dist, { quiet: true });
  const { data, dataName } = await prepareData(positionals.map(userPath), { ocr: values.ocr as 'auto' | 'off' | 'force' });
  const server = await startServer(dist, data, Number(values.port));
  const page = positionals.length ? `${server.url}?data=data/${encodeURIComponent(dataName)}` : server.url;
  process.stdout.write(`lakmoes dashboard: ${page}\n(serving ${data.size} files; Ctrl-C to stop)\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const status = await main(process.argv.slice(2));
  if (status !== 0) process.exit(status);
}
