/** fixText lints no text twice: the caller's lint of the original is reused, and the lint of the result is handed back. */
import { describe, expect, it } from 'vitest';
import { fixText, type LintedText } from '../src/fix/index.js';
import { lintText } from '../src/lint.js';

const TEXT = 'services:\n  web:\n    image: webui:1.27\n    ports: ["90:90"]\n    privileged: true\n';

/** lintText as the CLI's callback returns it (an object), recording every text linted. */
function recording() {
  const linted: { text: string; result: LintedText }[] = [];
  const lint = (text: string): LintedText => {
    const result = { findings: lintText(text, 'c.yaml').findings };
    linted.push({ text, result });
    return result;
  };
  return { lint, linted };
}

describe('fixText given the lint of the original text', () => {
  it('does not lint that text again, and fixes it as it would have', () => {
    const without = recording();
    const plain = fixText(TEXT, 'c.yaml', without.lint);
    expect(without.linted[0]!.text).toBe(TEXT);

    const given = recording();
    const outcome = fixText(TEXT, 'c.yaml', given.lint, { findings: lintText(TEXT, 'c.yaml').findings });
    expect(given.linted.map((l) => l.text)).not.toContain(TEXT);
    expect(given.linted).toHaveLength(without.linted.length - 1);
    expect(outcome.text).toBe(plain.text);
    expect(outcome.applied.map((a) => a.fix.description)).toEqual(plain.applied.map((a) => a.fix.description));
    expect(outcome.applied.map((a) => a.finding.ruleId)).toEqual(['require-no-new-privileges', 'no-unbound-port', 'no-privileged']);
  });

  it('hands back the lint it made of the fixed text, or the one it was given when nothing changed', () => {
    const { lint, linted } = recording();
    const outcome = fixText(TEXT, 'c.yaml', lint);
    expect(outcome.changed).toBe(true);
    expect(outcome.linted).toBe(linted.find((l) => l.text === outcome.text)!.result);

    const first = { findings: lintText(outcome.text, 'c.yaml').findings };
    const again = fixText(outcome.text, 'c.yaml', recording().lint, first);
    expect(again.changed).toBe(false);
    expect(again.linted).toBe(first);
  });
});
