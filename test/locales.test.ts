import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const TRANSLATIONS = ['fi', 'sw'];

/**
 * Every text of a locale by its message name as Chrome sees it (nested keys joined by "_"); the
 * forms of a plural message (keys 0, 1, n) are one message, listed here as "name[form]".
 */
function texts(value: unknown, prefix = ''): [string, string][] {
  if (typeof value !== 'object' || value === null) return [[prefix, String(value)]];
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.every(([key]) => /^(\d+|n)$/.test(key))) return entries.map(([form, text]) => [`${prefix}[${form}]`, String(text)]);
  return entries.flatMap(([key, child]) => texts(child, prefix ? `${prefix}_${key}` : key));
}

const locale = (lang: string) => new Map(texts(parse(readFileSync(`locales/${lang}.yml`, 'utf8'))));
const messageName = (text: string) => text.replace(/\[\w+\]$/, '');
const placeholders = (text: string) => [...new Set(text.match(/\$\d+/g))].sort();

describe('locales', () => {
  const english = locale('en');

  it('every message name is one Chrome accepts (a bad one stops the extension from loading)', () => {
    for (const lang of ['en', ...TRANSLATIONS]) for (const name of locale(lang).keys()) expect(messageName(name)).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it.each(TRANSLATIONS)('%s has every English message, and no other', (lang) => {
    const translated = locale(lang);
    expect([...english.keys()].filter((name) => !translated.has(name))).toEqual([]);
    expect([...translated.keys()].filter((name) => !english.has(name))).toEqual([]);
  });

  it.each(TRANSLATIONS)('%s uses the same numbered placeholders as English in every message', (lang) => {
    const differing = [...locale(lang)]
      .filter(([name, text]) => english.has(name) && placeholders(text).join() !== placeholders(english.get(name)!).join())
      .map(([name, text]) => `${name}: "${text}" (English: "${english.get(name)}")`);
    expect(differing).toEqual([]);
  });
});
