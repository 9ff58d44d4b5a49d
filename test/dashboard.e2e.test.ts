/**
 * The dashboard example end to end: build it with Vite, serve it on 127.0.0.1 with records
 * the pipeline makes here (OCR off) from the example decision and a few corpus PDFs, open
 * it in headless Chromium (Debian's, driven by playwright-core) and check what is drawn:
 * the bars of the charts, the boxes in the page viewer, the page rendered by pdf.js.
 * Screenshots go to test-artifacts/ (gitignored). Skipped only when Chromium is missing;
 * CI installs it (.ci/run).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRecord } from '@lakmoes/schema';
import { buildDashboard } from '../examples/dashboard/build.js';
import { startServer, type DashboardServer } from '../examples/dashboard/serve.js';
import { durationOf } from '../examples/researcher/src/fields.js';
import { loadRecords } from '../examples/researcher/src/load.js';
import { hasShared, sharedPath } from './helpers/shared.js';

const CHROMIUM = process.env.LAKMOES_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`lakmoes: dashboard end-to-end test SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, as .ci/run does; or set LAKMOES_CHROMIUM)`);
/** Flags for Chromium on a machine with a closed network (see the machine notes). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const EXAMPLE_PDF = path.join(ROOT, 'examples', 'data', 'besluit-voorbeeld.pdf');
const MEMO = '1. Memo GS juni 2021 definitief tbv bestuurders.pdf';
const CORPUS = [`woofairify/documenten/${MEMO}`, 'woofairify/documenten/1. Memo BO verslag gesprek 20210324.pdf'].map((p) => sharedPath('corpus', p));
const corpus = hasShared && CORPUS.every((p) => existsSync(p)) ? CORPUS : [];

const tmp = mkdtempSync(path.join(tmpdir(), 'lakmoes-dashboard-'));

/** Grounds the dashboard charts: specific, not a quote of the law, not an inventory marker. */
function expectedGrounds(records: DocumentRecord[]): Map<string, { documents: number; boxes: number }> {
  const out = new Map<string, { documents: number; boxes: number }>();
  for (const r of records) {
    const codes = new Set((r.grounds ?? []).filter((g) => g.specific && !g.lawQuote && !g.code.startsWith('marker:')).map((g) => g.code));
    for (const code of codes) {
      const e = out.get(code) ?? { documents: 0, boxes: 0 };
      e.documents++;
      e.boxes += r.stats?.groundCounts[code] ?? 0;
      out.set(code, e);
    }
  }
  return out;
}

/** A copy of a record with a decision object, as the decision analysis will add them. */
function withDecision(r: DocumentRecord, name: string, decision: Record<string, unknown>): DocumentRecord {
  return { ...r, source: { ...r.source, path: `/elders/${name}` }, decision: { role: 'decision', law: 'woo', ...decision } } as DocumentRecord;
}

describe.skipIf(!hasChromium)(
  hasChromium ? 'dashboard end to end in headless Chromium' : `dashboard end to end — SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, as .ci/run does)`,
  () => {
    let records: DocumentRecord[] = [];
    let server: DashboardServer;
    let context: BrowserContext;
    const errors: string[] = [];

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const dist = path.join(tmp, 'dist');
      const files = [EXAMPLE_PDF, ...corpus];
      const [, loaded] = await Promise.all([
        buildDashboard(dist, { quiet: true }),
        (async () => {
          const out: DocumentRecord[] = [];
          for await (const r of loadRecords(files, { ocr: 'off', text: true })) out.push(r);
          return out;
        })(),
      ]);
      records = loaded;
      expect(records.map((r) => r.status)).toEqual(files.map(() => 'ok'));

      const ndjson = path.join(tmp, 'records.ndjson');
      writeFileSync(ndjson, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
      // decisions served away from their PDF: durations, and the blank-page viewer
      const example = records[0]!;
      const decisions = [
        withDecision(example, 'op-tijd.pdf', { body: 'Gemeente Voorbeeldstad', requestDate: '2024-01-08', decisionDate: '2024-01-29' }),
        withDecision(example, 'verdaagd.pdf', { body: 'Gemeente Voorbeeldstad', requestDate: '2024-01-08', decisionDate: '2024-02-15', extensionDate: '2024-02-01' }),
        withDecision(example, 'te-laat.pdf', { body: 'Ministerie van Voorbeeldzaken', requestDate: '2023-09-01', decisionDate: '2023-12-01' }),
      ];
      const elsewhere = path.join(tmp, 'decisions.ndjson');
      writeFileSync(elsewhere, decisions.map((r) => JSON.stringify(r)).join('\n') + '\n');

      const data = new Map<string, string>([
        ['records.ndjson', ndjson],
        ['elders/decisions.ndjson', elsewhere],
        ...files.map((f) => [path.basename(f), f] as [string, string]),
      ]);
      server = await startServer(dist, data);
      context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmp, 'chromium-')), {
        executablePath: CHROMIUM,
        headless: true,
        args: FLAGS,
        viewport: { width: 1360, height: 1000 },
      });
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await server?.close();
    });

    async function open(query: string): Promise<Page> {
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('requestfailed', (r) => {
        if (!r.url().startsWith(server.url)) errors.push(`request outside the test server: ${r.url()}`);
      });
      await page.goto(`${server.url}${query}`);
      await page.waitForSelector('body[data-ready]', { timeout: 30_000 });
      return page;
    }

    const viewerReady = (page: Page) => page.waitForSelector('#viewer[data-state="ready"]', { timeout: 30_000 });

    it('draws grounds, redacted shares and the page viewer from pipeline output', async () => {
      const page = await open('?data=data/records.ndjson');
      expect(await page.getAttribute('body', 'data-ready')).toBe('true');
      await viewerReady(page);

      // summary strip
      expect(await page.textContent('[data-stat="documents"] .value')).toBe(String(records.length));
      const boxes = records.reduce((n, r) => n + (r.stats?.redactionCount ?? 0), 0);
      expect(await page.textContent('[data-stat="redactions"] .value')).toBe(String(boxes));

      // grounds by frequency: one bar per ground with its document count, in order
      const expected = expectedGrounds(records);
      const bars = await page.$$eval('.ground-bar', (els) => els.map((e) => ({ code: e.getAttribute('data-code')!, value: Number(e.getAttribute('data-value')), text: e.querySelector('.value-text')!.textContent })));
      expect(new Set(bars.map((b) => b.code))).toEqual(new Set(expected.keys()));
      for (const b of bars) {
        expect(b.value, b.code).toBe(expected.get(b.code)!.documents);
        expect(b.text).toBe(`${b.value} ${b.value === 1 ? 'doc' : 'docs'}`);
      }
      expect(bars.map((b) => b.value)).toEqual([...bars.map((b) => b.value)].sort((x, y) => y - x));
      expect(bars.find((b) => b.code === 'woo:5.1.2.e')?.value).toBe(1);
      if (corpus.length) expect(bars[0]).toMatchObject({ code: 'wob:10.2.e', value: corpus.length });
      // … and by boxes
      await page.check('input[name="measure"][value="boxes"]');
      const byBoxes = await page.$$eval('.ground-bar', (els) => els.map((e) => [e.getAttribute('data-code')!, Number(e.getAttribute('data-value'))] as const));
      for (const [code, value] of byBoxes) expect(value, code).toBe(expected.get(code)!.boxes);
      expect(Object.fromEntries(byBoxes)['woo:5.1.2.e']).toBe(2);

      // redacted share per document and per body
      const shares = await page.$$eval('.document-bar', (els) => els.map((e) => [Number(e.getAttribute('data-index')), Number(e.getAttribute('data-share'))] as const));
      expect(shares).toHaveLength(records.length);
      for (const [i, share] of shares) expect(share).toBeCloseTo(records[i]!.stats!.redactedTextShare, 3);
      const bodies = await page.$$eval('.body-bar', (els) => els.map((e) => Number(e.getAttribute('data-documents'))));
      expect(bodies.reduce((a, b) => a + b, 0)).toBe(records.length);

      // durations: a bar per record with request and decision dates, else "No data"
      const dated = records.filter((r) => durationOf(r) !== null);
      if (dated.length === 0) expect(await page.textContent('#durations-chart')).toContain('No data');
      else expect(await page.locator('.duration-bar').count()).toBe(dated.length);

      // page viewer: the example decision, rendered by pdf.js, with its two boxes
      expect(await page.textContent('#viewer-mode')).toBe('rendered from the PDF');
      expect(await page.locator('#viewer-stage .redaction-box').count()).toBe(records[0]!.pages![0]!.redactions.length);
      expect(await page.locator('#viewer-stage .redaction-box.leak').count()).toBe(1);
      expect(await page.$$eval('#viewer-stage .caption', (els) => els.map((e) => e.textContent))).toEqual(['5.1.2e', '5.1.2e']);
      expect(await page.locator('#viewer-boxes li').count()).toBe(2);
      const ink = await page.$eval('#viewer-stage canvas', (c) => {
        const canvas = c as HTMLCanvasElement;
        const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let dark = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i]! < 100 && px[i + 1]! < 100 && px[i + 2]! < 100) dark++;
        return dark / (px.length / 4);
      });
      expect(ink).toBeGreaterThan(0.005); // text and black boxes were painted
      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-overview.png'), fullPage: true });

      if (corpus.length) {
        // a corpus memo, page by page: as many boxes drawn as the record has, captioned with their grounds
        const memo = records.findIndex((r) => r.source.path.endsWith(MEMO));
        await page.selectOption('#viewer-document', String(memo));
        for (const p of records[memo]!.pages!) {
          if (p.number > 1) await page.click('#viewer-next');
          await page.waitForSelector(`#viewer-stage .page-frame[data-page="${p.number}"]`);
          await viewerReady(page);
          expect(await page.locator('#viewer-stage .redaction-box').count(), `page ${p.number}`).toBe(p.redactions.length);
          const captions = await page.$$eval('#viewer-stage .caption', (els) => els.map((e) => e.textContent));
          expect(captions).toEqual(p.redactions.filter((r) => r.grounds.length).map((r) => [...new Set(r.grounds.map((g) => g.short ?? g.code))].join(' ')));
          if (p.number === 1) await page.locator('#viewer-card').screenshot({ path: path.join(ARTIFACTS, 'dashboard-viewer-memo.png') });
        }
        expect(await page.textContent('#viewer-page-label')).toBe(`page ${records[memo]!.pages!.length} of ${records[memo]!.pages!.length}`);
      }
      await page.close();
    }, 60_000);

    it('charts decision durations against the legal term, and draws boxes on a blank page without the PDF', async () => {
      const page = await open('?data=data/elders/decisions.ndjson');
      const bars = await page.$$eval('.duration-bar', (els) => els.map((e) => ({ days: Number(e.getAttribute('data-days')), allowed: Number(e.getAttribute('data-allowed')), late: e.classList.contains('late') })));
      expect(bars).toEqual([
        { days: 91, allowed: 28, late: true },
        { days: 38, allowed: 42, late: false },
        { days: 21, allowed: 28, late: false },
      ]);
      expect(await page.textContent('#durations-chart .chart-caption')).toMatch(/^3 decisions, 1 late\./);
      expect(await page.locator('#durations-chart .marker').count()).toBe(3);
      // bodies from the decision object
      expect(await page.$$eval('.body-bar', (els) => els.map((e) => e.getAttribute('data-body')))).toEqual(['Gemeente Voorbeeldstad', 'Ministerie van Voorbeeldzaken']);
      // the PDFs are not next to this data file: boxes on a blank page of the page's size
      await viewerReady(page);
      expect(await page.getAttribute('#viewer-mode', 'data-mode')).toBe('blank');
      expect(await page.locator('#viewer-stage canvas').count()).toBe(0);
      expect(await page.locator('#viewer-stage .redaction-box').count()).toBe(2);
      const { width, height } = records[0]!.pages![0]!;
      expect(await page.getAttribute('#viewer-stage svg.overlay', 'viewBox')).toBe(`0 0 ${width} ${height}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-durations-blank-page.png'), fullPage: true });
      await page.close();
    }, 60_000);

    it('loads records and their PDF from the file input', async () => {
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url);
      expect(await page.isVisible('#intro')).toBe(true);
      await page.setInputFiles('#file', [path.join(tmp, 'records.ndjson'), EXAMPLE_PDF]);
      await page.waitForSelector('body[data-ready="true"]');
      await viewerReady(page);
      expect(await page.isVisible('#intro')).toBe(false);
      expect(await page.textContent('#status')).toContain(`${records.length} record`);
      expect(await page.textContent('#viewer-mode')).toBe('rendered from the PDF');
      expect(await page.locator('#viewer-stage .redaction-box').count()).toBe(2);
      await page.close();
    }, 60_000);

    it('says so when the data cannot be loaded, and loads nothing from outside', async () => {
      const page = await open('?data=data/bestaat-niet.ndjson');
      expect(await page.getAttribute('body', 'data-ready')).toBe('error');
      expect(await page.textContent('#error')).toContain('Could not load data/bestaat-niet.ndjson: 404');
      await page.close();
      expect(errors).toEqual([]);
    }, 30_000);
  },
);
