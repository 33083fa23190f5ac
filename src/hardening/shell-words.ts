/**
 * Shell words of a command line (`command`, `entrypoint`, `healthcheck.test`), split as the shell
 * splits them, quoted scripts (`sh -c "..."`, CMD-SHELL) included, each with its offsets in the item
 * it was written in, so that findings can point at one word.
 */
export interface Word {
  text: string;
  item: number;
  /** Where runs of `text` were written: from `at` (offset in text) on, characters come from `raw` on in the item's text. */
  runs: { at: number; raw: number }[];
}

/** Offset in the item's text of the character at `offset` in the word (quotes and escapes removed). */
export function rawOffset(word: Word, offset: number): number {
  let run = word.runs[0]!;
  for (const r of word.runs) {
    if (r.at > offset) break;
    run = r;
  }
  return run.raw + offset - run.at;
}

/** `;`, `&&`, `|`...: a new command starts, with options of its own. */
export const BOUNDARY = null;
export type Token = Word | typeof BOUNDARY;

/** `;`, `&`, `|`, `(`, `)`: they end a command. */
function isOperator(c: string): boolean {
  return c === ';' || c === '&' || c === '|' || c === '(' || c === ')';
}
function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}
const SPACE = /[ \t\n\r\f\v]/;
/** Runs without quotes, escapes, operators or spaces are copied at once: a 10 MiB word stays linear. */
const PLAIN = /[^ \t\n\r\f\v'"\\;&|()]+/y;
const IN_DOUBLE_QUOTES = /[^"\\]+/y;

/** Shell words of a script, with offsets from `base` in the item; a quoted word holding a script (`sh -c "..."`) is split in turn. */
export function shellWords(text: string, item: number, base: number, out: Token[]): void {
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (isOperator(c)) {
      while (i < text.length && isOperator(text[i]!)) i++;
      out.push(BOUNDARY);
      continue;
    }
    const start = i;
    const word: Word = { text: '', item, runs: [] };
    while (i < text.length && !isSpace(text[i]!) && !isOperator(text[i]!)) {
      const ch = text[i]!;
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        const to = close === -1 ? text.length : close;
        addRun(word, text, base, i + 1, to);
        i = to + 1;
      } else if (ch === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length) {
            addRun(word, text, base, i + 1, i + 2);
            i += 2;
            continue;
          }
          IN_DOUBLE_QUOTES.lastIndex = i;
          IN_DOUBLE_QUOTES.exec(text);
          addRun(word, text, base, i, IN_DOUBLE_QUOTES.lastIndex);
          i = IN_DOUBLE_QUOTES.lastIndex;
        }
        i++;
      } else if (ch === '\\') {
        addRun(word, text, base, i + 1, i + 2);
        i += 2;
      } else {
        PLAIN.lastIndex = i;
        PLAIN.exec(text);
        addRun(word, text, base, i, PLAIN.lastIndex);
        i = PLAIN.lastIndex;
      }
    }
    const first = text[start];
    if ((first === '"' || first === "'") && SPACE.test(word.text)) {
      // One quoted word with spaces in it is a script (`sh -c "mysql -psecret"`): split it too.
      const raw = text.slice(start, Math.min(i, text.length));
      if (raw.length > 1 && raw.at(-1) === first && raw.indexOf(first, 1) === raw.length - 1) {
        out.push(BOUNDARY);
        shellWords(raw.slice(1, -1), item, base + start + 1, out);
        out.push(BOUNDARY);
        continue;
      }
    }
    if (word.runs.length === 0) word.runs.push({ at: 0, raw: base + start });
    out.push(word);
  }
}

function addRun(word: Word, text: string, base: number, from: number, to: number): void {
  if (to <= from) return;
  word.runs.push({ at: word.text.length, raw: base + from });
  word.text += text.slice(from, Math.min(to, text.length));
}

/**
 * The words of a command given as its items (one for the string form). Exec-form items are words
 * as they are, unless they hold a script (CMD-SHELL, `sh -c`); an item whose value is not known
 * (`${VAR}` unset) is one opaque word. The string form is split as Compose and the shell split it.
 */
export function words(items: (string | undefined)[], shell: boolean): Token[] {
  const out: Token[] = [];
  items.forEach((text, item) => {
    if (text === undefined) out.push({ text: '$', item, runs: [{ at: 0, raw: 0 }] });
    else if (shell || SPACE.test(text)) shellWords(text, item, 0, out);
    else out.push({ text, item, runs: [{ at: 0, raw: 0 }] });
  });
  return out;
}

/** A word of a command line as the shell passes it, with its item and offsets in that item's text (end exclusive). */
export interface CommandWord {
  text: string;
  item: number;
  start: number;
  end: number;
}

/**
 * The words of a command line (see words), operators left out: for rules that look for a program
 * or a flag. Items whose value is not known give none.
 */
export function commandLineWords(items: (string | undefined)[], shell: boolean): CommandWord[] {
  const out: CommandWord[] = [];
  for (const word of words(items, shell)) {
    if (word === BOUNDARY || items[word.item] === undefined) continue;
    const start = rawOffset(word, 0);
    out.push({ text: word.text, item: word.item, start, end: word.text === '' ? start : rawOffset(word, word.text.length - 1) + 1 });
  }
  return out;
}
