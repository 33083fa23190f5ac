/** `compose-lint graph`: the picture of one project. src/picture (and Graphviz for SVG) loads only here. */
import { extname } from 'node:path';
import { EXIT_ERROR, EXIT_OK } from '../engine/exit.js';
import { emit, warn } from './io.js';
import { checkEnvFiles, loadOptions, UsageError, type GraphOptions } from './options.js';
import { configure, lintTarget, projectTarget, resolverFor } from './targets.js';
import { OutputGuard } from './outputs.js';

export const PICTURE_FORMATS = ['mermaid', 'dot', 'svg', 'html'] as const;

/** `-o net.svg` without --format means SVG: writing Mermaid text into it would be a surprise. */
const BY_EXTENSION: Record<string, (typeof PICTURE_FORMATS)[number]> = { '.mmd': 'mermaid', '.mermaid': 'mermaid', '.dot': 'dot', '.gv': 'dot', '.svg': 'svg', '.html': 'html', '.htm': 'html' };

export async function graphCommand(paths: string[], options: GraphOptions): Promise<number> {
  const wanted = options.format ?? (options.output !== undefined ? BY_EXTENSION[extname(options.output).toLowerCase()] : undefined) ?? 'mermaid';
  const format = PICTURE_FORMATS.find((f) => f === wanted);
  if (!format) throw new UsageError(`unknown picture format "${wanted}": use ${PICTURE_FORMATS.join(', ')}`);
  // The picture must not replace a file it is drawn from (`-o compose.yaml`).
  const guard = new OutputGuard([['--output', options.output]]);
  const sideFilesRead = new Set<string>();
  const base = loadOptions(options, guard.active ? sideFilesRead : undefined);
  checkEnvFiles(options);
  const target = await projectTarget(paths, options, base);
  guard.check(target.kind === 'stdin' ? (options.stdinFilename !== undefined ? [target.abs] : []) : target.files, 'a compose file of the picture');
  // The config file chooses rules and datastores, so the picture marks what the linter reports.
  const configured = configure(resolverFor(options.config, {}), target, base);
  guard.check([options.config, configured.config.configFile], 'the configuration file');
  guard.check(options.envFile, 'an env file this run reads');
  const { result, project, graph, loaded } = lintTarget(target, configured);
  guard.check(loaded.read);
  guard.check(sideFilesRead, 'a file the rules read (a Dockerfile or mounted config file)');
  if (!project || !graph) {
    // The first error with its position, as the lint would print it.
    const error = result.findings.find((f) => f.severity === 'error');
    warn(result.error ? `${result.file}: ${result.error.message}` : error ? `${error.file}:${error.line}:${error.column}: ${error.message}` : `${result.file}: not a compose file`);
    return EXIT_ERROR;
  }
  const { renderPicture } = await import('../picture/index.js');
  await emit(await renderPicture({ project, graph, findings: result.findings.filter((f) => !f.suppression) }, format), options.output);
  return EXIT_OK;
}
