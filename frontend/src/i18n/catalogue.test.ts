import { describe, expect, it } from 'vitest';
import { en } from './en';
import { format } from '.';

// Sources that use the catalogue: everything under src except the catalogue
// files and the tests.
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.svelte', '!./**', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const catalogues = import.meta.glob<Record<string, unknown>>('./*.ts', { eager: true });

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

// Splits an object literal's body at the commas outside brackets.
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of body) {
    if ('([{'.includes(char)) depth += 1;
    if (')]}'.includes(char)) depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  return [...parts, current];
}

const allSource = Object.values(sources).join('\n');

describe('message catalogue', () => {
  it('has sources to check against', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    expect(Object.keys(sources).some((path) => path.includes('/i18n/en.ts'))).toBe(false);
  });

  it.each(Object.entries(en))('message %s is non-empty', (_, text) => {
    expect(text.trim()).not.toBe('');
  });

  it.each(Object.keys(en))('message %s is used', (key) => {
    expect(allSource).toMatch(new RegExp(`\\bm\\.${key}\\b`));
  });

  it.each(Object.entries(en))('message %s has well-formed placeholders', (_, text) => {
    const braces = text.replace(/\{\w+\}/g, '');
    expect(braces).not.toMatch(/[{}]/);
  });

  it('passes every placeholder at each format call', () => {
    const calls = [...allSource.matchAll(/format\(\s*m\.(\w+)\s*,\s*\{([^}]*)\}/g)];
    expect(calls.length).toBeGreaterThan(10);
    for (const [, key, args] of calls) {
      const passed = splitTopLevel(args)
        .map((arg) => arg.split(':')[0].trim())
        .filter((name) => name !== '')
        .sort();
      const text = (en as unknown as Record<string, string>)[key];
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: passed });
    }
  });

  it('gives every translation the same keys and placeholders', () => {
    for (const [path, module] of Object.entries(catalogues)) {
      if (path.endsWith('.test.ts') || path === './index.ts' || path === './en.ts') continue;
      const messages = Object.values(module).find((v) => typeof v === 'object') as Record<string, string>;
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        expect({ path, key, p: placeholders(messages[key]) }).toEqual({ path, key, p: placeholders(text) });
      }
    }
  });
});

describe('format', () => {
  it('replaces each placeholder', () => {
    expect(format(en.stepCounter, { current: 2, total: 9 })).toBe('Step 2 of 9');
  });

  it('leaves an unknown placeholder as written', () => {
    const template = 'Hello {name}' as typeof en.startResume;
    expect(format(template, {} as { name: string })).toBe('Hello {name}');
  });
});
