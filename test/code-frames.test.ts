/** Friendly's code frames stay linear in the file size, with and without colour (src/reporters/code-frames.ts). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitOnce } from '../src/reporters/code-frames.js';
import { cliEnv, REPO } from './bin.js';

const TEXT = ['services:', ...Array.from({ length: 30 }, (_, i) => `  s${i}: { image: "nginx:1.27", network_mode: host } # ${i}`)].join('\n');

describe('code frames', () => {
  it('split a source once, and pass a split with a limit through', () => {
    const source = splitOnce('a\nb\nc');
    expect(source.split('\n')).toBe(source.split('\n'));
    expect(source.split('\n')).toEqual(['a', 'b', 'c']);
    expect(source.split('\n', 2)).toEqual(['a', 'b']);
    expect(String(source)).toBe('a\nb\nc');
  });

  it('highlight each source once however many frames show it, and frame it as before', () => {
    // Its own process: colour support is read once per process, when the colour modules load.
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(${JSON.stringify(join(REPO, 'package.json'))});
      const babelHighlight = require('@babel/highlight');
      const { codeFrameColumns } = require('@babel/code-frame');
      const { highlightEachSourceOnce, splitOnce } = await import(${JSON.stringify(join(REPO, 'dist/src/reporters/code-frames.js'))});
      const original = babelHighlight.default;
      let highlighted = 0;
      babelHighlight.default = (code, options) => (highlighted++, original(code, options));
      const text = ${JSON.stringify(TEXT)};
      const frames = (source) => [2, 15, 31].map((line) => codeFrameColumns(source, { start: { line, column: 3 } }, { highlightCode: true }));
      // Plain strings (what code-frame gets without us) go straight through: the expected frames.
      const expected = frames(text);
      const plain = highlighted;
      highlightEachSourceOnce();
      highlightEachSourceOnce();
      highlighted = 0;
      const actual = frames(splitOnce(text));
      console.log(JSON.stringify({ plain, once: highlighted, same: JSON.stringify(actual) === JSON.stringify(expected), coloured: expected[0].includes('\\x1b[') }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: cliEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' }) });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ plain: 3, once: 1, same: true, coloured: true });
  });
});
