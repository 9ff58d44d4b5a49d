/**
 * lakmoes dashboard: load records (a file input, or `?data=URL` of a served JSON/NDJSON file)
 * and draw grounds by frequency, redacted shares per document and per body, decision
 * durations against the legal term, and a page viewer with every redaction box.
 */
import type { DocumentRecord } from '@lakmoes/schema';
import { LEGAL_TERM, baseName } from '@lakmoes/example-researcher/fields';
import { GroundColors, barChart, type Bar } from './charts.js';
import { bodyShares, decisionDurations, documentShares, groundFrequencies, parseRecords, totals, type GroundMeasure } from './data.js';
import { PageViewer, type PageSource } from './viewer.js';
import './style.css';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

const state = {
  records: [] as DocumentRecord[],
  /** files picked with the data (PDFs, page images), by file name */
  files: new Map<string, File>(),
  /** where the data came from, to find PDFs next to it */
  dataUrl: null as URL | null,
  /** optional folder of the PDFs (`?pdfs=`), relative to the page */
  pdfBase: null as URL | null,
  measure: 'documents' as GroundMeasure,
  colors: new GroundColors(),
};

const pct = (x: number): string => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function empty(el: HTMLElement, text: string): void {
  const p = document.createElement('p');
  p.className = 'no-data';
  p.textContent = text;
  el.replaceChildren(p);
}

/** Find a record's PDF or page image: among the picked files, else next to the data file. */
async function resolveSource(record: DocumentRecord): Promise<PageSource | null> {
  const name = baseName(record.source.path);
  const isImage = /^image\/(png|jpeg|webp|gif)$/.test(record.source.mediaType ?? '');
  if (record.source.mediaType?.startsWith('image/') && !isImage) return null; // TIFF: browsers cannot draw it
  const picked = state.files.get(name);
  if (picked) return isImage ? { kind: 'image', url: URL.createObjectURL(picked), name } : { kind: 'pdf', data: await picked.arrayBuffer(), name };
  const candidates: URL[] = [];
  if (state.pdfBase) candidates.push(new URL(encodeURIComponent(name), state.pdfBase));
  if (state.dataUrl) {
    candidates.push(new URL(encodeURIComponent(name), state.dataUrl));
    if (!/^(\/|[a-z]:\\)/i.test(record.source.path)) candidates.push(new URL(record.source.path.split(/[\\/]/).map(encodeURIComponent).join('/'), state.dataUrl));
  }
  for (const url of candidates) {
    try {
      const res = await fetch(url);
      if (!res.ok) continue;
      if (isImage) return { kind: 'image', url: url.href, name };
      const data = await res.arrayBuffer();
      if (new TextDecoder().decode(data.slice(0, 1024)).includes('%PDF-')) return { kind: 'pdf', data, name };
    } catch {
      /* try the next place */
    }
  }
  return null;
}

const viewer = new PageViewer($('viewer'), () => state.colors, resolveSource);

function renderSummary(): void {
  const t = totals(state.records);
  const items: [string, string, string][] = [
    ['documents', String(t.documents), t.errors ? `${t.errors} unreadable` : 'all readable'],
    ['pages', String(t.pages), ''],
    ['redactions', String(t.redactions), t.leaks ? `${plural(t.leaks, 'leak')}` : 'no leaks'],
    ['grounds', String(groundFrequencies(state.records).length), 'distinct, applied'],
  ];
  $('summary').replaceChildren(
    ...items.map(([key, value, note]) => {
      const div = document.createElement('div');
      div.className = 'stat';
      div.dataset.stat = key;
      div.innerHTML = '<span class="value"></span><span class="key"></span><span class="note"></span>';
      div.querySelector('.value')!.textContent = value;
      div.querySelector('.key')!.textContent = key;
      div.querySelector('.note')!.textContent = note;
      return div;
    }),
  );
}

function renderGrounds(): void {
  const el = $('grounds-chart');
  const bars = groundFrequencies(state.records);
  if (bars.length === 0) return empty(el, 'No grounds in these records.');
  const m = state.measure;
  el.replaceChildren(
    barChart(
      bars.map((b) => ({
        label: b.short,
        sublabel: b.label || b.code,
        value: b[m],
        display: `${b[m]} ${m === 'documents' ? (b[m] === 1 ? 'doc' : 'docs') : m === 'boxes' ? (b[m] === 1 ? 'box' : 'boxes') : b[m] === 1 ? 'citation' : 'citations'}`,
        color: state.colors.get(b.code),
        title: `${b.code}${b.label ? ` — ${b.label}` : ''}\n${plural(b.documents, 'document')}, ${plural(b.citations, 'citation')}, ${plural(b.boxes, 'box', 'boxes')}`,
        data: { code: b.code, documents: b.documents, citations: b.citations, boxes: b.boxes, value: b[m] },
        className: 'ground-bar',
      })),
      { width: el.clientWidth, ariaLabel: `grounds by ${m}` },
    ),
  );
}

function renderShares(): void {
  const docs = documentShares(state.records);
  const el = $('document-shares');
  // scale to the largest share, so that a few percent is still visible; the lines say the scale
  const largest = Math.max(0, ...docs.map((d) => d.share));
  const scale = [0.05, 0.1, 0.25, 0.5, 1].find((v) => v >= largest) ?? 1;
  if (docs.length === 0) empty(el, 'No readable documents.');
  else
    el.replaceChildren(
      barChart(
        docs.map<Bar>((d) => ({
          label: d.name,
          sublabel: `${d.body} · ${plural(d.pages, 'page')} · ${plural(d.redactions, 'box', 'boxes')}`,
          value: d.share,
          display: pct(d.share),
          color: d.withheld === 'full' ? '#b42318' : d.withheld === 'part' ? '#e0793a' : '#9aa4b2',
          title: `${d.name}: ${pct(d.share)} of the text area redacted (${d.withheld === 'full' ? 'withheld in full' : d.withheld === 'part' ? 'withheld in part' : 'nothing withheld'})`,
          data: { index: d.index, share: d.share.toFixed(4), withheld: d.withheld },
          className: 'document-bar',
        })),
        { max: scale, width: el.clientWidth, lines: [{ value: scale / 2, label: pct(scale / 2) }, { value: scale, label: pct(scale) }], ariaLabel: 'redacted share per document', onClick: (bar) => void viewer.show(Number(bar.data!.index), 1) },
      ),
    );

  const bodies = bodyShares(state.records);
  const bel = $('body-shares');
  if (bodies.length === 0) return empty(bel, 'No readable documents.');
  bel.replaceChildren(
    barChart(
      bodies.map<Bar>((b) => ({
        label: b.body,
        sublabel: `mean ${pct(b.meanShare)} of the text redacted`,
        value: b.documents,
        display: `${b.full + b.part} of ${b.documents} withheld`,
        color: '#9aa4b2',
        segments: [
          { value: b.full, color: '#b42318', name: 'withheld in full' },
          { value: b.part, color: '#e0793a', name: 'withheld in part' },
          { value: b.none, color: '#c9d1db', name: 'nothing withheld' },
        ],
        data: { body: b.body, documents: b.documents, full: b.full, part: b.part, none: b.none, mean: b.meanShare.toFixed(4) },
        className: 'body-bar',
      })),
      { width: bel.clientWidth, ariaLabel: 'documents withheld per body' },
    ),
  );
}

function renderDurations(): void {
  const el = $('durations-chart');
  const bars = decisionDurations(state.records);
  if (bars.length === 0) {
    return empty(el, 'No data: no record has both a request (or receipt) date and a decision date in its decision object.');
  }
  const late = bars.filter((b) => b.late).length;
  const caption = document.createElement('p');
  caption.className = 'chart-caption';
  caption.textContent = `${plural(bars.length, 'decision')}, ${late} late. Woo: ${LEGAL_TERM.woo.days / 7} weeks (+${LEGAL_TERM.woo.extension / 7} on extension); Wob: ${LEGAL_TERM.wob.days / 7} weeks (+${LEGAL_TERM.wob.extension / 7}).`;
  el.replaceChildren(
    caption,
    barChart(
      bars.map<Bar>((b) => ({
        label: b.name,
        sublabel: `${b.body} · ${b.law.toUpperCase()} · ${b.from} → ${b.decisionDate}`,
        value: b.days,
        display: `${b.days} days${b.late ? ' · late' : ''}`,
        color: b.late ? '#b42318' : '#2a9d8f',
        marker: { value: b.allowedDays, title: `term: ${b.allowedDays} days${b.extended ? ' (extended)' : ''}` },
        data: { index: b.index, days: b.days, allowed: b.allowedDays, late: b.late },
        className: `duration-bar${b.late ? ' late' : ''}`,
      })),
      {
        width: el.clientWidth,
        lines: [{ value: LEGAL_TERM.woo.days, label: '4 weeks', className: 'term' }],
        ariaLabel: 'decision durations against the legal term',
      },
    ),
  );
}

function render(): void {
  const loaded = state.records.length > 0;
  document.body.classList.toggle('loaded', loaded);
  $('status').textContent = loaded ? `${plural(state.records.length, 'record')} loaded` : '';
  if (!loaded) return;
  // colours follow the frequency order, so the most used grounds get the first colours
  state.colors = new GroundColors(groundFrequencies(state.records).map((b) => b.code));
  renderSummary();
  renderGrounds();
  renderShares();
  renderDurations();
  viewer.setRecords(state.records);
  document.body.dataset.ready = 'true';
}

function load(text: string, from: string): void {
  try {
    const { records, skipped } = parseRecords(text);
    state.records = records;
    render();
    $('status').textContent = `${plural(records.length, 'record')} from ${from}${skipped ? ` (${skipped} lines skipped: not lakmoes records)` : ''}`;
    if (records.length === 0) fail(`No lakmoes records in ${from}.`);
  } catch (err) {
    fail(`Could not read ${from}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function fail(message: string): void {
  const el = $('error');
  el.textContent = message;
  el.hidden = false;
  document.body.dataset.ready = 'error';
}

$<HTMLInputElement>('file').addEventListener('change', async (event) => {
  const input = event.target as HTMLInputElement;
  const files = Array.from(input.files ?? []);
  $('error').hidden = true;
  state.files = new Map(files.filter((f) => !/\.(ndjson|jsonl|json)$/i.test(f.name)).map((f) => [f.name, f]));
  state.dataUrl = null;
  const data = files.filter((f) => /\.(ndjson|jsonl|json)$/i.test(f.name));
  if (data.length === 0) return fail('Pick a .ndjson or .json file made by `lakmoes extract` (and, if you like, the PDFs it read).');
  const texts = await Promise.all(data.map((f) => f.text()));
  load(texts.join('\n'), data.map((f) => f.name).join(', '));
});

for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('input[name="measure"]'))) {
  input.addEventListener('change', () => {
    state.measure = input.value as GroundMeasure;
    renderGrounds();
  });
}

async function boot(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const data = params.get('data');
  if (params.get('pdfs')) state.pdfBase = new URL(params.get('pdfs')!.replace(/\/?$/, '/'), location.href);
  if (!data) return;
  const url = new URL(data, location.href);
  state.dataUrl = url;
  $('status').textContent = `loading ${url.pathname}…`;
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
    load(await res.text(), baseName(url.pathname));
  } catch (err) {
    fail(`Could not load ${data}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

let resizeTimer = 0;
let lastWidth = window.innerWidth;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => {
    if (!state.records.length || window.innerWidth === lastWidth) return;
    lastWidth = window.innerWidth;
    renderGrounds();
    renderShares();
    renderDurations();
  }, 150);
});

void boot();
