// The floor for linting a file: read it and parse its YAML with the options the loader uses
// (src/loader/yaml.ts), nothing else. Run directly, it is the cold-process reference.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseAllDocuments } from 'yaml';

export function parseFile(file) {
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  return parseAllDocuments(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: false, strict: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) parseFile(file);
}
