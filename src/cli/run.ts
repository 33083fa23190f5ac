/** The CLI: parse arguments, lint, report, and choose the exit code. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { allRules } from '../../rules/index.js';
import { isSeverity, PRESETS, type Preset, type RuleOverride } from '../engine/config.js';
import { EXIT_ERROR, exitCode } from '../engine/exit.js';
import { lintFiles, lintProject, withOverride, type LintOptions } from '../lint.js';
import { composeFileFromEnv } from '../loader/compose-file-env.js';
import { FORMATS, formatResult, isFormat } from '../reporters/index.js';
import { VERSION } from '../version.js';
import { discover, findDefaultComposeFile } from './discover.js';
import { listRules } from './list-rules.js';
import type { LintResult } from '../types.js';

interface CliOptions {
  format: string;
  output?: string;
  preset: string;
  rule: string[];
  maxWarnings: string;
  quiet?: boolean;
  listRules?: boolean;
  maxFileSize: string;
  color?: boolean;
  file: string[];
  envFile: string[];
  useProcessEnv?: boolean;
  profile: string[];
  override: boolean;
  projectDirectory?: string;
}

class UsageError extends Error {}

function program(): Command {
  return new Command('compose-lint')
    .description('Static security linter for Docker Compose files: network isolation and container hardening.')
    .argument('[paths...]', 'compose files or directories (default: the compose file docker compose would use here)')
    .addOption(new Option('--format <format>', `output format: ${FORMATS.join(', ')}`).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(new Option('--preset <preset>', `rule preset: ${PRESETS.join(', ')}`).default('recommended'))
    .option('--rule <id=severity>', 'set a rule\'s severity: off, note, warning or error (repeatable)', collect, [])
    .option('--max-warnings <n>', 'fail when more than n warnings are found (-1: never)', '-1')
    .option('--quiet', 'report errors only')
    .option('--max-file-size <bytes>', 'refuse compose files larger than this', String(10 * 1024 * 1024))
    .option('--no-color', 'disable colours in text output')
    .option('--list-rules', 'list every rule with its severity and preset, then exit')
    .option('-f, --file <path>', 'compose file of one project, merged in order like docker compose -f (repeatable)', collect, [])
    .option('--env-file <path>', 'interpolate variables from this file instead of .env (repeatable)', collect, [])
    .option('--use-process-env', 'interpolate variables from the process environment too (it wins over env files)')
    .option('--profile <name>', 'lint only the services docker compose --profile <name> would start (repeatable)', collect, [])
    .option('--no-override', 'do not merge compose.override.yaml over the default compose file')
    .option('--project-directory <dir>', 'project directory: relative paths and .env resolve against it')
    .version(VERSION, '-V, --version')
    .helpOption('-h, --help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export async function run(argv: string[]): Promise<number> {
  const cli = program();
  try {
    cli.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_ERROR;
    throw error;
  }
  const options = cli.opts<CliOptions>();
  try {
    return await lintCommand(cli.args, options);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`compose-lint: ${error.message}\n`);
      return EXIT_ERROR;
    }
    throw error;
  }
}

function parseRuleOptions(values: string[]): Map<string, RuleOverride> {
  const known = new Set(allRules.map((r) => r.meta.id));
  const overrides = new Map<string, RuleOverride>();
  for (const value of values) {
    const eq = value.lastIndexOf('=');
    const id = eq === -1 ? value : value.slice(0, eq);
    const severity = eq === -1 ? '' : value.slice(eq + 1);
    if (!known.has(id)) throw new UsageError(`unknown rule "${id}" in --rule ${value} (see --list-rules)`);
    if (!isSeverity(severity)) throw new UsageError(`invalid severity "${severity}" in --rule ${value}: use off, note, warning or error`);
    overrides.set(id, { severity });
  }
  return overrides;
}

function parseInteger(value: string, flag: string, min: number): number {
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < min) throw new UsageError(`invalid value "${value}" for ${flag}: expected an integer >= ${min}`);
  return Number(value);
}

async function lintCommand(paths: string[], options: CliOptions): Promise<number> {
  if (!isFormat(options.format)) throw new UsageError(`unknown format "${options.format}": use ${FORMATS.join(', ')}`);
  if (!(PRESETS as string[]).includes(options.preset)) throw new UsageError(`unknown preset "${options.preset}": use ${PRESETS.join(', ')}`);
  const rules = parseRuleOptions(options.rule);
  const maxWarnings = parseInteger(options.maxWarnings, '--max-warnings', -1);
  const maxFileSize = parseInteger(options.maxFileSize, '--max-file-size', 1);
  if (options.listRules) {
    await emit(listRules(allRules.map((r) => r.meta)), options.output);
    return 0;
  }

  const lintOptions: LintOptions = { preset: options.preset as Preset, rules, maxFileSize, override: options.override };
  if (options.envFile.length > 0) lintOptions.envFiles = options.envFile;
  if (options.useProcessEnv) lintOptions.useProcessEnv = true;
  if (options.profile.length > 0) lintOptions.profiles = options.profile;
  if (options.projectDirectory !== undefined) lintOptions.projectDirectory = options.projectDirectory;

  const result: LintResult = { results: [] };
  if (options.file.length > 0) result.results.push(await lintProject(options.file, lintOptions));
  if (paths.length > 0) {
    const discovered = await discover(paths, { override: options.override });
    result.results.push(...(await lintFiles(discovered.files, lintOptions)).results);
    for (const { path, message } of discovered.missing) result.results.push({ file: path, findings: [], error: { file: path, message } });
  }
  if (options.file.length === 0 && paths.length === 0) {
    // COMPOSE_FILE (from .env, or the environment with --use-process-env) chooses the files, as in docker compose.
    const fromEnv = composeFileFromEnv(resolve(lintOptions.projectDirectory ?? '.'), lintOptions);
    if (fromEnv) {
      result.results.push(await lintProject(fromEnv.files, { ...lintOptions, env: Object.fromEntries(fromEnv.vars) }));
    } else {
      const found = await findDefaultComposeFile(process.cwd());
      if (!found) throw new UsageError('no compose file given and none found here (looked for compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml)');
      result.results.push(await lintProject(withOverride(found, lintOptions), lintOptions));
    }
  }

  const shown: LintResult = options.quiet
    ? { results: result.results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) }
    : result;
  const color = options.color !== false && !options.output && process.stdout.isTTY === true && !process.env['NO_COLOR'];
  const report = await formatResult(options.format, shown, { rules: allRules.map((r) => r.meta), toolVersion: VERSION, cwd: process.cwd(), color });
  await emit(report, options.output);
  if (options.format !== 'text' || options.output) {
    // Machine formats go to stdout or a file; unreadable files must still be visible to the person running it.
    for (const r of result.results) if (r.error) process.stderr.write(`compose-lint: ${r.file}: ${r.error.message}\n`);
  }
  return exitCode(result, { maxWarnings });
}

async function emit(text: string, output: string | undefined): Promise<void> {
  if (output) {
    try {
      await writeFile(output, text);
    } catch (error) {
      throw new UsageError(`cannot write ${output}: ${(error as Error).message}`);
    }
    return;
  }
  process.stdout.write(text);
}
