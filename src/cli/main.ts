#!/usr/bin/env node
/** compose-lint command line. Only argument parsing and process concerns live here. */
import { run } from './run.js';
import { writeAll } from './terminal.js';
import { printable } from '../reporters/printable.js';

// Output goes through src/cli/terminal.ts, which also ends quietly when the reader goes away (`| head`).
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = 2;
    // The message may quote file content: escaped like every other line; an error that cannot
    // even be described still leaves the line and the exit code.
    let detail = '';
    try {
      detail = `: ${printable(error instanceof Error ? String(error.message) : String(error))}`;
    } catch {
      // Nothing to add.
    }
    try {
      writeAll('stderr', `compose-lint: internal error${detail}\n`).catch(() => undefined);
    } catch {
      // Standard error is gone.
    }
  },
);
