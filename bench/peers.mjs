// Peer linters, used only when already installed (never installed by the bench): dclint from npm
// (on PATH or in the global npm prefix) and the Python compose-lint (a `compose-lint` on PATH
// whose interpreter is Python, so ours, if linked globally, is not mistaken for it).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function globalNpmBin(name) {
  try {
    const prefix = execFileSync('npm', ['prefix', '-g'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 }).trim();
    const candidate = join(prefix, 'bin', name);
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    return undefined;
  }
}

function firstLine(path) {
  try {
    return readFileSync(realpathSync(path), 'utf8').slice(0, 200).split('\n')[0];
  } catch {
    return '';
  }
}

/** [{ name, command, args(file list) }] for each peer, or { name, missing: true }. */
export function findPeers() {
  const dclint = onPath('dclint') ?? globalNpmBin('dclint');
  const python = onPath('compose-lint');
  return [
    dclint ? { name: 'dclint', command: dclint, args: (files) => files } : { name: 'dclint', missing: true },
    python && /python/.test(firstLine(python))
      ? { name: 'compose-lint (Python)', command: python, args: (files) => files }
      : { name: 'compose-lint (Python)', missing: true },
  ];
}
