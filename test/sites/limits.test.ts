import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { lengthOnSite, limitOnSite } from '../../src/sites/adapter';
import { bluesky } from '../../src/sites/bluesky';
import { BUILT_IN_SITES } from '../../src/sites/index';
import { linkedin } from '../../src/sites/linkedin';
import { mastodon } from '../../src/sites/mastodon';
import { reddit } from '../../src/sites/reddit';
import { x } from '../../src/sites/x';
import { youtube } from '../../src/sites/youtube';

/** A page with one field, as the content script finds it. */
function fieldOn(html: string, selector: string): HTMLElement {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return document.querySelector(selector) as unknown as HTMLElement;
}

const MASTODON_COMPOSER = '<form class="compose-form"><textarea class="autosuggest-textarea__textarea"></textarea></form>';
const initialState = (state: unknown) => `<script id="initial-state" type="application/json">${JSON.stringify(state)}</script>`;

describe('length limits per surface', () => {
  it('every built-in site has its own limit for replies and comments, so a comment is never measured against the post limit by default', () => {
    expect(BUILT_IN_SITES.filter((site) => site.limits?.reply === undefined).map((site) => site.name)).toEqual([]);
  });

  it('each site counts the way it says: Bluesky graphemes, X weighted characters, others code points', () => {
    const family = '👨‍👩‍👧'; // man, ZWJ, woman, ZWJ, girl: five code points, one grapheme
    expect(lengthOnSite(bluesky, `Hi ${family}`)).toBe(4);
    expect(lengthOnSite(x, `Hi ${family}`)).toBe(5);
    expect(lengthOnSite(reddit, `Hi ${family}`)).toBe(8);
    expect(lengthOnSite(x, '中'.repeat(141))).toBe(282); // under 280 code points, over 280 on X
  });

  it('LinkedIn\'s profile fields are both bios, each with its own limit: headline 220, about 2,600', () => {
    const form = '<input id="single-line-text-form-component-profileEditFormElement-TOP-CARD-profile-ACoAAB-headline"><textarea id="multiline-text-form-component-profileEditFormElement-SUMMARY-profile-ACoAAB-summary"></textarea>';
    expect(limitOnSite(linkedin, fieldOn(form, 'input'), 'bio')).toBe(220);
    expect(limitOnSite(linkedin, fieldOn(form, 'textarea'), 'bio')).toBe(2600);
    expect(limitOnSite(linkedin, fieldOn('<div class="ql-editor" contenteditable="true"></div>', 'div'), 'post')).toBe(3000);
  });

  it('YouTube Studio\'s title takes 100 characters, the description beside it 5,000', () => {
    const details = '<ytcp-social-suggestions-textbox id="title-textarea"><div id="textbox" contenteditable="true"></div></ytcp-social-suggestions-textbox><ytcp-social-suggestions-textbox id="description-textarea"><div id="textbox" contenteditable="true"></div></ytcp-social-suggestions-textbox>';
    expect(limitOnSite(youtube, fieldOn(details, '#title-textarea #textbox'), 'post')).toBe(100);
    expect(limitOnSite(youtube, fieldOn(details, '#description-textarea #textbox'), 'post')).toBe(5000);
  });
});

describe('a Mastodon instance\'s own limit, read from the state its page embeds', () => {
  it.each([
    ['glitch-soc and its forks: max_toot_chars', { meta: { domain: 'example.social' }, max_toot_chars: 5000 }, 5000],
    ['a plain max_characters', { max_characters: 1000 }, 1000],
    ['the instance API\'s configuration', { configuration: { statuses: { max_characters: 3000, max_media_attachments: 4 } } }, 3000],
    ['upstream Mastodon 4, which states none: the default', { meta: { domain: 'mastodon.social' }, compose: { text: '' } }, 500],
    ['a limit that is not a positive whole number: the default', { max_toot_chars: '5000' }, 500],
  ])('%s', (_where, state, limit) => {
    const composer = fieldOn(`${initialState(state)}${MASTODON_COMPOSER}`, 'textarea');
    expect(limitOnSite(mastodon, composer, 'post')).toBe(limit);
    expect(limitOnSite(mastodon, composer, 'reply')).toBe(limit);
  });

  it('falls back to 500 without a state or with one that is not JSON', () => {
    expect(limitOnSite(mastodon, fieldOn(MASTODON_COMPOSER, 'textarea'), 'post')).toBe(500);
    const broken = `<script id="initial-state" type="application/json">{"max_toot_chars": </script>${MASTODON_COMPOSER}`;
    expect(limitOnSite(mastodon, fieldOn(broken, 'textarea'), 'post')).toBe(500);
  });

  it('upstream Mastodon 4: the compose form\'s counter says what is left, so the limit is that plus what is written', () => {
    const form = (left: string, warning = '') =>
      `<form class="compose-form"><input class="spoiler-input__input" value="${warning}"><textarea class="autosuggest-textarea__textarea">Hello https://example.com/a/very/long/path @ana@example.social</textarea><span class="character-counter">${left}</span></form>`;
    // 'Hello ' 6 + link 23 + ' ' 1 + '@ana' 4 = 34, as Mastodon counts it.
    expect(limitOnSite(mastodon, fieldOn(form('4966'), 'textarea'), 'post')).toBe(5000);
    expect(limitOnSite(mastodon, fieldOn(form('-12'), 'textarea'), 'reply')).toBe(22);
    expect(limitOnSite(mastodon, fieldOn(form('4956', 'Work stuff'), 'textarea'), 'post')).toBe(5000);
    // A counter Sera cannot read, or none: the default.
    expect(limitOnSite(mastodon, fieldOn(form(''), 'textarea'), 'post')).toBe(500);
  });

  it('keeps the profile note at 500: the instance\'s limit is for posts', () => {
    const note = fieldOn(`${initialState({ max_toot_chars: 5000 })}<form id="edit_profile"><textarea id="account_note"></textarea></form>`, 'textarea');
    expect(limitOnSite(mastodon, note, 'bio')).toBe(500);
  });
});
