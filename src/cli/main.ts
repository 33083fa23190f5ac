#!/usr/bin/env node
/** compose-lint command line. Only argument parsing and process concerns live here. */
import { run } from './run.js';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `compose-lint ... | head` closes the pipe early: end quietly.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`compose-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
