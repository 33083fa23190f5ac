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
