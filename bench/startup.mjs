// Cold start (one small file) and the corpus run (every corpus compose file in one invocation).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alternate, NODE } from './lib.mjs';

/**
 * Median wall time of each CLI on the fixture, alternating with `node -e 0` and the parse-only
 * script; ratios are against `node -e 0` measured in the same run.
 */
export function coldStart({ clis, peers, fixture, runs, parseOnly }) {
  const commands = [
    { name: 'node -e 0', command: NODE, args: ['-e', '0'] },
    { name: 'parse-only (read + yaml)', command: NODE, args: [parseOnly, fixture] },
    ...clis.map((c) => ({ name: c.name, command: NODE, args: [c.path, fixture], options: c.env && { env: c.env } })),
    ...peers.map((p) => ({ name: p.name, command: p.command, args: p.args([fixture]) })),
  ];
  // A machine that sets NODE_EXTRA_CA_CERTS (this kind does) makes Node parse that bundle at every
  // start, before any script: the pair without it shows the ratio on a machine that does not.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: undefined };
    const bare = `node -e 0, without ${CA_VARIABLE}`;
    commands.push({ name: bare, command: NODE, args: ['-e', '0'], options: { env } });
    commands.push({ name: `${clis[0].name}, without ${CA_VARIABLE}`, command: NODE, args: [clis[0].path, fixture], options: { env }, floor: bare });
  }
  const medians = alternate(commands, runs);
  return commands.map((c) => ({ name: c.name, ms: medians[c.name], ratio: medians[c.name] / medians[c.floor ?? 'node -e 0'], floor: c.floor }));
}

export const CA_VARIABLE = 'NODE_EXTRA_CA_CERTS';

/** Compose files listed in the corpus manifest (the corpus README's file list), absolute paths. */
export function corpusFiles(corpusDir) {
  const manifest = join(corpusDir, 'MANIFEST.tsv');
  if (!existsSync(manifest)) return undefined;
  const lines = readFileSync(manifest, 'utf8').split('\n').slice(1).filter(Boolean);
  return lines.map((line) => join(corpusDir, line.split('\t')[0])).filter((f) => existsSync(f));
}

/** One-file run against the whole corpus in one process, alternated, per CLI and peer. */
export function corpusRun({ clis, peers, fixture, files, runs, parseOnly }) {
  const rows = [];
  // Reading and parsing the same files with yaml alone, in one cold process: the floor under the lint.
  const floor = parseOnly ? [{ name: 'parse-only (read + yaml)', command: NODE, args: (f) => [parseOnly, ...f] }] : [];
  for (const tool of [...clis.map((c) => ({ name: c.name, command: NODE, args: (f) => [c.path, ...f], options: c.env && { env: c.env } })), ...floor, ...peers]) {
    const medians = alternate(
      [
        { name: 'one', command: tool.command, args: tool.args([fixture]), options: tool.options },
        { name: 'all', command: tool.command, args: tool.args(files), options: tool.options },
      ],
      runs,
    );
    const limit = 2 * medians.one + files.length;
    rows.push({ name: tool.name, oneMs: medians.one, allMs: medians.all, files: files.length, limitMs: limit, perFileMs: (medians.all - medians.one) / files.length });
  }
  return rows;
}
