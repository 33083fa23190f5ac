/** DOT to SVG with Graphviz compiled to WebAssembly; imported lazily so linting never loads it. */
import type { Viz } from '@viz-js/viz';

let viz: Promise<Viz> | undefined;

export interface Layout {
  svg: string;
  /** Graphviz warnings: none are expected from our own DOT, so tests assert this is empty. */
  warnings: string[];
}

export async function layoutDot(dot: string): Promise<Layout> {
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  const result = (await viz).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    throw new Error(`Graphviz could not lay out the picture: ${result.errors.map((e) => e.message.trim()).join('; ') || 'unknown error'}`);
  }
  return { svg: result.output, warnings: result.errors.map((e) => e.message.trim()) };
}

export async function dotToSvg(dot: string): Promise<string> {
  return (await layoutDot(dot)).svg;
}
