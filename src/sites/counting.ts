/**
 * How sites count a draft against their length limits. Pure text work (no DOM), so Node runs it
 * as the browser does.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Unicode code points, as most sites count (a string's `length` would count an emoji's two UTF-16 halves). */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/**
 * Grapheme clusters: what a person sees as one character (an emoji sequence, a letter with its
 * accents). Segmenting is slow (about 4 ms for 5,000 characters), and an ASCII character other than
 * CR is a cluster of its own unless a character after it joins it, so only the other runs are
 * segmented, each with its neighbours.
 */
export function graphemeLength(text: string): number {
  let length = text.length;
  for (const { 0: run, index } of text.matchAll(MAY_JOIN)) {
    const from = Math.max(0, index - 1);
    const to = Math.min(text.length, index + run.length + 1);
    let clusters = 0;
    for (const _ of graphemes.segment(text.slice(from, to))) clusters++;
    length += clusters - (to - from);
  }
  return length;
}

const MAY_JOIN = /[^\x00-\x0c\x0e-\x7f]+/g;

/** X and Mastodon count each link as the 23 characters of a shortened link, whatever its own length. */
const LINK_LENGTH = 23;

/**
 * X's weighted length (docs.x.com/fundamentals/counting-characters; the ranges are twitter-text's v3
 * configuration): the text NFC-normalised; code points in LIGHT_RANGES weigh 1, every other 2; an
 * emoji weighs 2 however many code points it joins; a link weighs 23.
 */
export function xLength(text: string): number {
  const normalised = text.normalize('NFC');
  let length = 0;
  let from = 0;
  for (const link of links(normalised, X_LINK)) {
    length += weightedLength(normalised.slice(from, link.start)) + LINK_LENGTH;
    from = link.end;
  }
  return length + weightedLength(normalised.slice(from));
}

/** Latin, Latin-1 and the scripts up to U+10FF; spaces and joiners U+2000–200D; dashes and quotes U+2010–201F; primes U+2032–2037. */
const LIGHT_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];

/**
 * An emoji as drawn: a flag, a keycap, or a pictograph with its variation selector, skin tone or tag
 * characters, and the pictographs it joins with ZWJ. © and ® are pictographs in the weight-1 range
 * that X counts as letters unless asked for their emoji form (U+FE0F).
 */
const EMOJI_PART = String.raw`\p{Extended_Pictographic}[\ufe0f\p{Emoji_Modifier}\u{e0020}-\u{e007f}]*`;
const EMOJI = new RegExp(
  String.raw`\p{Regional_Indicator}{2}|[#*0-9]\ufe0f?\u20e3|(?:[\u00a9\u00ae]\ufe0f|(?![\u00a9\u00ae])${EMOJI_PART})(?:\u200d${EMOJI_PART})*`,
  'gu',
);

function weightedLength(text: string): number {
  let length = 0;
  let from = 0;
  for (const { 0: emoji, index } of text.matchAll(EMOJI)) {
    length += codePointWeights(text.slice(from, index)) + 2;
    from = index + emoji.length;
  }
  return length + codePointWeights(text.slice(from));
}

function codePointWeights(text: string): number {
  let length = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    length += LIGHT_RANGES.some(([low, high]) => code >= low && code <= high) ? 1 : 2;
  }
  return length;
}

/**
 * Mastodon's length (app/validators/status_length_validator.rb): grapheme clusters, after each
 * http(s) link becomes 23 characters and each remote mention "@user@domain" counts as "@user".
 * The server, which accepts or refuses the post, counts only links written with their scheme.
 */
export function mastodonLength(text: string): number {
  let countable = '';
  let from = 0;
  for (const link of links(text, SCHEME_LINK)) {
    countable += text.slice(from, link.start) + 'x'.repeat(LINK_LENGTH);
    from = link.end;
  }
  countable += text.slice(from);
  return graphemeLength(countable.replace(REMOTE_MENTION, '$1'));
}

/** "@user@example.social", not inside a word or a link's path; the domain needs a dot. */
const REMOTE_MENTION = /(?<![/\w])(@[a-z0-9_]+(?:[a-z0-9_.-]*[a-z0-9_])?)@(?:[\p{L}\p{M}\p{N}-]+\.)+[\p{L}\p{M}\p{N}]{2,}/giu;

/*
 * Links, recognised the way twitter-text's extractor does it, simplified. With a scheme (http or
 * https) any host whose last label is two or more letters (or punycode) is a link. Without one,
 * only an ASCII host ending in a known top-level domain is: every country code (IANA's root zone,
 * 2026), and of the 1,200 generic domains the original ones and the new ones seen most in posts.
 * Words like "file.txt" or "Node.js" stay words; a link without a scheme under a rarer generic
 * domain is counted by its length. As in twitter-text, a bare two-label host under a country code
 * ("acme.fi", unlike "acme.co" or "www.acme.fi") is not a link unless a path follows. A link's
 * path runs over Latin and Cyrillic letters, digits and URL punctuation, and gives back trailing
 * punctuation (the full stop after a link) and a closing parenthesis it did not open.
 */
const COUNTRY_CODES = new Set(
  'ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw'.split(' '),
);
const GENERIC_DOMAINS =
  'com net org edu gov mil int info biz name pro aero asia cat coop jobs mobi museum post tel travel app art blog cloud club design dev email fun link live news online page shop site social space store tech today top website wiki world xyz';
/** twitter-text links these bare two-label hosts too ("t.co", "amzn.tv"). */
const SHORT_LINK_COUNTRY_CODES = new Set(['co', 'tv']);

const PATH_CHAR = String.raw`[\p{Script=Latin}\p{Script=Cyrillic}\p{M}\p{Nd}!*';:=+,.$/%#\[\]\-\u2013_~&|@()?]`;
const PATH = String.raw`(?:[/?]${PATH_CHAR}*)?`;
const SCHEME_LINK_SOURCE = String.raw`(?<![A-Za-z0-9@＠$#＃])https?://(?:[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}_-]*[\p{L}\p{M}\p{N}])?\.)+(?:xn--[a-z0-9-]+|\p{L}{2,})(?::\d{1,5})?${PATH}`;
const BARE_LINK_SOURCE = String.raw`(?<![A-Za-z0-9@＠$#＃\-_./])((?:[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?\.)+(${[GENERIC_DOMAINS.replaceAll(' ', '|'), ...COUNTRY_CODES].join('|')}))(?![a-z0-9@+-])(?::\d{1,5})?(${PATH})`;

const SCHEME_LINK = new RegExp(SCHEME_LINK_SOURCE, 'giu');
const X_LINK = new RegExp(`${SCHEME_LINK_SOURCE}|${BARE_LINK_SOURCE}`, 'giu');

interface Range {
  readonly start: number;
  readonly end: number;
}

function* links(text: string, pattern: RegExp): Generator<Range> {
  for (const match of text.matchAll(pattern)) {
    const [whole, host, domain, path] = match;
    if (host !== undefined && !path && isShortCountryHost(host, domain!)) continue;
    yield { start: match.index, end: match.index + withoutTrailingPunctuation(whole).length };
  }
}

/** A bare "name.cc" under a country code other than co and tv, which twitter-text leaves unlinked without a path. */
function isShortCountryHost(host: string, domain: string): boolean {
  const code = domain.toLowerCase();
  return host.split('.').length === 2 && COUNTRY_CODES.has(code) && !SHORT_LINK_COUNTRY_CODES.has(code);
}

function withoutTrailingPunctuation(link: string): string {
  const trimmed = link.replace(/[^\p{L}\p{M}\p{N}+\-=_#/&)]+$/u, '');
  const unopened = trimmed.endsWith(')') && trimmed.split(')').length > trimmed.split('(').length;
  return unopened ? withoutTrailingPunctuation(trimmed.slice(0, -1)) : trimmed;
}
