import { describe, expect, it } from 'vitest';
import { codePointLength, graphemeLength, mastodonLength, xLength } from '../../src/sites/counting';

// Expected values follow docs.x.com/fundamentals/counting-characters (weights, emoji, links, NFC) and
// Mastodon's StatusLengthValidator (links with a scheme as 23, "@user@domain" as "@user", graphemes).
describe('X counts weighted characters', () => {
  it('counts Latin text, punctuation and the weight-1 ranges once per code point', () => {
    expect(xLength('Hello, world!')).toBe(13);
    expect(xLength('Ääkköset ja “lainausmerkit” – ′')).toBe(codePointLength('Ääkköset ja “lainausmerkit” – ′'));
    expect(xLength('a'.repeat(280))).toBe(280);
  });

  it('counts Chinese, Japanese and Korean twice per character, so 140 of them fill a post', () => {
    expect(xLength('今日は')).toBe(6);
    expect(xLength('한국어')).toBe(6);
    expect(xLength('中'.repeat(140))).toBe(280);
    expect(xLength('Acme 新产品')).toBe(5 + 6);
  });

  it('counts an emoji as 2 however many code points it joins (docs: 👾, 🙋🏽, 👨‍🎤, 👨‍👩‍👧‍👦)', () => {
    expect(xLength('Hello, world! 👋')).toBe(16); // the docs' parseTweet example
    for (const emoji of ['👾', '🙋🏽', '👨‍🎤', '👨‍👩‍👧‍👦', '🇫🇮', '1️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿']) expect(xLength(emoji)).toBe(2);
    expect(xLength('👍👍👍')).toBe(6);
    expect(xLength('©')).toBe(1); // a Latin-1 sign, not an emoji unless asked for one
  });

  it('normalises to NFC first, so a decomposed é counts once', () => {
    expect(xLength('cafe\u0301')).toBe(4);
    expect(xLength('café')).toBe(4);
  });

  it('counts a link as 23 whatever its length, with or without its scheme', () => {
    expect(xLength('https://example.com')).toBe(23);
    expect(xLength(`Read https://example.com/${'very/long/'.repeat(20)}path now`)).toBe(5 + 23 + 4);
    expect(xLength('see example.com here')).toBe(4 + 23 + 5);
    expect(xLength('see www.acme.fi here')).toBe(4 + 23 + 5);
    expect(xLength('see acme.fi/jobs here')).toBe(4 + 23 + 5);
    expect(xLength('http://t.co')).toBe(23);
  });

  it('leaves the punctuation after a link and words that only look like hosts', () => {
    expect(xLength('(see https://en.wikipedia.org/wiki/Foo_(bar)).')).toBe(5 + 23 + 2);
    expect(xLength('Go to https://example.com/jobs.')).toBe(6 + 23 + 1);
    expect(xLength('file.txt, Node.js and e.g. this')).toBe(31);
    expect(xLength('mail me@example.com')).toBe(19); // an address is not a link
    expect(xLength('acme.fi')).toBe(7); // a bare two-label host under a country code is not linked
  });

  it('adds it all up in a mixed draft', () => {
    const draft = 'Uusi tuote 🚀 julkaistu! 新产品 https://acme.example.com/launch?ref=x';
    // 'Uusi tuote ' 11 + rocket 2 + ' julkaistu! ' 12 + three CJK 6 + ' ' 1 + link 23
    expect(xLength(draft)).toBe(55);
    expect(codePointLength(draft)).toBeGreaterThan(55);
  });
});

describe('Mastodon counts graphemes, links with a scheme as 23, remote mentions as local ones', () => {
  it('counts a link written with its scheme as 23, a bare host by its length', () => {
    expect(mastodonLength('see https://example.com/a/long/path/to/a/page here')).toBe(4 + 23 + 5);
    expect(mastodonLength('see example.com here')).toBe(20);
  });

  it('counts "@user@domain" as "@user", and a local mention or an address as written', () => {
    expect(mastodonLength('hi @bob@example.social')).toBe('hi @bob'.length);
    expect(mastodonLength('@arnt@grå.org and @bob')).toBe('@arnt and @bob'.length);
    expect(mastodonLength('mail bob@example.social')).toBe(23);
    expect(mastodonLength('hi @bob')).toBe(7);
  });

  it('counts an emoji sequence once', () => {
    expect(mastodonLength('Hi 👨‍👩‍👧')).toBe(4);
  });
});

describe('graphemes and code points', () => {
  it('a grapheme count joins an emoji sequence and a letter with its accents; a code point count does not', () => {
    const family = '👨‍👩‍👧'; // man, ZWJ, woman, ZWJ, girl: five code points, one grapheme
    expect(graphemeLength(`Hi ${family}`)).toBe(4);
    expect(codePointLength(`Hi ${family}`)).toBe(8);
    expect(graphemeLength('e\u0301te\u0301')).toBe(3);
    expect(codePointLength('e\u0301te\u0301')).toBe(5);
  });

  it('counts what a full grapheme segmentation counts, though it segments only the text outside ASCII', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const drafts = ['plain ASCII only', 'line\r\nbreaks\r\n', 'e\u0301a\u0300', 'Ääkköset ja 👨‍👩‍👧 and 🇫🇮🇰🇪!', '1️⃣ #️⃣ a\u20e3', 'हिन्दी भाषा', '한글 각', '\u0600a\u0301b', '🧑🏽‍💻x🏳️‍🌈'];
    for (const draft of drafts) expect(graphemeLength(draft), draft).toBe([...segmenter.segment(draft)].length);
  });
});
