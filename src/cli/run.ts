/** The CLI: parse arguments, dispatch to `lint` (the default) or `graph`, and turn expected failures into exit code 2. */
import { CommanderError } from 'commander';
import { ConfigError } from '../config/types.js';
import { EXIT_ERROR } from '../engine/exit.js';
import { displayPath } from '../lint.js';
import { graphCommand, PICTURE_FORMATS } from './graph-command.js';
import { lintCommand } from './lint-command.js';
import { graphProgram, lintProgram, UsageError, type CliOptions, type GraphOptions } from './options.js';
import { printable } from '../reporters/printable.js';
import { writeAll } from './terminal.js';
import { warn } from './io.js';

export async function run(argv: string[]): Promise<number> {
  // `graph` as the first word is the subcommand; a file named graph can still be linted as ./graph.
  const isGraph = argv[0] === 'graph';
  const cli = isGraph ? graphProgram(PICTURE_FORMATS) : lintProgram();
  try {
    cli.parse(isGraph ? argv.slice(1) : argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_ERROR;
    throw error;
  }
  try {
    return isGraph ? await graphCommand(cli.args, cli.opts<GraphOptions>()) : await lintCommand(cli.args, cli.opts<CliOptions>());
  } catch (error) {
    // Loaded only on failure: baselines (and node:crypto) are not part of a plain lint.
    const { BaselineError } = await import('../baseline/baseline.js');
    if (error instanceof UsageError || error instanceof BaselineError) {
      warn(error.message);
      return EXIT_ERROR;
    }
    // `file:line:col: message`, one line per problem, the path as the user would type it.
    if (error instanceof ConfigError) {
      // A config file is repository content, as untrusted as the compose files.
      await writeAll('stderr', error.problems.map((p) => printable(`${displayPath(p.file)}:${p.line}:${p.column}: ${p.message}`) + '\n').join(''));
      return EXIT_ERROR;
    }
    throw error;
  }
}
