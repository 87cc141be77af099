import { describe, expect, it } from 'vitest';
import { lengthOnSite } from '../../src/sites/adapter';
import { bluesky } from '../../src/sites/bluesky';
import { BUILT_IN_SITES } from '../../src/sites/index';
import { x } from '../../src/sites/x';

describe('length limits per surface', () => {
  it('every built-in site has its own limit for replies and comments, so a comment is never measured against the post limit by default', () => {
    expect(BUILT_IN_SITES.filter((site) => site.limits?.reply === undefined).map((site) => site.name)).toEqual([]);
  });

  it('a site that counts graphemes counts an emoji sequence once; one that counts code points, each part', () => {
    const family = '👨‍👩‍👧'; // man, ZWJ, woman, ZWJ, girl: five code points, one grapheme
    expect(lengthOnSite(bluesky, `Hi ${family}`)).toBe(4);
    expect(lengthOnSite(x, `Hi ${family}`)).toBe(8);
    expect(lengthOnSite(bluesky, 'e\u0301te\u0301')).toBe(3); // combining accents join their letters
  });
});
