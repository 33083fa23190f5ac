/**
 * Loads a compose file for the picture: the Project and ServiceGraph the rules
 * saw, plus the findings from lintText. A stopgap until the loader exposes its
 * own project API; it mirrors lintText's pipeline (read, parse, model, graph).
 */
import { dirname, resolve } from 'node:path';
import { ServiceGraph } from '../graph/graph.js';
import { displayPath, lintText, type LintOptions } from '../lint.js';
import { DEFAULT_MAX_BYTES, readSourceFile } from '../loader/read.js';
import { parseYaml } from '../loader/yaml.js';
import { buildProject } from '../model/build.js';
import { isMap } from '../model/node.js';
import type { PictureInput } from './model.js';

export type LoadedPicture = ({ ok: true; file: string } & PictureInput) | { ok: false; file: string; message: string };

export async function loadPicture(path: string, options: LintOptions = {}): Promise<LoadedPicture> {
  const cwd = options.cwd ?? process.cwd();
  const file = displayPath(path, cwd);
  const read = await readSourceFile(path, options.maxFileSize ?? DEFAULT_MAX_BYTES);
  if (!read.ok) return { ok: false, file, message: read.message };
  return pictureFromText(read.text, file, { ...options, projectDir: dirname(resolve(cwd, path)) });
}

/** The same, for text already in memory (tests, stdin). */
export function pictureFromText(text: string, file: string, options: LintOptions & { projectDir?: string } = {}): LoadedPicture {
  const parsed = parseYaml(text, file);
  const root = parsed.root;
  if (!isMap(root)) {
    const why = parsed.problems[0]?.message ?? 'not a compose file: the top level is not a mapping';
    return { ok: false, file, message: why };
  }
  const project = buildProject(root, { file, dir: options.projectDir ?? process.cwd() });
  const graph = new ServiceGraph(project, options.datastores);
  const { findings } = lintText(text, file, options);
  return { ok: true, file, project, graph, findings };
}
