/**
 * The ground catalogue: every exception ground of the Woo (Wet open overheid, BWBR0045754,
 * in force since 2022-05-01) and the Wob (Wet openbaarheid van bestuur, BWBR0005252),
 * article- and lid-level mentions, and the inventory markers. Data in one place: labels,
 * glosses, the short form printed on labels, the key in the national VWS vocabulary
 * (open.minvws.nl), absolute/relative, the Wob→Woo mapping and the anchor phrases used to
 * recognise a ground named only by its words.
 *
 * Sources: ../shared/domain/grounds.md and reference.md §1–2, §3.2b, §7c.2.
 */
import type { GroundCode, Law } from '@lakmoes/schema';

/** What kind of catalogue entry: a ground, an article/lid-level mention, a marker, a special regime. */
export type GroundKind = 'ground' | 'mention' | 'marker' | 'other';

/** One entry of the catalogue. */
export interface GroundEntry {
  code: GroundCode;
  law: Law | 'marker';
  kind: GroundKind;
  /** Article as numbered in the law: `5.1`, `5.2`, `5.4a`, `10`, `11`. */
  article: string;
  lid: number | null;
  /** onderdeel (point) letter */
  point: string | null;
  /** Short form as printed on labels: `5.1.2e`, `10.2e`, `11.1`, `5.2`. */
  short: string | null;
  /** Key in the VWS platform vocabulary, or null when it has none (it files unknown keys under Wob). */
  vwsKey: string | null;
  /** Dutch label (the VWS label where it has one). */
  labelNl: string;
  /** English gloss. */
  glossEn: string;
  /** true: absolute (no weighing); false: relative (weighed against the public interest); null: n/a. */
  absolute: boolean | null;
  /** Deferral only (Woo 5.1.4, 5.4): the information becomes public later. */
  temporary?: boolean;
  /** For Wob grounds: the Woo codes that succeed it. */
  wooSuccessors?: GroundCode[];
  /**
   * Lower-case anchor phrases that name the ground by its words (source `description`).
   * Regular-expression source fragments; whitespace is matched flexibly.
   */
  phrases?: string[];
}

type Row = [
  code: string,
  labelNl: string,
  glossEn: string,
  absolute: boolean | null,
  extra?: Partial<Pick<GroundEntry, 'temporary' | 'wooSuccessors' | 'phrases' | 'vwsKey'>>,
];

/** Parse `woo:5.1.2.e` into article/lid/point. */
function partsOf(code: string): { law: Law; article: string; lid: number | null; point: string | null } {
  const [law, rest = ''] = code.split(':') as [Law, string];
  const m = /^(\d+(?:\.\d+a?)?)(?:\.(\d))?(?:\.([a-i]))?$/.exec(rest);
  if (!m) throw new Error(`bad catalogue code ${code}`);
  // Woo articles are `5.1`, `5.2`, `5.4`, `5.4a`; Wob articles are `10`, `11`.
  let article = m[1] ?? '';
  let lid = m[2] ? Number(m[2]) : null;
  if (law === 'wob' && article.includes('.')) {
    const [a, l] = article.split('.');
    article = a ?? '';
    lid = Number(l);
  }
  return { law, article, lid, point: m[3] ?? null };
}

/** Short form as printed on labels and in the VWS vocabulary: no dot before the letter. */
function shortOf(law: Law, article: string, lid: number | null, point: string | null): string {
  const num = lid === null ? article : `${article}.${lid}`;
  return point ? `${num}${point}` : num;
}

const PRIVACY = ['(?:eerbiediging|bescherming|inbreuk op|schending van) (?:van )?de persoonlijke levenssfeer', 'bescherming persoonlijke levenssfeer', 'persoonlijke levenssfeer'];
const INTERNAL = ['persoonlijke beleidsopvatting(?:en)?'];

const WOO: Row[] = [
  ['woo:5.1.1.a', 'Eenheid van de Kroon', 'unity of the Crown', true, { phrases: ['eenheid van de kroon'] }],
  ['woo:5.1.1.b', 'Veiligheid van de Staat', 'security of the State', true, { phrases: ['veiligheid van de staat'] }],
  ['woo:5.1.1.c', 'Vertrouwelijk verstrekte bedrijfs- of fabricagegegevens', 'company and manufacturing data supplied in confidence', true, {
    phrases: ['vertrouwelijk (?:aan de overheid )?(?:verstrekte|meegedeelde) bedrijfs(?:-| en fabricage)?(?:gegevens|informatie|- (?:en|of) fabricagegegevens)', 'bedrijfs(?:- en fabricage)?(?:gegevens|informatie) die vertrouwelijk', 'vertrouwelijk verstrekte bedrijfsinformatie', 'vertrouwelijk (?:aan de overheid |aan ons |met ons )?(?:mede|mee)gedeeld'],
  }],
  ['woo:5.1.1.d', 'Bijzondere persoonsgegevens', 'special categories of personal data', true, { phrases: ['bijzondere (?:categorieën van )?persoonsgegevens', 'strafrechtelijke persoonsgegevens'] }],
  ['woo:5.1.1.e', 'Nationale identificatienummers', 'national identification numbers', true, { phrases: ['(?:nationale|wettelijke) identificatienummers?', 'burgerservicenummers?'] }],
  ['woo:5.1.2.a', 'Internationale betrekkingen', 'international relations', false, { phrases: ['betrekkingen van nederland met andere (?:landen|staten)', 'internationale (?:en diplomatieke )?betrekkingen', 'diplomatieke betrekkingen', 'betrekkingen met (?:andere )?(?:staten|landen|internationale|europese|[a-z]+land|belgië|duitsland|frankrijk)'] }],
  ['woo:5.1.2.b', 'Economische of financiële belangen van de Staat', 'economic or financial interests of the State', false, { phrases: ['economische (?:of|en) financi[eë]le belangen', '(?:economische|financi[eë]le) belang(?:en)? van (?:de staat|het rijk|de provincie|de gemeente|het waterschap)'] }],
  ['woo:5.1.2.c', 'Opsporing en vervolging van strafbare feiten', 'investigation and prosecution of crimes', false, { phrases: ['opsporing en vervolging van strafbare feiten'] }],
  ['woo:5.1.2.d', 'Inspectie, controle en toezicht door bestuursorganen', 'inspection, control and supervision', false, { phrases: ['inspectie, controle en toezicht'] }],
  ['woo:5.1.2.e', 'Eerbiediging van de persoonlijke levenssfeer', 'privacy', false, { phrases: [...PRIVACY, 'privacy'] }],
  ['woo:5.1.2.f', 'Bescherming van andere dan vertrouwelijk aan de overheid verstrekte concurrentiegevoelige bedrijfs- en fabricagegegevens', 'other competition-sensitive business data', false, { phrases: ['concurrentiegevoelige (?:bedrijfs|informatie|gegevens)'] }],
  ['woo:5.1.2.g', 'De bescherming van het milieu waarop deze informatie betrekking heeft', 'protection of the environment concerned', false, { phrases: ['bescherming van het milieu waarop'] }],
  ['woo:5.1.2.h', 'De beveiliging van personen of bedrijven en het voorkomen van sabotage', 'security of persons and companies, prevention of sabotage', false, { phrases: ['beveiliging van personen (?:of|en) bedrijven', 'voorkomen van sabotage'] }],
  ['woo:5.1.2.i', 'Het goed functioneren van de Staat, andere publiekrechtelijke lichamen of bestuursorganen', 'proper functioning of the State', false, { phrases: ['goed functioneren van de staat', 'goede functioneren van de staat'] }],
  ['woo:5.1.4', 'Belang van de geadresseerde om als eerste kennis te nemen (tijdelijk)', 'addressee first to learn the information (deferral)', false, { temporary: true, vwsKey: null, phrases: ['als eerste kennis (?:te )?(?:kunnen )?(?:te )?nemen'] }],
  ['woo:5.1.5', 'Het voorkomen van onevenredige benadeling', 'disproportionate harm (exceptional cases)', false, { phrases: ['onevenredige benadeling', 'onevenredig(?:e)? (?:benadel(?:en|ing|d)|nadeel)', 'benade(?:el|l)\\w*(?: \\S+){0,4} onevenredig'] }],
  ['woo:5.1.6', 'Bedrijfs- en fabricagegegevens bij milieu-informatie (gewogen)', 'business data in environmental information (weighed)', false, { vwsKey: null }],
  ['woo:5.2', 'Persoonlijke beleidsopvattingen', 'personal policy opinions in documents for internal deliberation', null, { phrases: INTERNAL }],
  ['woo:5.2.1', 'Persoonlijke beleidsopvattingen in documenten voor intern beraad', 'personal policy opinions (no disclosure)', true, { vwsKey: '5.2' }],
  ['woo:5.2.2', 'Persoonlijke beleidsopvattingen in niet tot personen herleidbare vorm', 'personal policy opinions disclosed in non-traceable form', null, { vwsKey: '5.2' }],
  ['woo:5.2.3', 'Persoonlijke beleidsopvattingen bij formele bestuurlijke besluitvorming', 'opinions in documents for formal decision-making', null, { vwsKey: '5.2' }],
  ['woo:5.2.4', 'Persoonlijke beleidsopvattingen bij milieu-informatie', 'personal policy opinions in environmental information', false, { vwsKey: '5.2' }],
  ['woo:5.4', 'Informatie die berust bij de formateur', 'information held by the formateur/informateur (until the cabinet formation ends)', null, { temporary: true, phrases: ['(?:berust bij|verstrekt aan) de (?:in)?formateur'] }],
  ['woo:5.4a.1', 'Ondersteuning van individuele Kamer-, Staten- of raadsleden', 'support of individual members of parliament or councils', null, { vwsKey: null }],
];

const WOB: Row[] = [
  ['wob:10.1.a', 'Eenheid van de Kroon', 'unity of the Crown', true, { wooSuccessors: ['woo:5.1.1.a'] }],
  ['wob:10.1.b', 'Veiligheid van de Staat', 'security of the State', true, { wooSuccessors: ['woo:5.1.1.b'] }],
  ['wob:10.1.c', 'Vertrouwelijk verstrekte bedrijfs- en fabricagegegevens', 'company and manufacturing data supplied in confidence', true, { wooSuccessors: ['woo:5.1.1.c'] }],
  ['wob:10.1.d', 'Bijzondere persoonsgegevens', 'special categories of personal data', true, { wooSuccessors: ['woo:5.1.1.d', 'woo:5.1.1.e'] }],
  ['wob:10.2.a', 'Internationale betrekkingen', 'international relations', false, { wooSuccessors: ['woo:5.1.2.a'] }],
  ['wob:10.2.b', 'Economische of financiële belangen van de Staat', 'economic or financial interests of the State', false, { wooSuccessors: ['woo:5.1.2.b'] }],
  ['wob:10.2.c', 'Opsporing en vervolging van strafbare feiten', 'investigation and prosecution of crimes', false, { wooSuccessors: ['woo:5.1.2.c'] }],
  ['wob:10.2.d', 'Inspectie, controle en toezicht door bestuursorganen', 'inspection, control and supervision', false, { wooSuccessors: ['woo:5.1.2.d'] }],
  ['wob:10.2.e', 'Eerbiediging van de persoonlijke levenssfeer', 'privacy', false, { wooSuccessors: ['woo:5.1.2.e'] }],
  ['wob:10.2.f', 'Belang van de geadresseerde om als eerste kennis te nemen', 'addressee first to learn the information', false, { wooSuccessors: ['woo:5.1.4'], vwsKey: null }],
  ['wob:10.2.g', 'Het voorkomen van onevenredige bevoordeling of benadeling', 'disproportionate advantage or disadvantage', false, {
    wooSuccessors: ['woo:5.1.5'],
    phrases: ['onevenredige bevoordeling (?:of|en) benadeling', 'onevenredige bevoor(?:deling)?-? en benadeling', 'procesbelang', 'beschermen belangen derden'],
  }],
  ['wob:10.7.a', 'Bescherming van het milieu (milieu-informatie)', 'protection of the environment concerned', false, { wooSuccessors: ['woo:5.1.2.g'], vwsKey: null }],
  ['wob:10.7.b', 'Beveiliging van bedrijven en voorkomen van sabotage (milieu-informatie)', 'security of companies, prevention of sabotage', false, { wooSuccessors: ['woo:5.1.2.h'], vwsKey: null }],
  ['wob:11', 'Persoonlijke beleidsopvattingen', 'personal policy opinions in documents for internal deliberation', null, { wooSuccessors: ['woo:5.2'], vwsKey: '11.1' }],
  ['wob:11.1', 'Persoonlijke beleidsopvattingen', 'personal policy opinions (no disclosure)', true, { wooSuccessors: ['woo:5.2.1'] }],
  ['wob:11.2', 'Persoonlijke beleidsopvattingen in niet tot personen herleidbare vorm', 'personal policy opinions in non-traceable form', null, { wooSuccessors: ['woo:5.2.2'], vwsKey: null }],
  ['wob:11.3', 'Persoonlijke beleidsopvattingen in adviezen van adviescommissies', 'opinions in advisory committee advice', null, { vwsKey: null }],
  ['wob:11.4', 'Persoonlijke beleidsopvattingen bij milieu-informatie', 'personal policy opinions in environmental information', false, { wooSuccessors: ['woo:5.2.4'], vwsKey: null }],
];

/** Article- and lid-level mentions: they name where grounds are, not one ground. */
const MENTIONS: Row[] = [
  ['woo:5.1', 'Artikel 5.1 Woo (uitzonderingsgronden)', 'Woo art. 5.1 (exception grounds), no single ground', null, { vwsKey: null }],
  ['woo:5.1.1', 'Artikel 5.1, eerste lid, Woo (absolute gronden)', 'Woo art. 5.1(1) absolute grounds', true, { vwsKey: null }],
  ['woo:5.1.2', 'Artikel 5.1, tweede lid, Woo (relatieve gronden)', 'Woo art. 5.1(2) relative grounds', false, { vwsKey: null }],
  ['wob:10', 'Artikel 10 Wob (uitzonderingsgronden)', 'Wob art. 10 (exception grounds), no single ground', null, { vwsKey: null }],
  ['wob:10.1', 'Artikel 10, eerste lid, Wob (absolute gronden)', 'Wob art. 10(1) absolute grounds', true, { vwsKey: null }],
  ['wob:10.2', 'Artikel 10, tweede lid, Wob (relatieve gronden)', 'Wob art. 10(2) relative grounds', false, { vwsKey: null }],
  ['wob:10.7', 'Artikel 10, zevende lid, Wob (milieu-informatie)', 'Wob art. 10(7) environmental information', false, { vwsKey: null }],
];

/** The VWS vocabulary (reference.md §1.6): only these keys exist there. */
const VWS_KEYS = new Set([
  '5.1.1a', '5.1.1b', '5.1.1c', '5.1.1d', '5.1.1e',
  '5.1.2a', '5.1.2b', '5.1.2c', '5.1.2d', '5.1.2e', '5.1.2f', '5.1.2g', '5.1.2h', '5.1.2i',
  '5.1.5', '5.2', '5.4', '10.1a', '10.1b', '10.1c', '10.1d', '10.2a', '10.2b', '10.2c', '10.2d', '10.2e', '10.2g', '11.1',
]);

function build(rows: Row[], kind: GroundKind): GroundEntry[] {
  return rows.map(([code, labelNl, glossEn, absolute, extra = {}]) => {
    const { law, article, lid, point } = partsOf(code);
    const short = shortOf(law, article, lid, point);
    const vwsKey = extra.vwsKey !== undefined ? extra.vwsKey : VWS_KEYS.has(short) ? short : null;
    const entry: GroundEntry = { code, law, kind, article, lid, point, short, vwsKey, labelNl, glossEn, absolute };
    if (extra.temporary) entry.temporary = true;
    if (extra.wooSuccessors) entry.wooSuccessors = extra.wooSuccessors;
    if (extra.phrases) entry.phrases = extra.phrases;
    return entry;
  });
}

const MARKERS: GroundEntry[] = [
  ['marker:dubbel', 'dubbel', 'Dubbel: inhoud is in een ander document al beoordeeld', 'duplicate, assessed in another document', 'dubbel'],
  ['marker:reeds-openbaar', 'reeds openbaar', 'Reeds openbaar', 'already public', null],
  ['marker:buiten-reikwijdte', 'buiten reikwijdte', 'Buiten reikwijdte van het verzoek', 'outside the scope of the request', null],
].map(([code, article, labelNl, glossEn, vwsKey]) => ({
  code: code as string, law: 'marker' as const, kind: 'marker' as const, article: article as string,
  lid: null, point: null, short: article as string, vwsKey: (vwsKey ?? null) as string | null, labelNl: labelNl as string, glossEn: glossEn as string, absolute: null,
}));

/** Every entry, grounds first. */
export const CATALOGUE: readonly GroundEntry[] = Object.freeze([
  ...build(WOO, 'ground'),
  ...build(WOB, 'ground'),
  ...build(MENTIONS, 'mention'),
  ...MARKERS,
]);

const BY_CODE = new Map(CATALOGUE.map((e) => [e.code, e]));
const BY_VWS_KEY = new Map<string, GroundEntry>();
for (const e of CATALOGUE) if (e.vwsKey && e.kind !== 'mention' && !BY_VWS_KEY.has(e.vwsKey)) BY_VWS_KEY.set(e.vwsKey, e);

/** The catalogue entry of a code, or undefined. */
export function groundEntry(code: string): GroundEntry | undefined {
  return BY_CODE.get(code);
}

/** Whether a code names a ground of the catalogue (not a mention or marker). */
export function isGroundCode(code: string): boolean {
  return BY_CODE.get(code)?.kind === 'ground';
}

/**
 * Canonical code for a key of the VWS vocabulary (`5.1.2e`, `10.2g`, `11.1`, `dubbel`),
 * compared as VWS does: case-insensitive, spaces removed, dotted forms accepted.
 */
export function fromVwsKey(key: string): GroundEntry | undefined {
  const k = key.toLowerCase().replace(/\s+/g, '').replace(/\.([a-i])$/, '$1');
  return BY_VWS_KEY.get(k);
}

/** The VWS vocabulary key for a code, or null when VWS has none. */
export function toVwsKey(code: string): string | null {
  return BY_CODE.get(code)?.vwsKey ?? null;
}

/** Woo successor codes of a Wob code (empty for Woo codes and unknown codes). */
export function wooSuccessors(code: string): GroundCode[] {
  return BY_CODE.get(code)?.wooSuccessors ?? [];
}

/**
 * Special statutory regimes (Woo art. 8.8 and its annex, and other statutes that letters
 * cite as the basis for withholding instead of a Woo/Wob ground). Recorded as
 * `other:<law>:<article>`, and only for the articles listed here, so that ordinary
 * references to these laws (Awb 6:7, BW 7:658) are not taken for refusal grounds.
 */
export interface SpecialRegime {
  /** law key used in the code: `other:<law>:<article>` */
  law: string;
  /** full name */
  name: string;
  /** lower-case regular-expression source fragments that name the law in text */
  names: string[];
  /** the articles that work as a refusal basis */
  articles: string[];
}

export const SPECIAL_REGIMES: readonly SpecialRegime[] = Object.freeze([
  { law: 'awr', name: 'Algemene wet inzake rijksbelastingen', names: ['awr', 'algemene wet inzake rijksbelastingen'], articles: ['67'] },
  { law: 'awb', name: 'Algemene wet bestuursrecht', names: ['awb', 'algemene wet bestuursrecht'], articles: ['8:79', '3:11', '9:36', '9:36a'] },
  { law: 'grondwet', name: 'Grondwet', names: ['grondwet', 'gw'], articles: ['68'] },
  { law: 'wpg', name: 'Wet politiegegevens', names: ['wpg', 'wet politiegegevens'], articles: ['1', '7', '16', '18', '19', '20'] },
  { law: 'wjsg', name: 'Wet justitiële en strafvorderlijke gegevens', names: ['wjsg', 'wet justitiële en strafvorderlijke gegevens'], articles: ['39f', '39n', '52'] },
  { law: 'advocatenwet', name: 'Advocatenwet', names: ['advocatenwet'], articles: ['8', '8a', '8b', '45a'] },
  { law: 'archiefwet', name: 'Archiefwet 1995', names: ['archiefwet(?: 1995)?'], articles: ['14', '15', '16', '17'] },
  { law: 'bankwet', name: 'Bankwet 1998', names: ['bankwet(?: 1998)?'], articles: ['20'] },
  { law: 'invorderingswet', name: 'Invorderingswet 1990', names: ['invorderingswet(?: 1990)?'], articles: ['67'] },
]);

/** The special regime named by a law string (lower-case match), or undefined. */
export function specialRegime(lawText: string): SpecialRegime | undefined {
  const t = lawText.toLowerCase().replace(/\s+/g, ' ').trim();
  return SPECIAL_REGIMES.find((r) => r.names.some((n) => new RegExp(`^(?:${n})$`).test(t)));
}
