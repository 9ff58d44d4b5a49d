/** Small SVG bar charts: horizontal bars with a label column, plain or stacked, with reference lines. */

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export interface Segment {
  value: number;
  color: string;
  name: string;
}

export interface Bar {
  /** label in the left column */
  label: string;
  /** smaller text under the label */
  sublabel?: string;
  value: number;
  /** text after the bar */
  display: string;
  color: string;
  /** stacked parts (their sum is the bar); `value` still gives the bar's length */
  segments?: Segment[];
  /** a tick on this bar (e.g. its legal term) */
  marker?: { value: number; title: string };
  /** hover text */
  title?: string;
  /** data-* attributes on the bar group, for tests and styling */
  data?: Record<string, string | number | boolean>;
  className?: string;
}

export interface BarChartOptions {
  /** the value of a full-width bar (default: the largest bar) */
  max?: number;
  /** vertical reference lines across all bars */
  lines?: { value: number; label: string; className?: string }[];
  /** width of the drawing in px (default 720); pass the container's width so text keeps its size */
  width?: number;
  /** width of the label column in px (default: a third of the width, at most 300) */
  labelWidth?: number;
  ariaLabel: string;
  onClick?: (bar: Bar, index: number) => void;
}

const ROW = 30;

let measureContext: CanvasRenderingContext2D | null | undefined;

/** Width of a text in px for a CSS font, measured on a canvas (estimated where there is none). */
function textWidth(text: string, font: string): number {
  if (measureContext === undefined) measureContext = document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * 7;
  measureContext.font = font;
  return measureContext.measureText(text).width;
}

/** Cut text with an ellipsis to fit `px` pixels in the given CSS font. */
export function fit(text: string, px: number, font = '600 12.5px system-ui, sans-serif'): string {
  if (textWidth(text, font) <= px) return text;
  let lo = 0, hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(`${text.slice(0, mid)}…`, font) <= px) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, Math.max(1, lo)).trimEnd()}…`;
}

const FONT = getComputedStyle(document.documentElement).fontFamily || 'system-ui, sans-serif';

export function barChart(bars: readonly Bar[], options: BarChartOptions): SVGSVGElement {
  const WIDTH = Math.max(360, Math.round(options.width || 720));
  const labelWidth = Math.min(options.labelWidth ?? 300, Math.round(WIDTH * 0.36));
  const valueWidth = 118;
  const top = options.lines?.length ? 22 : 6;
  const plot = WIDTH - labelWidth - valueWidth;
  const max = Math.max(options.max ?? 0, ...bars.map((b) => b.value), ...(options.lines ?? []).map((l) => l.value), 1e-9);
  const height = top + bars.length * ROW + 6;
  const x = (v: number): number => labelWidth + (Math.max(0, v) / max) * plot;
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'chart', role: 'img', 'aria-label': options.ariaLabel });
  root.setAttribute('width', String(WIDTH));
  root.setAttribute('height', String(height));

  bars.forEach((bar, i) => {
    const y = top + i * ROW;
    const g = svg('g', { class: `bar ${bar.className ?? ''}`.trim(), transform: `translate(0 ${y})` });
    for (const [k, v] of Object.entries(bar.data ?? {})) g.setAttribute(`data-${k}`, String(v));
    if (bar.title) g.append(svg('title', {}, bar.title));
    g.append(svg('rect', { class: 'track', x: labelWidth, y: 5, width: plot, height: ROW - 12, rx: 3 }));
    const label = svg('text', { class: 'label', x: labelWidth - 10, y: bar.sublabel ? 13 : 18, 'text-anchor': 'end' }, fit(bar.label, labelWidth - 16, `600 12.5px ${FONT}`));
    g.append(label);
    if (bar.sublabel) g.append(svg('text', { class: 'sublabel', x: labelWidth - 10, y: 25, 'text-anchor': 'end' }, fit(bar.sublabel, labelWidth - 16, `10.5px ${FONT}`)));
    if (bar.segments?.length) {
      let at = 0;
      for (const s of bar.segments) {
        if (s.value <= 0) continue;
        const seg = svg('rect', { class: 'value segment', 'data-segment': s.name, x: x(at), y: 5, width: Math.max(1, x(at + s.value) - x(at)), height: ROW - 12, fill: s.color });
        seg.append(svg('title', {}, `${s.name}: ${s.value}`));
        g.append(seg);
        at += s.value;
      }
    } else {
      g.append(svg('rect', { class: 'value', x: labelWidth, y: 5, width: Math.max(bar.value > 0 ? 2 : 0, x(bar.value) - labelWidth), height: ROW - 12, rx: 3, fill: bar.color }));
    }
    if (bar.marker) {
      const mx = x(bar.marker.value);
      const m = svg('line', { class: 'marker', x1: mx, x2: mx, y1: 2, y2: ROW - 4 });
      m.append(svg('title', {}, bar.marker.title));
      g.append(m);
    }
    g.append(svg('text', { class: 'value-text', x: WIDTH - valueWidth + 8, y: 18 }, bar.display));
    if (options.onClick) {
      g.classList.add('clickable');
      g.addEventListener('click', () => options.onClick!(bar, i));
    }
    root.append(g);
  });

  for (const line of options.lines ?? []) {
    const lx = x(line.value);
    root.append(svg('line', { class: `ref ${line.className ?? ''}`.trim(), x1: lx, x2: lx, y1: top - 4, y2: height - 4 }));
    root.append(svg('text', { class: `ref-label ${line.className ?? ''}`.trim(), x: lx, y: 12, 'text-anchor': 'middle' }, line.label));
  }
  return root;
}

/** A colour per ground code: a fixed palette in order of first use, so chart and viewer agree. */
export class GroundColors {
  private static readonly PALETTE = ['#2f6fde', '#e0793a', '#2a9d8f', '#c8457a', '#7d5bd6', '#b59a19', '#4b8b3b', '#d0463c', '#3a8fb7', '#8c6d4f', '#5c6bc0', '#9e9e2a'];
  private readonly colors = new Map<string, string>();

  constructor(codes: Iterable<string> = []) {
    for (const c of codes) this.get(c);
  }

  get(code: string): string {
    let c = this.colors.get(code);
    if (!c) {
      c = GroundColors.PALETTE[this.colors.size % GroundColors.PALETTE.length]!;
      this.colors.set(code, c);
    }
    return c;
  }
}
