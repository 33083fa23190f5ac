/**
 * Golden pictures of the guide's examples in every format. After a deliberate
 * change (a renderer, a rule's message), regenerate with:
 *   UPDATE_GOLDEN=1 npx vitest run test/picture-golden.test.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pictureFromText, renderPicture, type PictureFormat } from '../src/picture/index.js';
import { layoutDot } from '../src/picture/svg.js';

const FIXTURES = ['flat', 'three-tier', 'internal-backend'];
const EXTENSIONS: Record<PictureFormat, string> = { mermaid: 'mmd', dot: 'dot', svg: 'svg', html: 'html' };
const GOLDEN = join(import.meta.dirname, 'golden', 'picture');
const update = process.env.UPDATE_GOLDEN === '1';

function load(name: string) {
  const file = `fixtures/picture/${name}.yaml`;
  const loaded = pictureFromText(readFileSync(join(import.meta.dirname, '..', file), 'utf8'), file, { projectDir: 'fixtures/picture' });
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded;
}

describe.each(FIXTURES)('picture of %s', (name) => {
  it.each(Object.keys(EXTENSIONS) as PictureFormat[])('%s matches the golden file', async (format) => {
    const output = await renderPicture(load(name), format);
    const path = join(GOLDEN, `${name}.${EXTENSIONS[format]}`);
    if (update) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(path, output);
    }
    expect(output).toBe(readFileSync(path, 'utf8'));
  });

  it('lays out without Graphviz warnings', async () => {
    const { warnings } = await layoutDot(await renderPicture(load(name), 'dot'));
    expect(warnings).toEqual([]);
  });
});
