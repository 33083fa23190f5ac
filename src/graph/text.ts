/** Wording helpers shared by the network rules' messages. */
import { andList } from '../excerpt.js';

/** `"a", "b" and 2 more`: quoted names, capped so a message stays readable on large projects. */
export function quoted(names: string[], max = 4): string {
  return andList(names.map((n) => `"${n}"`), max);
}
