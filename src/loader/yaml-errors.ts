/** yaml's parse errors as yaml-syntax messages: one line, no position (the finding has it), and what was expected where yaml does not say. */
import { isMap, visit, type Document, type Node as YamlNode, type YAMLError } from 'yaml';

const BAD_MAPPING_INDENT = 'All mapping items must start at the same column';

/** A key after the first of its block mapping, with where that mapping's first key starts. */
interface LaterKey {
  at: number;
  first: number;
}

/** Describes the errors of one document; `column(offset)` is the 1-based column of an offset in its text. */
export function yamlErrorDescriber(doc: Document.Parsed, column: (offset: number) => number): (error: YAMLError) => string {
  // Built on the first indentation error only, and once: a file full of them stays linear.
  let keys: LaterKey[] | undefined;
  return (error) => {
    const first = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    if (error.code === 'DUPLICATE_KEY') return `duplicate key: ${first}`;
    if (error.code === 'TAB_AS_INDENT') return 'tab character used for indentation; YAML allows only spaces';
    if (error.code === 'BAD_INDENT' && first === BAD_MAPPING_INDENT) {
      keys ??= laterKeys(doc);
      const key = misplacedKey(keys, error.pos[0]);
      // The finding stays at the start of the line (the indentation is the problem); the message says where the key should start.
      if (key && column(key.at) !== column(key.first)) return `${first}: this key is at column ${column(key.at)}, the mapping's first key at column ${column(key.first)}`;
    }
    return first;
  };
}

function start(node: unknown): number | undefined {
  return (node as YamlNode | null | undefined)?.range?.[0];
}

/** Every key of a block mapping but its first, in text order. */
function laterKeys(doc: Document.Parsed): LaterKey[] {
  const keys: LaterKey[] = [];
  visit(doc, {
    Map(_, map) {
      if (!isMap(map) || map.flow) return;
      const first = start(map.items[0]?.key) ?? map.range?.[0];
      if (first === undefined) return;
      for (const pair of map.items.slice(1)) {
        const at = start(pair.key);
        if (at !== undefined) keys.push({ at, first });
      }
    },
  });
  return keys.sort((a, b) => a.at - b.at);
}

/**
 * The key yaml complained about. It reports the offset where the previous entry of the mapping
 * ends, and still adds the key to that mapping: the key is the first one at or after that offset.
 */
function misplacedKey(keys: LaterKey[], offset: number): LaterKey | undefined {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (keys[mid]!.at < offset) low = mid + 1;
    else high = mid;
  }
  return keys[low];
}
