import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { explain, renderMarkdown } from '../src/docs/explain.js';

describe('explain', () => {
  it('renders the page of every rule, without HTML comments or Markdown syntax', () => {
    for (const { meta } of allRules) {
      const text = explain(meta.id);
      expect(text, meta.id).toBeDefined();
      expect(text).toContain(meta.title);
      expect(text).not.toContain('<!--');
      expect(text).not.toContain('```');
      expect(text).not.toContain('**');
    }
  });

  it('returns undefined for unknown ids and anything that looks like a path', () => {
    expect(explain('no-such-rule')).toBeUndefined();
    expect(explain('../README')).toBeUndefined();
    expect(explain('')).toBeUndefined();
  });

  it('reads from the given package root', () => {
    const root = mkdtempSync(join(tmpdir(), 'compose-lint-explain-'));
    mkdirSync(join(root, 'docs', 'rules'), { recursive: true });
    writeFileSync(join(root, 'docs', 'rules', 'x-rule.md'), '# x-rule\n\nHello\n');
    expect(explain('x-rule', root)).toBe('x-rule\n======\n\nHello\n');
  });
});

describe('renderMarkdown', () => {
  it('turns headings, tables, code blocks and links into plain text', () => {
    const page = [
      '# my-rule',
      '',
      '<!-- generated:meta:start (npm run docs) -->',
      '**Title here**',
      '',
      '| | |',
      '|---|---|',
      '| Rule id | `my-rule` |',
      '<!-- generated:meta:end -->',
      '',
      '## Bad',
      '',
      '```yaml bad',
      'services: {}',
      '```',
      '',
      'See [the guide](../guide.md) and [Docker](https://docs.docker.com/).',
    ].join('\n');
    expect(renderMarkdown(page)).toBe([
      'my-rule',
      '=======',
      '',
      'Title here',
      '',
      '  Rule id: `my-rule`',
      '',
      'Bad',
      '---',
      '',
      '  (bad)',
      '    services: {}',
      '',
      'See the guide and Docker (https://docs.docker.com/).',
      '',
    ].join('\n'));
  });
});
