/** `compose-lint graph`: the picture of one project. src/picture (and Graphviz for SVG) loads only here. */
import { EXIT_ERROR, EXIT_OK } from '../engine/exit.js';
import { emit, warn } from './io.js';
import { loadOptions, UsageError, type GraphOptions } from './options.js';
import { configure, lintTarget, projectTarget, resolverFor } from './targets.js';

export const PICTURE_FORMATS = ['mermaid', 'dot', 'svg', 'html'] as const;

export async function graphCommand(paths: string[], options: GraphOptions): Promise<number> {
  const format = PICTURE_FORMATS.find((f) => f === options.format);
  if (!format) throw new UsageError(`unknown picture format "${options.format}": use ${PICTURE_FORMATS.join(', ')}`);
  const base = loadOptions(options);
  const target = await projectTarget(paths, options, base);
  // The config file chooses rules and datastores, so the picture marks what the linter reports.
  const configured = configure(resolverFor(options.config, {}), target, base);
  const { result, project, graph } = lintTarget(target, configured);
  if (!project || !graph) {
    const why = result.error?.message ?? result.findings.find((f) => f.severity === 'error')?.message ?? 'not a compose file';
    warn(`${result.file}: ${why}`);
    return EXIT_ERROR;
  }
  const { renderPicture } = await import('../picture/index.js');
  await emit(await renderPicture({ project, graph, findings: result.findings.filter((f) => !f.suppression) }, format), options.output);
  return EXIT_OK;
}
