/** Messages name the user's values; they must not carry a 200 kB one (or half a surrogate pair). */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max;
  return `${text.slice(0, cut)}…`;
}

/**
 * A variable, argument or label name in a message: as written, or quoted when a blank or a quote in
 * it would blur where it ends. Compose splits `- KEY = value` at the `=` and trims nothing, so that
 * item names "KEY " (and holds " value"): the blank is part of the name the container sees.
 */
export function nameInMessage(name: string): string {
  return /^[^\s"'`]+$/.test(name) ? name : JSON.stringify(name);
}

/** `"a"`, `"a" and "b"`, `"a", "b", "c", "d", "e" and 3 more`: a list for a message that stays short however long the project. */
export function andList(items: string[], max = 5): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length > max) return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
