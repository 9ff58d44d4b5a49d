/**
 * The page viewer: one page of one document, with every redaction box drawn over it and
 * its grounds written in it. The page itself is rendered with pdf.js when the PDF can be
 * found (picked with the data, or served next to the data file); otherwise the boxes are
 * drawn on a blank page of the page's size, and the page text (records made with
 * `--text`) is shown below it.
 */
import type { DocumentRecord, PageRecord, RedactionBox } from '@lakmoes/schema';
import { baseName } from '@lakmoes/example-researcher/fields';
import { GroundColors, svg } from './charts.js';

/** Where the page image of a record comes from. */
export type PageSource = { kind: 'pdf'; data: ArrayBuffer; name: string } | { kind: 'image'; url: string; name: string };

/** Finds the PDF or page image of a record, or null. */
export type SourceResolver = (record: DocumentRecord) => Promise<PageSource | null>;

type PdfModule = typeof import('./pdf.js');
type Doc = Awaited<ReturnType<PdfModule['openPdf']>>;

const h = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
};

/** What a box shows: the short forms of its grounds, else its printed label, else "?". */
export function boxCaption(r: RedactionBox): string {
  const shorts = [...new Set(r.grounds.map((g) => g.short ?? g.code))];
  return shorts.length ? shorts.join(' ') : r.label ?? '?';
}

export class PageViewer {
  private records: DocumentRecord[] = [];
  private doc = -1;
  private page = 1;
  private readonly sources = new Map<number, Promise<{ source: PageSource | null; pdf: Doc | null }>>();
  private pdfModule: Promise<PdfModule> | null = null;
  private renderToken = 0;

  private readonly select = h('select', { id: 'viewer-document', 'aria-label': 'document' });
  private readonly prev = h('button', { type: 'button', id: 'viewer-prev', 'aria-label': 'previous page' }, '‹');
  private readonly next = h('button', { type: 'button', id: 'viewer-next', 'aria-label': 'next page' }, '›');
  private readonly pageLabel = h('span', { id: 'viewer-page-label', class: 'muted' });
  private readonly mode = h('span', { id: 'viewer-mode', class: 'badge' });
  private readonly stage = h('div', { class: 'stage', id: 'viewer-stage' });
  private readonly list = h('ol', { class: 'box-list', id: 'viewer-boxes' });
  private readonly text = h('details', { class: 'page-text', id: 'viewer-text' });

  /** `colors` is asked on every draw, so the viewer follows the charts' colours when the data changes. */
  constructor(private readonly root: HTMLElement, private readonly colors: () => GroundColors, private readonly resolve: SourceResolver) {
    const controls = h('div', { class: 'viewer-controls' }, this.select, h('span', { class: 'pager' }, this.prev, this.pageLabel, this.next), this.mode);
    const side = h('aside', { class: 'viewer-side' }, h('h3', {}, 'Boxes on this page'), this.list);
    root.replaceChildren(controls, h('div', { class: 'viewer-body' }, h('div', { class: 'viewer-main' }, this.stage, this.text), side));
    this.select.addEventListener('change', () => this.show(Number(this.select.value), 1));
    this.prev.addEventListener('click', () => this.show(this.doc, this.page - 1));
    this.next.addEventListener('click', () => this.show(this.doc, this.page + 1));
  }

  /** New data: list the readable documents with pages and show the first page with boxes. */
  setRecords(records: DocumentRecord[]): void {
    this.records = records;
    this.sources.clear();
    const options = records
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.status === 'ok' && (r.pages?.length ?? 0) > 0)
      .map(({ r, i }) => h('option', { value: String(i) }, `${baseName(r.source.path)} (${r.stats?.redactionCount ?? 0} boxes)`));
    this.select.replaceChildren(...options);
    this.root.hidden = options.length === 0;
    if (options.length === 0) return;
    const first = records.findIndex((r) => r.status === 'ok' && (r.stats?.redactionCount ?? 0) > 0);
    const doc = first >= 0 ? first : Number(options[0]!.getAttribute('value'));
    const page = records[doc]!.pages!.find((p) => p.redactions.length > 0)?.number ?? 1;
    void this.show(doc, page);
  }

  /** Show a page of a document (by its index in the records). */
  async show(doc: number, pageNumber: number): Promise<void> {
    const record = this.records[doc];
    const pages = record?.pages ?? [];
    if (!record || pages.length === 0) return;
    this.doc = doc;
    this.page = Math.min(Math.max(1, pageNumber), pages.length);
    this.select.value = String(doc);
    const page = pages.find((p) => p.number === this.page) ?? pages[0]!;
    this.prev.disabled = this.page <= 1;
    this.next.disabled = this.page >= pages.length;
    this.pageLabel.textContent = `page ${this.page} of ${pages.length}`;
    const token = ++this.renderToken;
    this.root.dataset.state = 'loading';

    const { overlay, frame } = this.frame(page);
    this.stage.replaceChildren(frame);
    this.drawList(page);
    this.drawText(page);

    const { source, pdf } = await this.source(doc, record);
    if (token !== this.renderToken) return;
    let drawn: 'pdf' | 'image' | 'blank' = 'blank';
    try {
      if (source?.kind === 'pdf' && pdf) {
        const canvas = h('canvas', { class: 'page-image' });
        frame.insertBefore(canvas, overlay);
        const mod = await this.pdf();
        await mod.renderPage(pdf, page.number, canvas, frame.clientWidth || 600);
        drawn = 'pdf';
      } else if (source?.kind === 'image') {
        const img = h('img', { class: 'page-image', alt: '', src: source.url });
        frame.insertBefore(img, overlay);
        await img.decode();
        drawn = 'image';
      }
    } catch (err) {
      console.warn('lakmoes viewer: could not draw the page image', err);
      frame.querySelector('.page-image')?.remove();
      drawn = 'blank';
    }
    if (token !== this.renderToken) return;
    frame.classList.toggle('blank', drawn === 'blank');
    this.mode.textContent = drawn === 'pdf' ? 'rendered from the PDF' : drawn === 'image' ? 'page image' : 'blank page (PDF not found): boxes only';
    this.mode.dataset.mode = drawn;
    this.root.dataset.state = 'ready';
  }

  private pdf(): Promise<PdfModule> {
    this.pdfModule ??= import('./pdf.js');
    return this.pdfModule;
  }

  private source(doc: number, record: DocumentRecord): Promise<{ source: PageSource | null; pdf: Doc | null }> {
    let s = this.sources.get(doc);
    if (!s) {
      s = this.resolve(record)
        .then(async (source) => {
          if (source?.kind !== 'pdf') return { source, pdf: null };
          const pdf = await (await this.pdf()).openPdf(source.data);
          return { source, pdf };
        })
        .catch((err: unknown) => {
          console.warn('lakmoes viewer: no page image', err);
          return { source: null, pdf: null };
        });
      this.sources.set(doc, s);
    }
    return s;
  }

  /** The page frame with its overlay of boxes, sized to the page. */
  private frame(page: PageRecord): { frame: HTMLDivElement; overlay: SVGSVGElement } {
    const frame = h('div', { class: 'page-frame', 'data-page': String(page.number) });
    frame.style.aspectRatio = `${page.width} / ${page.height}`;
    const overlay = svg('svg', { class: 'overlay', viewBox: `0 0 ${page.width} ${page.height}`, preserveAspectRatio: 'none' });
    const scale = page.width / 600; // keep captions readable whatever the page unit (points or pixels)
    page.redactions.forEach((r, i) => {
      const color = r.grounds[0] ? this.colors().get(r.grounds[0].code) : '#6b7280';
      const g = svg('g', { class: `redaction-box${r.leak ? ' leak' : ''}`, 'data-index': i, 'data-codes': r.grounds.map((x) => x.code).join(' ') });
      g.append(svg('title', {}, `${i + 1}. ${r.kind} box${r.label ? `, label "${r.label}"` : ''}${r.grounds.length ? `, grounds ${r.grounds.map((x) => x.code).join(', ')}` : ', no ground'}${r.leak ? ', text still under the box' : ''}`));
      const { x, y, width, height } = r.box;
      g.append(svg('rect', { class: 'redaction', x, y, width, height, fill: color, stroke: color, 'stroke-width': Math.max(0.8, 1.2 * scale) }));
      // the grounds in the box; boxes without one keep their printed label visible underneath
      const size = Math.min(Math.max(height * 0.7, 6 * scale), 11 * scale);
      if (r.grounds.length) g.append(svg('text', { class: 'caption', x: x + width / 2, y: y + height / 2, 'font-size': size, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'stroke-width': size / 5 }, boxCaption(r)));
      overlay.append(g);
    });
    frame.append(overlay);
    return { frame, overlay };
  }

  private drawList(page: PageRecord): void {
    const items = page.redactions.map((r, i) => {
      const chips = r.grounds.length
        ? [...new Map(r.grounds.map((g) => [g.code, g])).values()].map((g) => {
            const chip = h('span', { class: 'chip', title: g.code }, g.short ?? g.code);
            chip.style.setProperty('--chip', this.colors().get(g.code));
            return chip;
          })
        : [h('span', { class: 'chip none' }, r.label ? `"${r.label}"` : 'no ground')];
      const li = h('li', { 'data-index': String(i) }, h('span', { class: 'kind' }, r.kind), ...chips);
      if (r.leak) li.append(h('span', { class: 'chip leak', title: 'text of the text layer is still under this box' }, 'leak'));
      li.addEventListener('mouseenter', () => this.highlight(i, true));
      li.addEventListener('mouseleave', () => this.highlight(i, false));
      return li;
    });
    this.list.replaceChildren(...(items.length ? items : [h('li', { class: 'muted empty' }, 'No redactions on this page.')]));
  }

  private highlight(i: number, on: boolean): void {
    this.stage.querySelector(`.redaction-box[data-index="${i}"]`)?.classList.toggle('active', on);
  }

  private drawText(page: PageRecord): void {
    this.text.hidden = !page.text;
    if (page.text) this.text.replaceChildren(h('summary', {}, 'Page text'), h('pre', {}, page.text));
  }
}
