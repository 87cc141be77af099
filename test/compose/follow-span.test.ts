import { describe, expect, it } from 'vitest';
import { followSpan } from '../../src/compose/session';

describe('a sentence said not to be about work, followed through edits', () => {
  const before = 'Hi all. Our team launched it';
  const sentence = { start: 8, end: before.length };

  it.each([
    ['typing on at its end', `${before} today and I love it.`, 8],
    ['typing inside it', 'Hi all. Our whole team launched it', 8],
    ['typing a new sentence after it', `${before}. Then lunch.`, 8],
    ['typing before it', 'Hi all, friends. Our team launched it', 17],
    ['deleting what comes before it', 'Our team launched it', 0],
  ])('keeps it when %s', (_what, after, start) => {
    expect(followSpan(before, after, sentence)?.start).toBe(start);
  });

  it.each([
    ['deleted', 'Hi all. '],
    ['replaced by another sentence', 'Hi all. My boss promoted me'],
    ['replaced with everything else', 'Quarterly results are out'],
  ])('loses it when it is %s', (_what, after) => {
    expect(followSpan(before, after, sentence)).toBeUndefined();
  });
});
