/** The `lakmoes` command as a user runs it: a real child process, stdin in, stdout out. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DetectResult, DocumentRecord } from '@lakmoes/schema';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const main = path.join(root, 'packages/cli/src/main.ts');

function lakmoes(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--conditions=@lakmoes/source', '--import', 'tsx', main, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// every test starts the CLI through tsx: the first one compiles it cold (over 5 s on a busy 2-core machine)
describe('lakmoes detect', { timeout: 30_000 }, () => {
  it('prints one JSON object with grounds and identifiers for stdin', () => {
    const r = lakmoes(['detect'], 'Op grond van artikel 5.1, tweede lid, aanhef en onder e, van de Woo (ECLI:NL:RVS:2022:1154) lak ik de namen.');
    expect(r.status).toBe(0);
    const out = DetectResult.parse(JSON.parse(r.stdout));
    expect(out.grounds.map((g) => g.code)).toEqual(['woo:5.1.2.e']);
    expect(out.identifiers.some((i) => i.type === 'ecli' && i.normalized === 'ECLI:NL:RVS:2022:1154')).toBe(true);
  });
  it('--lines treats every line as a document and keeps the order', () => {
    const r = lakmoes(['detect', '--lines', '--source', 'inventory'], '5.1.2e; 5.1.2i\n\n10.2.g, 11.1\ngeen grond\n');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => DetectResult.parse(JSON.parse(l)).grounds.map((g) => g.code));
    expect(lines).toEqual([['woo:5.1.2.e', 'woo:5.1.2.i'], [], ['wob:10.2.g', 'wob:11.1'], []]);
  });
  it('--annotate marks the findings in the text', () => {
    const r = lakmoes(['detect', '--annotate'], 'Geweigerd op grond van art. 10 lid 2 sub e Wob.');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Geweigerd op grond van ⟦art. 10 lid 2 sub e Wob⟧{wob:10.2.e}.\n');
  });
  it('rejects an unknown option value with a clear error', () => {
    const r = lakmoes(['detect', '--source', 'poem'], 'x');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/poem/);
  });
});

describe('lakmoes schema', { timeout: 30_000 }, () => {
  it('prints the JSON Schema generated from the zod schemas', () => {
    const r = lakmoes(['schema']);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout) as { $defs: Record<string, { properties?: Record<string, unknown> }> };
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['GroundCitation', 'Identifier', 'Span', 'Box']));
    expect(Object.keys(schema.$defs.GroundCitation!.properties!)).toEqual(expect.arrayContaining(['code', 'span', 'source', 'confidence', 'context']));
  });
});

// extract starts worker threads (TypeScript through tsx here): more than the default 5 s on a busy machine
describe('lakmoes extract', { timeout: 60_000 }, () => {
  it('prints one valid record for the example and a summary, exit 0', () => {
    const r = lakmoes(['extract', 'examples/data', '--ocr', 'off']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const rec = DocumentRecord.parse(JSON.parse(lines[0]!));
    expect(rec.status).toBe('ok');
    expect(rec.pages![0]!.redactions.map((x) => x.grounds.map((g) => g.code))).toEqual([['woo:5.1.2.e'], ['woo:5.1.2.e']]);
    expect(r.stderr).toMatch(/1 files, 1 ok, 0 errors, 1 pages/);
  });
  it('--backend pdfjs gives the same record as the default (PDFium) on the example (on worker threads too)', () => {
    // everything the record says (boxes rounded to the point)
    const strip = (out: string) => {
      const r = DocumentRecord.parse(JSON.parse(out.trim()));
      return {
        metadata: r.metadata,
        pages: r.pages!.map((p) => ({ kind: p.kind, text: p.text, redactions: p.redactions.map((x) => [x.kind, x.label, x.leak, x.grounds.map((g) => g.code), Math.round(x.box.x), Math.round(x.box.y)]) })),
        grounds: r.grounds!.map((g) => [g.code, g.span, g.context.text, g.page, g.box && Math.round(g.box.x)]),
        identifiers: r.identifiers,
        decision: r.decision,
        inventory: r.inventory,
      };
    };
    const a = lakmoes(['extract', 'examples/data/besluit-voorbeeld.pdf', '--ocr', 'off', '--text', '--jobs', '1']);
    const b = lakmoes(['extract', 'examples/data/besluit-voorbeeld.pdf', '--ocr', 'off', '--text', '--jobs', '1', '--backend', 'pdfjs']);
    expect(b.status, b.stderr).toBe(0);
    expect(strip(b.stdout)).toEqual(strip(a.stdout));
    const bad = lakmoes(['extract', 'examples/data', '--backend', 'mupdf']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/mupdf/);
  });
  it('gives every bad input its own error record, goes on, and exits 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lakmoes-cli-'));
    writeFileSync(path.join(dir, 'leeg.pdf'), '');
    writeFileSync(path.join(dir, 'geen pdf.pdf'), 'hallo');
    const out = path.join(dir, 'out.ndjson');
    const r = lakmoes(['extract', dir, 'examples/data/besluit-voorbeeld.pdf', path.join(dir, 'weg.pdf'), '--ocr', 'off', '--text', '--ordered', '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const recs = readFileSync(out, 'utf8').trim().split('\n').map((l) => DocumentRecord.parse(JSON.parse(l)));
    expect(recs.map((x) => [path.basename(x.source.path), x.status, x.error?.code ?? null])).toEqual([
      ['geen pdf.pdf', 'error', 'NOT_PDF'],
      ['leeg.pdf', 'error', 'EMPTY_FILE'],
      ['besluit-voorbeeld.pdf', 'ok', null],
      ['weg.pdf', 'error', 'NOT_FOUND'],
    ]);
    expect(recs[2]!.pages![0]!.text).toContain('Besluit op uw Woo-verzoek');
    expect(r.stderr).toMatch(/4 files, 1 ok, 3 errors \((?:[A-Z_]+: 1(?:, )?){3}\)/);
  });
});
