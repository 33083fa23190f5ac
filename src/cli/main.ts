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
    // The message may quote file content: escaped like every other line we print.
    const line = `compose-lint: internal error: ${printable(error instanceof Error ? error.message : String(error))}\n`;
    try {
      writeAll('stderr', line).catch(() => undefined);
    } catch {
      // Standard error is gone; the exit code still tells.
    }
  },
);
