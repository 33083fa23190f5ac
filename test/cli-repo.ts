/** The built binary run in a temporary repository (npm test builds first), and the findings of its JSON output. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN as bin, cliEnv } from './bin.js';

export function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: cliEnv({ NO_COLOR: '1', FORCE_COLOR: '' }) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A repository (with `.git`, so the config search stops there) holding the given files. */
export function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-config-'));
  mkdirSync(join(dir, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export interface JsonFinding {
  ruleId: string;
  severity: string;
  line: number;
  suppression: { kind: string; justification: string | null } | null;
}

export function findings(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}
