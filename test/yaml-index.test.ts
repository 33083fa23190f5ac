/** firstAliasOverBudget: the alias-bomb check made on the written document, before any expansion. */
import { parseDocument, type Alias } from 'yaml';
import { describe, expect, it } from 'vitest';
import { firstAliasOverBudget, indexDocument } from '../src/loader/yaml-index.js';

function check(text: string, budget: number, maxDepth = 256): string | undefined {
  const doc = parseDocument(text, { merge: true, uniqueKeys: false });
  const found: Alias | undefined = firstAliasOverBudget(doc, indexDocument(doc).targets, budget, maxDepth);
  return found ? `${found.source}@${found.range![0]}` : undefined;
}

describe('firstAliasOverBudget', () => {
  it('counts what each alias expands to, nested aliases included, and names the alias that goes over', () => {
    // *a is 3 nodes (the list and its items); *b is 1 + 2 x (1 + 3) = 9 nodes.
    const text = 'x-a: &a [1, 2]\nx-b: &b [*a, *a]\nx-c: [*b, *a]\n';
    expect(check(text, 2 * 3 + 9 + 3)).toBeUndefined();
    expect(check(text, 2 * 3 + 9 + 2)).toBe(`a@${text.lastIndexOf('*a')}`);
    expect(check(text, 2 * 3 + 8)).toBe(`b@${text.indexOf('*b')}`);
  });

  it('counts merged mappings, not the list around them', () => {
    const text = 'x-a: &a {k: 1, l: 2}\nx-b: {<<: [*a, *a]}\n';
    // Each merged *a is the mapping and its two values: 3 nodes.
    expect(check(text, 6)).toBeUndefined();
    expect(check(text, 5)).toBe(`a@${text.lastIndexOf('*a')}`);
  });

  it('leaves to the converter what only expanding can tell', () => {
    // An alias inside its own anchor: what it expands to depends on the path to it.
    expect(check('x-a: &a [1, *a]\nx-b: [*a, *a, *a]\n', 1)).toBeUndefined();
    // An anchor written in a key is never converted: its expansion is not counted here.
    expect(check('? &k [1, 2]\n: v\nx-b: [*k, *k]\n', 1)).toBeUndefined();
    // Expansion deeper than the converter allows: it reports the depth. Each *a sits at depth 2 and
    // nests 3 levels below itself, so its scalar lands at depth 5.
    expect(check('x-a: &a [[[1]]]\nx-b: [*a, *a]\n', 1, 4)).toBeUndefined();
    expect(check('x-a: &a [[[1]]]\nx-b: [*a, *a]\n', 1, 5)).toBe(`a@${'x-a: &a [[[1]]]\nx-b: ['.length}`);
  });
});
