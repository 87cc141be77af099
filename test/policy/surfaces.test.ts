import { describe, expect, it } from 'vitest';
import { runExamples } from '../../src/packs/examples';
import { lintPack } from '../../src/packs/lint';
import { formatIssue, parsePack } from '../../src/packs/parse';
import { compile, flagged, makePack, termsRule } from '../helpers/packs';

const NOW = new Date('2026-11-21T12:00:00Z');

describe('rules limited to surfaces (post, reply, bio)', () => {
  const pack = compile({
    rules: [
      termsRule(['Tern']),
      termsRule(['Acme Labs'], { id: 'bio-only', surfaces: ['bio'] }),
      termsRule(['Bluefin'], { id: 'not-in-replies', surfaces: ['post', 'bio'] }),
    ],
  });
  const draft = 'Tern, Acme Labs and Bluefin';

  it('apply everywhere without `surfaces`, and only on their surfaces with it; a draft is a post unless told otherwise', () => {
    const ruleIds = (surface?: 'post' | 'reply' | 'bio') => pack.check(draft, surface ? { surface } : {}).map((finding) => finding.ruleId);
    expect(ruleIds()).toEqual(['terms', 'not-in-replies']);
    expect(ruleIds('post')).toEqual(['terms', 'not-in-replies']);
    expect(ruleIds('reply')).toEqual(['terms']);
    expect(ruleIds('bio')).toEqual(['terms', 'bio-only', 'not-in-replies']);
    expect(flagged(pack, draft, 'bio-only', { surface: 'bio' })).toEqual(['Acme Labs']);
  });

  it('examples may say where their text goes', async () => {
    const withExamples = compile({
      rules: [termsRule(['Acme Labs'], { id: 'bio-only', surfaces: ['bio'] })],
      examples: [
        { text: 'Engineer at Acme Labs', surface: 'bio', expect: ['bio-only'] },
        { text: 'Engineer at Acme Labs', expect: [] },
      ],
    });
    expect((await runExamples(withExamples)).map((result) => result.passed)).toEqual([true, true]);
  });

  it('refuse an unknown surface with the allowed ones', () => {
    const result = parsePack({ schemaVersion: 1, id: 'p', name: 'P', serial: 1, revised: '2026-11-01', organization: { names: ['Acme'] }, rules: [termsRule(['Tern'], { surfaces: ['profile'] })] });
    expect(result.ok ? [] : result.errors.map((error) => `${error.path}: ${error.message}`)).toEqual(['rules[0].surfaces[0]: must be "post", "reply" or "bio"']);
  });

  it('lint warns about an empty list and about surfaces none of the rule’s sites has', () => {
    const lint = (rule: Record<string, unknown>) => lintPack(makePack({ rules: [termsRule(['Project Phoenix'], rule)] }), NOW).map(formatIssue);
    expect(lint({ surfaces: [] })).toEqual(['rules[0].surfaces: the list is empty, so the rule never applies; list "post", "reply" or "bio", or leave the field out to apply everywhere']);
    expect(lint({ surfaces: ['bio'], sites: ['reddit.com', 'youtube.com'] })).toEqual([
      'rules[0].surfaces: Sera checks no bio field on reddit.com, youtube.com, so the rule never applies; add a site that has one or widen the surfaces',
    ]);
    // A site with profile fields, or a host Sera only learns at run time (a Mastodon instance), may have bios.
    expect(lint({ surfaces: ['bio'], sites: ['reddit.com', 'x.com'] })).toEqual([]);
    expect(lint({ surfaces: ['bio'], sites: ['mastodon.social'] })).toEqual([]);
    expect(lint({ surfaces: ['reply'], sites: ['youtube.com'] })).toEqual([]);
  });
});
