/**
 * src/ascii.ts folds case the way a regular expression's `i` flag does (without `u`), so that a
 * pattern of ASCII letters can drop the flag and run on folded text with the same answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiLower, asciiUpper } from '../src/ascii.js';

// Letters whose Unicode case mapping crosses into ASCII (long s, dotless i, Kelvin sign, dotted
// capital I) or grows (sharp s): `i` never folds them with an ASCII letter.
const TRICKY = ['\u017f', '\u0131', '\u212a', '\u0130', '\u00df', '\u00e9', '\u00c9', '\u01c5'];
const text = fc.array(fc.oneof(fc.constantFrom(...TRICKY, '_', '-', '.', 'k', 'S', 'host', 'URL', 'Secret'), fc.string({ maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 2 })), { maxLength: 8 }).map((parts) => parts.join(''));

describe('ASCII case folding', () => {
  it('changes ASCII letters only, and keeps the length', () => {
    expect(asciiUpper('dbHost_url-2')).toBe('DBHOST_URL-2');
    expect(asciiLower('Caddyfile.CONF')).toBe('caddyfile.conf');
    expect(asciiUpper('stra\u00dfe \u017fecret \u0131d')).toBe('STRA\u00dfE \u017fECRET \u0131D');
    expect(asciiLower('\u0130STANBUL \u212a')).toBe('\u0130stanbul \u212a');
    fc.assert(fc.property(text, (s) => asciiUpper(s).length === s.length && asciiLower(s).length === s.length));
  });

  it('answers like the i flag for patterns of ASCII letters', () => {
    const patterns = ['(^|[_.-])[A-Z0-9]*(HOSTS?|URLS?|SECRETS?)$', '^K+$', 'S', '^[A-Z]+$', 'SS'];
    fc.assert(
      fc.property(text, (s) => {
        for (const p of patterns) {
          expect(new RegExp(p).test(asciiUpper(s)), `${p} on ${JSON.stringify(s)}`).toBe(new RegExp(p, 'i').test(s));
          expect(new RegExp(p.toLowerCase()).test(asciiLower(s)), `${p} on ${JSON.stringify(s)}`).toBe(new RegExp(p.toLowerCase(), 'i').test(s));
        }
      }),
      { numRuns: 500 },
    );
  });
});
