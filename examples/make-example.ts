/**
 * Builds examples/data/besluit-voorbeeld.pdf: a small synthetic Woo decision (no real
 * names) with prose citations, an ECLI, a kenmerk, an inventory row and black redaction
 * boxes labelled with their ground — the example the README's quick start runs on.
 *
 *   pnpm tsx examples/make-example.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export async function makeExamplePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Besluit op uw Woo-verzoek (voorbeeld)');
  doc.setAuthor('Ministerie van Voorbeeldzaken');
  doc.setCreationDate(new Date('2024-03-12T10:00:00Z'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595, 842]);
  let y = 790;
  const line = (text: string, f = font, size = 10): number => {
    page.drawText(text, { x: 60, y, size, font: f });
    const at = y;
    y -= size + 5;
    return at;
  };
  line('Ministerie van Voorbeeldzaken', bold, 12);
  line('Ons kenmerk 2024-0000123456');
  line('Datum 12 maart 2024');
  line('Betreft Besluit op uw Woo-verzoek over het project Voorbeeld');
  y -= 10;
  line('Besluit op uw Woo-verzoek', bold, 14);
  y -= 6;
  for (const t of [
    'Geachte heer, mevrouw,',
    '',
    'Op 1 februari 2024 heeft u met een beroep op de Wet open overheid (Woo) gevraagd om documenten',
    'over het project Voorbeeld. Ik maak de documenten deels openbaar.',
    '',
    'Namen en contactgegevens van medewerkers maak ik niet openbaar op grond van artikel 5.1, tweede lid,',
    'aanhef en onder e, van de Woo. Het belang van de eerbiediging van de persoonlijke levenssfeer weegt',
    'zwaarder dan het belang van openbaarmaking.',
    '',
    'Persoonlijke beleidsopvattingen in documenten voor intern beraad maak ik niet openbaar (art. 5.2 Woo).',
    'Zie ook ABRvS 8 oktober 2025, ECLI:NL:RVS:2025:4814, en Kamerstukken II 2019/20, 35112, nr. 3.',
  ]) line(t);
  // an inventory row and a redacted passage with its label printed in the box
  y -= 12;
  line('Inventarislijst', bold, 11);
  line('Nr.  Datum        Omschrijving                 Beoordeling      Weigeringsgrond');
  line('1    10-01-2024   E-mail over planning         deels openbaar   5.1.2e; 5.2');
  y -= 12;
  // a clean redaction: the name is not in the text layer, only the box and its label
  const at = line('Van:');
  page.drawRectangle({ x: 60 + font.widthOfTextAtSize('Van: ', 10), y: at - 2, width: 80, height: 12, color: rgb(0, 0, 0) });
  page.drawText('5.1.2e', { x: 60 + font.widthOfTextAtSize('Van: ', 10) + 28, y: at + 1, size: 7, font, color: rgb(1, 1, 1) });
  page.drawText('Aan: team Voorbeeld', { x: 60 + font.widthOfTextAtSize('Van: ', 10) + 86, y: at, size: 10, font });
  // a leaky redaction: the number stays in the text layer under the grey box
  const at2 = line('Telefoon: 06-12345678');
  const x2 = 60 + font.widthOfTextAtSize('Telefoon: ', 10);
  page.drawRectangle({ x: x2 - 1, y: at2 - 2, width: font.widthOfTextAtSize('06-12345678', 10) + 2, height: 12, color: rgb(0.5, 0.5, 0.5) });
  page.drawText('5.1.2e', { x: x2 + 16, y: at2 + 1, size: 7, font, color: rgb(1, 1, 1) });
  return doc.save({ useObjectStreams: false });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'besluit-voorbeeld.pdf');
  writeFileSync(out, await makeExamplePdf());
  console.log(`wrote ${out}`);
}
