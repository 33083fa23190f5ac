/** Messages name the user's values; they must not carry a 200 kB one (or half a surrogate pair). */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max;
  return `${text.slice(0, cut)}…`;
}
