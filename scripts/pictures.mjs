// Regenerates the README pictures from the tool's own output (run `npm run build` first):
//   node scripts/pictures.mjs            -> docs/images/three-tier.svg, docs/images/flat.svg
//   node scripts/pictures.mjs --all DIR  -> DOT, SVG, HTML and Mermaid of every fixtures/picture file, for scripts/picture-check.sh
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadPicture, renderPicture } from '../dist/src/picture/index.js';

const root = join(import.meta.dirname, '..');
process.chdir(root);

async function render(file, format) {
  const loaded = loadPicture([file]);
  if (!loaded.ok) throw new Error(`${file}: ${loaded.message}`);
  return renderPicture(loaded, format);
}

const [flag, dir] = process.argv.slice(2);
if (flag === '--all') {
  if (!dir) throw new Error('usage: node scripts/pictures.mjs --all DIR');
  mkdirSync(dir, { recursive: true });
  const files = readdirSync('fixtures/picture').filter((f) => f.endsWith('.yaml')).sort();
  for (const file of files) {
    for (const [format, ext] of [['dot', 'dot'], ['svg', 'svg'], ['html', 'html'], ['mermaid', 'mmd']]) {
      writeFileSync(join(dir, `${basename(file, '.yaml')}.${ext}`), await render(join('fixtures/picture', file), format));
    }
  }
  console.log(`wrote ${files.length * 4} pictures to ${dir}`);
} else {
  mkdirSync('docs/images', { recursive: true });
  for (const name of ['three-tier', 'flat']) {
    const out = `docs/images/${name}.svg`;
    writeFileSync(out, await render(`fixtures/picture/${name}.yaml`, 'svg'));
    console.log(`wrote ${out}`);
  }
}
