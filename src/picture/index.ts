/**
 * Pictures of who can reach whom. `renderPicture` is the entry point for the
 * `graph` subcommand; SVG and HTML load Graphviz (WebAssembly) only when asked.
 */
import { buildPicture } from './build.js';
import type { PictureInput } from './model.js';
import { renderDot } from './dot.js';
import { renderMermaid } from './mermaid.js';

export type PictureFormat = 'mermaid' | 'dot' | 'svg' | 'html';
export const PICTURE_FORMATS: PictureFormat[] = ['mermaid', 'dot', 'svg', 'html'];

export type { PictureInput } from './model.js';
export { buildPicture } from './build.js';
export { loadPicture, pictureFromText, type LoadedPicture } from './load.js';

export async function renderPicture(input: PictureInput, format: PictureFormat): Promise<string> {
  const picture = buildPicture(input);
  switch (format) {
    case 'mermaid':
      return renderMermaid(picture);
    case 'dot':
      return renderDot(picture);
    case 'svg': {
      const { dotToSvg } = await import('./svg.js');
      return dotToSvg(renderDot(picture));
    }
    case 'html': {
      const [{ dotToSvg }, { renderHtml }] = await Promise.all([import('./svg.js'), import('./html.js')]);
      return renderHtml(picture, await dotToSvg(renderDot(picture)));
    }
    default:
      throw new Error(`unknown picture format "${String(format)}": use one of ${PICTURE_FORMATS.join(', ')}`);
  }
}
