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
  // Without fonts, Graphviz in WebAssembly sizes non-ASCII text as spaces and says so; dot.ts widens such nodes itself.
  const warnings = result.errors.map((e) => e.message.trim()).filter((m) => !/no value for width of non-ASCII character/.test(m));
  return { svg: result.output, warnings };
}

export async function dotToSvg(dot: string): Promise<string> {
  return (await layoutDot(dot)).svg;
}
