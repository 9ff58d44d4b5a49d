/**
 * The block structure of a decision letter (reference.md §4.1): the stand-alone heading
 * lines ("Besluit", "Overwegingen", "Zienswijzen", …) and the sections they open. The
 * operative decision is read from the `besluit` section, the motivation passages from
 * the `motivering` sections.
 */

/** What a section of a decision letter is about. */
export type SectionKind =
  | 'verzoek'
  | 'procedure'
  | 'wettelijk-kader'
  | 'inventarisatie'
  | 'zienswijzen'
  | 'besluit'
  | 'motivering'
  | 'openbaarmaking'
  | 'bezwaar'
  | 'slot'
  | 'bijlage';

/** A heading line and the section it opens (up to the next heading). */
export interface LetterSection {
  kind: SectionKind;
  heading: string;
  /** Offset of the heading line. */
  start: number;
  /** Offset of the section text after the heading line. */
  bodyStart: number;
  /** End of the section (start of the next heading, or of the letter body). */
  end: number;
}

/** Heading vocabulary, first match wins: data in one place (counts in reference.md §4.1). */
const HEADINGS: ReadonlyArray<[SectionKind, RegExp]> = [
  ['besluit', /^(?:(?:mijn|ons|het)\s+)?(?:besluit|beslissing|deelbesluit)(?:\s+op\s+(?:uw|het)\s+(?:wob-|woo-)?verzoek)?$|^conclusie$|^beslissing\s+op\s+bezwaar$/],
  ['motivering', /^(?:overwegingen|overweging|motivering|toelichting(?:\s+op\s+(?:het\s+|mijn\s+|ons\s+)?besluit)?|algemene\s+overweging(?:en)?|beoordeling|afweging|weigeringsgrond(?:en)?|uitzonderingsgrond(?:en)?|belangenafweging|namen\s+van\s+ambtenaren|persoonsgegevens|(?:de\s+)?eerbiediging\s+van\s+de\s+persoonlijke\s+levenssfeer|persoonlijke\s+levenssfeer|persoonlijke\s+beleidsopvattingen|intern\s+beraad|bedrijfs-\s+en\s+fabricagegegevens|(?:het\s+)?(?:goed\s+functioneren|onevenredige\s+(?:bevoordeling\s+of\s+)?benadeling).*|(?:de\s+)?veiligheid\s+van\s+de\s+staat|(?:de\s+)?betrekkingen\s+van\s+nederland.*|economische\s+of\s+financi[eë]le\s+belangen.*|inspectie,\s+controle\s+en\s+toezicht|opsporing\s+en\s+vervolging.*|reeds\s+openbare\s+(?:documenten|informatie)|openbare\s+documenten|niet\s+openbaar\s+te\s+maken\s+(?:documenten|informatie)|buiten\s+(?:de\s+)?reikwijdte|dubbele\s+documenten)$/],
  ['verzoek', /^(?:uw\s+(?:wob-|woo-)?verzoek|het\s+verzoek|omvang\s+(?:van\s+)?uw\s+(?:wob-|woo-)?verzoek(?:en)?|reikwijdte\s+(?:van\s+)?(?:uw\s+)?verzoek)$/],
  ['procedure', /^(?:procedure|procedureverloop|verloop\s+(?:van\s+)?(?:de\s+)?procedure(?:\s*\(voor\s+zover\s+relevant\))?|verloop|contact\s+met\s+u|ontvangst\s+en\s+verdaging)$/],
  ['wettelijk-kader', /^(?:wettelijk\s+kader|welke\s+wetten\s+en\s+regels\s+zijn\s+van\s+toepassing\??|toepasselijk\s+recht)$/],
  ['inventarisatie', /^(?:inventarisatie(?:\s+(?:van\s+(?:de\s+)?)?documenten)?|inventaris|aangetroffen\s+documenten|zoekslag|documenten)$/],
  ['zienswijzen', /^(?:zienswijze(?:n)?(?:\s+(?:van\s+)?derde(?:n|-belanghebbenden)?)?|derde-?belanghebbenden)$/],
  ['openbaarmaking', /^(?:wijze\s+van\s+openbaarmaking(?:\s+en\s+plaatsing\s+op\s+internet)?|plaatsing\s+op\s+internet|openbaarmaking|publicatie)$/],
  ['bezwaar', /^(?:bezwaar(?:clausule|mogelijkheid)?|rechtsmiddel(?:en|verwijzing)?|bezwaar\s+maken|heeft\s+u\s+bezwaar\??|niet\s+eens\s+met\s+dit\s+besluit\??)$/],
  ['slot', /^(?:meer\s+informatie|slotopmerking(?:en)?|tot\s+slot|vragen\??|contact)$/],
  ['bijlage', /^bijlage(?:n)?\b/],
];

/** Longest heading line taken: longer lines are prose. */
const MAX_HEADING = 90;

/** The kind of a heading line, or null when the line is no heading. */
export function headingKind(line: string): SectionKind | null {
  let t = line.trim();
  if (t.length < 4 || t.length > MAX_HEADING) return null;
  if (/[,;]$/.test(t)) return null;
  // Numbered headings: "1. Wettelijk kader", "3 Zienswijze", "A. Besluit"
  t = t.replace(/^(?:\d{1,2}|[A-H]|[IVX]{1,4})[.)]?\s+/, '').replace(/[:.]$/, '').trim().toLowerCase();
  for (const [kind, re] of HEADINGS) if (re.test(t)) return kind;
  return null;
}

/** The sections of a letter body `[0, end)`, in order. */
export function letterSections(text: string, end: number = text.length): LetterSection[] {
  const heads: Array<{ kind: SectionKind; heading: string; start: number; bodyStart: number }> = [];
  let pos = 0;
  while (pos < end) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl > end) nl = end;
    const line = text.slice(pos, nl);
    const kind = headingKind(line);
    if (kind !== null) heads.push({ kind, heading: line.trim(), start: pos, bodyStart: Math.min(nl + 1, end) });
    pos = nl + 1;
  }
  return heads.map((h, i) => ({ ...h, end: heads[i + 1]?.start ?? end }));
}
