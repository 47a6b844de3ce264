import type { ProseReason } from './prose.ts';
import { mentions } from './vocabulary.ts';

/**
 * Does the text of a policy's declarations already say what a prose reason names? The same
 * words, or the same vocabulary concept: "usage data" in a sentence is declared when "usage
 * logs" are (both name how a user uses the service), "18 months" when the new period of a
 * changed one is. `declared` is lower-case text, hyphens as spaces.
 */
export function declaresReason(declared: string, reason: Pick<ProseReason, 'term'>): boolean {
  const value = (reason.term.split(' → ').at(-1) ?? reason.term).toLowerCase().replace(/-/g, ' ');
  if (declared.includes(value)) return true;
  const named = new Set(mentions(value).map((mention) => mention.concept.id));
  if (named.size === 0) return false;
  const present = new Set(mentions(declared).map((mention) => mention.concept.id));
  return [...named].every((id) => present.has(id));
}
