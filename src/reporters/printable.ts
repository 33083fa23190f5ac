/**
 * Compose files are untrusted input: control characters in names or values (a double-quoted
 * YAML `"\e"` is an escape character) must not reach the terminal. Every message the CLI prints
 * goes through this. In the text report it also makes every escape left in the output ours, so
 * stripping them all is a reliable way to turn colour off.
 */
export function printable(text: string, keepLineBreaks = false): string {
  const pattern = keepLineBreaks ? /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g : /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;
  return text.replace(pattern, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
