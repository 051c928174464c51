import { describe, expect, it } from 'vitest';
import { en, type Messages } from './en';
import { es } from './es';
import { pickLanguage } from './language';

type Entry = [path: string, value: unknown];

function entries(value: object, prefix = ''): Entry[] {
  return Object.entries(value).flatMap(([key, inner]): Entry[] =>
    typeof inner === 'object' && inner !== null ? entries(inner, `${prefix}${key}.`) : [[`${prefix}${key}`, inner]],
  );
}

describe('dictionaries', () => {
  it('have the same keys in Spanish and English', () => {
    expect(
      entries(es)
        .map(([path]) => path)
        .sort(),
    ).toEqual(
      entries(en)
        .map(([path]) => path)
        .sort(),
    );
  });

  it('have no empty text, and messages with values take the same number of them', () => {
    const spanish = new Map(entries(es));
    for (const [path, english] of entries(en)) {
      const other = spanish.get(path);
      if (typeof english === 'function') {
        expect(typeof other, path).toBe('function');
        expect((other as (...args: unknown[]) => string).length, path).toBe(english.length);
      } else {
        expect(typeof english, path).toBe('string');
        expect(english, path).not.toBe('');
        expect(other, path).not.toBe('');
      }
    }
  });

  it('are really translated (not copied) where a person reads a sentence', () => {
    expect(es.loginTitle).not.toBe(en.loginTitle);
    expect(es.errNetwork).not.toBe(en.errNetwork);
    expect(es.pageOf(2, 5)).toBe('Página 2 de 5');
  });

  it('refuse, at compile time, a dictionary with a key missing', () => {
    // @ts-expect-error -- `logout` is missing: svelte-check fails if this ever type-checks
    const partial: Messages = { ...en, logout: undefined };
    expect(partial.logout).toBeUndefined();
  });
});

describe('pickLanguage', () => {
  it('prefers the remembered choice', () => {
    expect(pickLanguage('en', ['es-CO'])).toBe('en');
    expect(pickLanguage('es-CO', ['en-US'])).toBe('es-CO');
  });

  it('uses Spanish (Colombia) for any Spanish browser', () => {
    expect(pickLanguage(null, ['es-CO', 'en'])).toBe('es-CO');
    expect(pickLanguage(null, ['es-MX'])).toBe('es-CO');
    expect(pickLanguage(null, ['es'])).toBe('es-CO');
  });

  it('follows the first of Spanish or English in the preference order', () => {
    expect(pickLanguage(null, ['en-US', 'es-CO'])).toBe('en');
    expect(pickLanguage(null, ['fr-FR', 'es-ES', 'en'])).toBe('es-CO');
  });

  it('falls back to English, and ignores a garbage remembered value', () => {
    expect(pickLanguage(null, [])).toBe('en');
    expect(pickLanguage('klingon', ['pt-BR'])).toBe('en');
  });
});

describe('numbers inside sentences', () => {
  it('group thousands and agree in number, in each language', () => {
    expect(es.importDoneCounts(39000, 0, 1, 2)).toBe(
      '39.000 personas creadas, 0 actualizadas, 1 sin cambios, 2 filas omitidas.',
    );
    expect(en.importApply(39000, 1500)).toBe('Import: 39,000 new, 1,500 to update');
    expect(es.policyReplacement(1)).toBe('Una vez al mes');
    expect(es.policyReplacement(36)).toBe('Una vez cada 36 meses');
    expect(en.policyWindow(1)).toBe('Claim within 1 day');
    expect(es.lineCount(1)).toBe('1 línea');
    expect(es.peopleCount(39000)).toBe('39.000 personas');
  });
});
