/**
 * Loads compose files for the picture through the linter's own pipeline, so
 * the picture shows the Project, ServiceGraph and findings the rules saw.
 */
import { lintProjectDetailed, lintTextDetailed, withOverride, type LintOptions, type ProjectLint } from '../lint.js';
import type { PictureInput } from './model.js';

export type LoadedPicture = ({ ok: true; file: string } & PictureInput) | { ok: false; file: string; message: string };

/**
 * One picture of one project: several paths merge in order like `docker compose -f a -f b`;
 * a single default-named file gets its override file, as when linting.
 */
export function loadPicture(paths: string[], options: LintOptions = {}): LoadedPicture {
  if (paths.length === 0) throw new Error('loadPicture needs at least one compose file');
  const files = paths.length === 1 ? withOverride(paths[0]!, options) : paths;
  return fromLint(lintProjectDetailed(files, options));
}

/** The same, for text already in memory (tests, stdin). */
export function pictureFromText(text: string, file: string, options: LintOptions & { projectDir?: string } = {}): LoadedPicture {
  return fromLint(lintTextDetailed(text, file, options));
}

function fromLint({ result, project, graph }: ProjectLint): LoadedPicture {
  if (!project || !graph) {
    const why = result.error?.message ?? result.findings.find((f) => f.severity === 'error')?.message ?? 'not a compose file';
    return { ok: false, file: result.file, message: why };
  }
  return { ok: true, file: result.file, project, graph, findings: result.findings };
}
