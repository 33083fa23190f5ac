/**
 * Friendly's code frames (@babel/code-frame 7.0) cost a pass over the whole file per finding:
 * quadratic in a big file (the 800-service bench project took 84 s with colour). The text given
 * to friendly is therefore a String object that splits its lines once, and with colour, a file is
 * highlighted once: code-frame looks up @babel/highlight's `default` on its exports at each call.
 */
// @ts-expect-error: untyped CommonJS; its exports object is the one @babel/code-frame reads from.
import * as babelHighlightModule from '@babel/highlight';

type Highlight = ((code: unknown, options?: unknown) => string) & { perSource?: true };

/** A source for friendly whose `split` is computed once; frames only read lines from it. */
export function splitOnce(text: string): string {
  const source = new String(text);
  let cached: { separator: unknown; lines: string[] } | undefined;
  Object.defineProperty(source, 'split', {
    value: (separator: string | RegExp, limit?: number): string[] => {
      if (limit !== undefined) return text.split(separator, limit);
      if (cached?.separator !== separator) cached = { separator, lines: text.split(separator) };
      return cached.lines;
    },
  });
  return source as unknown as string;
}

/**
 * Highlights each splitOnce source once, however many frames show it. Idempotent. Should the
 * module ever be frozen or shaped otherwise, frames stay right, only slower with colour.
 */
export function highlightEachSourceOnce(): void {
  // Node and the bundle both give a CommonJS module's exports object as the namespace's default.
  const namespace = babelHighlightModule as { default?: { default?: unknown } };
  const exports = namespace.default;
  const highlight = exports?.default as Highlight | undefined;
  if (typeof highlight !== 'function' || highlight.perSource) return;
  const highlighted = new WeakMap<object, string>();
  const perSource: Highlight = (code, options) => {
    if (typeof code !== 'object' || code === null) return highlight(code, options);
    let result = highlighted.get(code);
    if (result === undefined) {
      result = splitOnce(highlight(String(code), options));
      highlighted.set(code, result);
    }
    return result;
  };
  perSource.perSource = true;
  try {
    exports!.default = perSource;
  } catch {
    // Read-only: nothing to gain, nothing broken.
  }
}
