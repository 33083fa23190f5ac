/**
 * action.yml's shell steps run as the GitHub runner would (its ${{ }} expressions expanded,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), except the install step and `uses:` steps.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { parse } from 'yaml';
import { cliEnv } from './bin.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface ActionYaml {
  inputs: Record<string, { default?: string; required?: boolean; description: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionYaml;
export const steps = action.runs.steps;

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, Record<string, string>>;
}

/** The subset of GitHub expressions the action's run steps use; anything else is a test failure. */
function expand(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) {
      const value = context.inputs[input[1]!];
      if (value === undefined) throw new Error(`action.yml reads undeclared input ${input[1]}`);
      return value;
    }
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (output) return context.steps[output[1]!]?.[output[2]!] ?? '';
    if (expr === 'github.action_path') return root;
    throw new Error(`unsupported expression in a run step: ${expr}`);
  });
}

export function sh(script: string, env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd, env: cliEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export interface ActionRun {
  /** The lint step's outputs, as GitHub would parse them from GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** What the lint step printed: workflow commands (annotations) and the summary line. */
  log: string;
  summary: string;
  /** The job's result: the exit code of the last step. */
  exitCode: number;
}

/** A directory for this test file's workspaces, removed after its tests: call at the top level of the file. */
export function workspaces(): (name: string) => string {
  let parent: string;
  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'compose-lint-action-'));
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  /** A checked-out repository: both examples under their usual paths. */
  return (name) => {
    const dir = join(parent, name);
    for (const example of ['insecure', 'secure']) {
      mkdirSync(join(dir, 'examples', example), { recursive: true });
      copyFileSync(join(root, 'examples', example, 'compose.yaml'), join(dir, 'examples', example, 'compose.yaml'));
    }
    return dir;
  };
}

export async function runAction(cwd: string, given: Record<string, string>): Promise<ActionRun> {
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) inputs[name] = given[name] ?? input.default ?? '';
  const context: Context = { inputs, steps: {} };
  const runnerFiles = mkdtempSync(join(cwd, '.runner-'));
  let log = '';
  let exitCode = 0;
  for (const step of steps) {
    if (step.uses) continue;
    if (step.id === 'install') continue;
    expect(step.shell).toBe('bash');
    const output = join(runnerFiles, `${step.id ?? 'step'}.output`);
    const summary = join(runnerFiles, 'summary.md');
    writeFileSync(output, '');
    const env: Record<string, string> = { GITHUB_ACTION_PATH: root, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expand(String(value), context);
    const result = await sh(expand(step.run ?? '', context), env, cwd);
    if (step.id) {
      context.steps[step.id] = Object.fromEntries(
        readFileSync(output, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
    }
    if (step.id === 'lint') log = result.stdout + result.stderr;
    exitCode = result.code;
    if (exitCode !== 0) break;
  }
  const summaryFile = join(runnerFiles, 'summary.md');
  return { outputs: context.steps['lint'] ?? {}, log, summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : '', exitCode };
}

interface SarifLog {
  version: string;
  runs: { results: { ruleId: string; level?: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[];
}

export function readSarif(cwd: string, file: string): SarifLog {
  return JSON.parse(readFileSync(join(cwd, file), 'utf8')) as SarifLog;
}
