/** Command-line options of `compose-lint` and `compose-lint graph`, and their validation. */
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { allRules } from '../../rules/index.js';
import type { FailOn } from '../config/types.js';
import { isSeverity, PRESETS, unsettableSeverity, type Preset, type RuleOverride } from '../engine/config.js';
import { SIDE_FILE_MAX_BYTES, SideFiles } from '../graph/side-files.js';
import { readSourceFileSync } from '../loader/read.js';
import type { LintOptions } from '../lint.js';
import { FORMATS } from '../reporters/index.js';
import { VERSION } from '../version.js';
import { stdoutIsTerminal, writeAll } from './terminal.js';
import { printable } from '../reporters/printable.js';

/** A bad flag or value: one line on stderr, exit code 2. */
export class UsageError extends Error {}

/** Options `lint` and `graph` share: which files make the project and how it is loaded. */
export interface LoadingOptions {
  file: string[];
  envFile: string[];
  useProcessEnv?: boolean;
  profile: string[];
  override: boolean;
  projectDirectory?: string;
  stdin?: boolean;
  stdinFilename?: string;
  maxFileSize: string;
  config?: string;
}

export interface CliOptions extends LoadingOptions {
  format: string;
  output?: string;
  sarifOutput?: string;
  preset?: string;
  rule: string[];
  maxWarnings?: string;
  failOn?: string;
  quiet?: boolean;
  listRules?: boolean;
  color?: boolean;
  printConfig?: string;
  showSuppressed?: boolean;
  requireReason?: boolean;
  baseline?: string;
  writeBaseline?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  explain?: string;
}

export interface GraphOptions extends LoadingOptions {
  format?: string;
  output?: string;
}

export const FAIL_ON: FailOn[] = ['error', 'warning', 'note', 'never'];

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function base(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .helpOption('-h, --help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void writeAll('stdout', s),
      writeErr: (s) => void writeAll('stderr', s),
      outputError: (s, write) => write(usageLine(s, name)),
    });
}

/**
 * Commander's `error: unknown option '--bogus'` (and its `(Did you mean --baseline?)` line) as one
 * line like every other usage error: `compose-lint: unknown option '--bogus' (see compose-lint --help)`.
 */
export function usageLine(message: string, command: string): string {
  const [first = '', ...rest] = message.trim().replace(/^error: /, '').split('\n');
  const suggestion = rest.map((l) => l.trim().replace(/^\((.*)\)$/, '$1')).filter(Boolean).map((l) => `; ${l.charAt(0).toLowerCase()}${l.slice(1)}`).join('');
  return `compose-lint: ${printable(`${first.replace(/\.$/, '')}${suggestion}`)} (see ${command} --help)\n`;
}

function loadingOptions(command: Command): Command {
  return command
    .option('-f, --file <path>', 'compose file of one project, merged in order like docker compose -f (repeatable)', collect, [])
    .option('--env-file <path>', 'interpolate variables from this file instead of .env (repeatable)', collect, [])
    .option('--use-process-env', 'interpolate variables from the process environment too (it wins over env files)')
    .option('--profile <name>', 'lint only the services docker compose --profile <name> would start (repeatable)', collect, [])
    .option('--no-override', 'do not merge compose.override.yaml over the default compose file')
    .option('--project-directory <dir>', 'project directory: relative paths and .env resolve against it')
    .option('--stdin', 'read one compose file from standard input (also: the path -)')
    .option('--stdin-filename <path>', 'path to report for standard input; its directory is the project directory')
    .option('-c, --config <file>', 'use this configuration file instead of searching for .compose-lint.yaml')
    .option('--max-file-size <bytes>', 'refuse compose files larger than this', String(10 * 1024 * 1024));
}

export function lintProgram(): Command {
  // Options the config file can also set have no default here: undefined means "not given".
  return loadingOptions(
    base('compose-lint', 'Static security linter for Docker Compose files: network isolation and container hardening.')
      .usage('[options] [paths...]\n       compose-lint graph [options] [paths...]')
      .argument('[paths...]', 'compose files or directories (default: the compose file docker compose would use here); - reads standard input')
      .addOption(new Option('--format <format>', `output format: ${FORMATS.join(', ')}`).default('text'))
      .option('-o, --output <file>', 'write the report to a file instead of standard output')
      .option('--sarif-output <file>', 'also write a SARIF report to this file, from the same run (annotations and code scanning in one lint)')
      .option('--preset <preset>', `rule preset: ${PRESETS.join(', ')} (default: recommended)`)
      .option('--rule <id=severity>', "set a rule's severity: off, note, warning or error (repeatable)", collect, [])
      .option('--fail-on <severity>', 'lowest severity that fails the run: error, warning, note or never (default: error)')
      .option('--max-warnings <n>', 'fail when the run has more than n warnings in total; warnings then fail only past n, even with --fail-on warning or note (-1: no limit)')
      .option('--quiet', 'report errors only (hidden warnings and notes still fail the run per --fail-on and --max-warnings)')
      .option('--show-suppressed', 'show suppressed findings in text output')
      .option('--require-reason', 'report suppression comments without " -- <reason>"')
      .option('--baseline <file>', 'hide the findings recorded in this baseline: only new ones count')
      .option('--write-baseline <file>', 'record the current findings in this baseline file, then exit 0 (2 when a file could not be read or checked)')
      .option('--fix', 'apply safe fixes to the files, then report what remains')
      .option('--fix-dry-run', 'print the safe fixes as a unified diff; write nothing')
      .option('--color', 'force colours in text output, even into an -o file')
      .option('--no-color', 'disable colours in text output')
      .option('--print-config <file>', 'print the configuration in force for a compose file, then exit')
      .option('--explain <rule>', "print a rule's documentation (with --format json: its metadata and Markdown page), then exit")
      .option('--list-rules', 'list every rule with its severity and preset (as text or --format json), then exit')
      .version(VERSION, '-V, --version'),
  );
}

export function graphProgram(formats: readonly string[]): Command {
  return loadingOptions(
    base('compose-lint graph', 'Draw which containers can reach which: networks, published ports and findings.')
      .argument('[paths...]', 'compose files of one project, merged in order (default: the compose file docker compose would use here)')
      .addOption(new Option('--format <format>', `picture format: ${formats.join(', ')} (default: from the -o file's extension, else mermaid)`))
      .option('-o, --output <file>', 'write the picture to a file instead of standard output'),
  );
}

export function parseRuleOptions(values: string[]): Map<string, RuleOverride> {
  const known = new Set(allRules.map((r) => r.meta.id));
  const overrides = new Map<string, RuleOverride>();
  for (const value of values) {
    const eq = value.lastIndexOf('=');
    if (eq === -1) {
      // `id:off` or `id off` (ESLint's spelling) means `id=off`: suggest that, not `id:off=off`.
      const [id = value, severity = 'off'] = value.trim().split(/\s*[:\s]\s*/);
      throw new UsageError(`invalid --rule ${value}: expected <rule-id>=<severity>, e.g. --rule ${id}=${isSeverity(severity) ? severity : 'off'}`);
    }
    const id = value.slice(0, eq);
    const severity = value.slice(eq + 1);
    if (!known.has(id)) throw new UsageError(`unknown rule "${id}" in --rule ${value} (see --list-rules)`);
    if (!isSeverity(severity)) throw new UsageError(`invalid severity "${severity}" in --rule ${value}: use off, note, warning or error`);
    const fixed = unsettableSeverity(id, severity);
    if (fixed) throw new UsageError(`invalid --rule ${value}: ${fixed}`);
    overrides.set(id, { severity });
  }
  return overrides;
}

export function parseInteger(value: string, flag: string, min: number): number {
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < min) throw new UsageError(`invalid value "${value}" for ${flag}: expected an integer >= ${min}`);
  return Number(value);
}

export function parsePreset(value: string | undefined): Preset | undefined {
  if (value === undefined) return undefined;
  if (!(PRESETS as string[]).includes(value)) throw new UsageError(`unknown preset "${value}": use ${PRESETS.join(', ')}`);
  return value as Preset;
}

export function parseFailOn(value: string | undefined): FailOn | undefined {
  if (value === undefined) return undefined;
  if (!(FAIL_ON as string[]).includes(value)) throw new UsageError(`invalid value "${value}" for --fail-on: use ${FAIL_ON.join(', ')}`);
  return value as FailOn;
}

/**
 * The loader options shared by `lint` and `graph`. `read`, when given, collects the paths of the
 * Dockerfiles and mounted config files the rules read (an output file must not be one of them).
 */
export function loadOptions(options: LoadingOptions, read?: Set<string>): LintOptions {
  // One reader per run: a Dockerfile or config shared by several projects is read once.
  const sideFiles = read ? new SideFiles((path) => readSideFile(path, read)) : new SideFiles();
  const out: LintOptions = { maxFileSize: parseInteger(options.maxFileSize, '--max-file-size', 1), override: options.override, sideFiles };
  if (options.envFile.length > 0) out.envFiles = options.envFile;
  if (options.useProcessEnv) out.useProcessEnv = true;
  if (options.profile.length > 0) out.profiles = options.profile;
  if (options.projectDirectory !== undefined) out.projectDirectory = options.projectDirectory;
  return out;
}

/**
 * `--env-file` files that cannot be read stop the run before anything is linted (a usage error, exit
 * code 2), as a missing --config or --baseline does: every project would be linted with the wrong
 * variables. (Node itself stops earlier, with exit code 9, when the flag comes before any `--`: see docs/loading.md.)
 */
export function checkEnvFiles(options: LoadingOptions): void {
  for (const file of options.envFile) {
    const read = readSourceFileSync(resolve(file), parseInteger(options.maxFileSize, '--max-file-size', 1));
    if (!read.ok) throw new UsageError(`cannot read --env-file ${file}: ${read.message.replace('a compose file', 'an env file')}`);
  }
}

/** SideFiles' own reader (bounded, never throwing), noting the path. */
function readSideFile(path: string, read: Set<string>): string | undefined {
  read.add(path);
  const result = readSourceFileSync(path, SIDE_FILE_MAX_BYTES);
  return result.ok ? result.text : undefined;
}

/**
 * Colour: `--no-color`/`--color` first, then NO_COLOR and FORCE_COLOR, then whether
 * standard output is a terminal. Only `--color` puts colour into a report file (-o):
 * the environment (a CI job's FORCE_COLOR=1) is about the terminal, not about files.
 */
export function useColor(flag: boolean | undefined, toFile: boolean, env: NodeJS.ProcessEnv = process.env, tty = stdoutIsTerminal()): boolean {
  if (flag !== undefined) return flag;
  if (toFile) return false;
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return tty;
}
