/** When a batch run parses on a second thread (src/cli/prefetch.ts), without loading it. */

/** The first argument of a worker thread running the same entry script (src/cli/main.ts). */
export const PREFETCH_ARG = '--compose-lint-prefetch-worker';
/** Fewer files than this are parsed here: starting a thread costs about as much as parsing a few files. */
export const PREFETCH_MIN_FILES = 8;
