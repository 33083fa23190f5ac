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
    try {
      // The message may quote file content: escaped like every other line we print.
      const message = printable(error instanceof Error ? String(error.message) : String(error));
      writeAll('stderr', `compose-lint: internal error: ${message}\n`).catch(() => undefined);
    } catch {
      // An error that cannot even be described (or standard error is gone): the exit code still tells.
      try {
        writeAll('stderr', 'compose-lint: internal error\n').catch(() => undefined);
      } catch {
        // Nothing left to write to.
      }
    }
  },
);
