// Regenerates the metadata header of every docs/rules/<id>.md and docs/rules.md from the built rule registry.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { allRules } from '../dist/rules/index.js';
import { rulesIndex, withMetaHeader, withReadmeRules } from '../dist/src/docs/generate.js';

let missing = 0;
for (const { meta } of allRules) {
  const path = `docs/rules/${meta.id}.md`;
  if (!existsSync(path)) {
    console.error(`missing ${path}`);
    missing++;
    continue;
  }
  const page = readFileSync(path, 'utf8');
  const updated = withMetaHeader(page, meta);
  if (updated !== page) writeFileSync(path, updated);
}
writeFileSync('docs/rules.md', rulesIndex(allRules.map((r) => r.meta)));
writeFileSync('README.md', withReadmeRules(readFileSync('README.md', 'utf8'), allRules.map((r) => r.meta)));
process.exitCode = missing ? 1 : 0;
