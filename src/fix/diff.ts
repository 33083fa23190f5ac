/** Unified diff of two texts (`--fix-dry-run`), by jsdiff: Myers' algorithm, linear in the file for the few lines fixes change. */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

export function unifiedDiff(before: string, after: string, file: string, context = 3): string {
  if (before === after) return '';
  const shown = file.replace(/^\/+/, '');
  return createTwoFilesPatch(`a/${shown}`, `b/${shown}`, before, after, undefined, undefined, { context, headerOptions: FILE_HEADERS_ONLY });
}
