import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** Message names as Chrome sees them (nested keys joined by "_"); plural forms are one message. */
function names(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.every(([key]) => /^(\d+|n)$/.test(key))) return [prefix];
  return entries.flatMap(([key, child]) => names(child, prefix ? `${prefix}_${key}` : key));
}

const locale = (lang: string) => names(parse(readFileSync(`locales/${lang}.yml`, 'utf8')));

describe('locales', () => {
  it('every message name is one Chrome accepts (a bad one stops the extension from loading)', () => {
    for (const lang of ['en', 'fi', 'sw']) for (const name of locale(lang)) expect(name).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('translations only use names the English messages have', () => {
    const english = new Set(locale('en'));
    for (const lang of ['fi', 'sw']) expect(locale(lang).filter((name) => !english.has(name))).toEqual([]);
  });
});
