/** Wording helpers shared by the network rules' messages. */

/** `"a", "b" and 2 more`: quoted names, capped so a message stays readable on large projects. */
export function quoted(names: string[], max = 4): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
