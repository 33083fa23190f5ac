#!/usr/bin/env node
/** compose-lint command line. Only argument parsing and process concerns live here. */
import { run } from './run.js';

// Output goes through src/cli/terminal.ts, which also ends quietly when the reader goes away (`| head`).
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`compose-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
