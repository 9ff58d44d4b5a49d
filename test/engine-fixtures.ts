/**
 * Generated dossiers for the engine's tests and benchmarks: long PDFs with text on every page,
 * ground citations in prose (some without the law named, so the document's regime matters),
 * labelled black redaction boxes and identifiers. Made with pdf-lib in memory; nothing is
 * committed.
 */
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

const SENTENCES = [
  'Het verzoek betreft documenten over de voorbereiding van het besluit en de daarbij gevoerde overleggen.',
  'In de documenten komen namen en functies van medewerkers voor die niet in de openbaarheid treden.',
  'De afweging tussen het algemeen belang van openbaarheid en de betrokken belangen valt hier anders uit.',
  'Voor zover het gaat om feitelijke informatie maak ik de passages wel openbaar, met uitzondering van namen.',
  'Ik heb de betrokken derden in de gelegenheid gesteld hun zienswijze te geven over de openbaarmaking.',
  'De stukken zijn opgenomen in de inventarislijst en worden na afloop van de bezwaartermijn gepubliceerd.',
];

/**
 * A PDF of `pages` A4 pages. Page p cites a ground in prose; every third page has a black box
 * labelled `5.1.2e`; the first pages name the Wob, the later ones the Woo (more often), so the
 * regime of the whole document differs from that of its first pages.
 */
export async function makeDossierPdf(pages: number, options: { linesPerPage?: number; title?: string } = {}): Promise<Uint8Array> {
  const lines = options.linesPerPage ?? 40;
  const doc = await PDFDocument.create();
  doc.setTitle(options.title ?? `Dossier van ${pages} pagina's`);
  doc.setAuthor('lakmoes engine tests');
  doc.setCreationDate(new Date('2024-05-01T09:00:00Z'));
  doc.setModificationDate(new Date('2024-05-01T09:00:00Z'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595, 842]);
    let y = 800;
    const line = (text: string): number => {
      page.drawText(text, { x: 56, y, size: 9, font });
      const at = y;
      y -= 13;
      return at;
    };
    line(`Kenmerk 2024-${String(100000 + p).padStart(10, '0')}    Datum ${1 + (p % 28)} mei 2024    Pagina ${p}`);
    if (p <= Math.max(1, Math.floor(pages / 4))) line('Dit besluit is genomen op grond van de Wet openbaarheid van bestuur (Wob).');
    else line('Dit besluit is genomen op grond van de Woo; de Woo gaat uit van openbaarheid (Woo).');
    line(
      p % 2 === 0
        ? 'Namen van medewerkers maak ik niet openbaar op grond van artikel 5.1, tweede lid, aanhef en onder e.'
        : 'Persoonlijke beleidsopvattingen lak ik op grond van artikel 10, tweede lid, aanhef en onder g.',
    );
    for (let i = 0; i < lines - 4; i++) line(SENTENCES[(p + i) % SENTENCES.length]!);
    if (p % 3 === 0) {
      const at = line('Contactpersoon:');
      page.drawRectangle({ x: 140, y: at - 2, width: 90, height: 12, color: rgb(0, 0, 0) });
      page.drawText('5.1.2e', { x: 170, y: at + 1, size: 7, font, color: rgb(1, 1, 1) });
    }
  }
  return doc.save({ useObjectStreams: false });
}

/**
 * A "scanned" PDF: every page one full-page greyscale image of noise, `side` pixels wide and as
 * high as A4 keeps its aspect (320 × 453 by default), stored as a PNG that does not compress:
 * about 145 KB a page. No text layer.
 */
export async function makeScanPdf(pages: number, side = 320): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const height = Math.round((side * 842) / 595);
  let seed = 7;
  for (let p = 0; p < pages; p++) {
    const pixels = new Uint8Array(side * height);
    for (let i = 0; i < pixels.length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      pixels[i] = 128 + (seed >>> 25);
    }
    const image = await doc.embedPng(greyPng(side, height, pixels));
    const page = doc.addPage([595, 842]);
    page.drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  }
  return doc.save();
}

/** A minimal 8-bit greyscale PNG. */
function greyPng(width: number, height: number, pixels: Uint8Array): Uint8Array {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
