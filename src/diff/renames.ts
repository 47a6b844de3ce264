import { canonicalJson } from '../model/canonical.ts';
import type { PolicyModel } from './declarations.ts';

/** An id that is gone and one that is new in the same declaration list: a rename, or a removal plus an addition. */
export interface IdChange {
  /** The declaration list, e.g. `categories`. */
  list: string;
  /** The new id. */
  added: string;
  /** The ids gone from the same list. */
  removed: string[];
  /** The gone id whose item says exactly what the new one says, if one does: most likely a rename. */
  sameAs?: string;
}

/** The declaration lists whose items have permanent ids. */
const identified = ['categories', 'purposes', 'recipients', 'integrations'] as const;

const content = (item: Record<string, unknown>) => {
  const { id: _id, renamedFrom: _renamedFrom, ...rest } = item;
  return canonicalJson(rest);
};

/**
 * New ids next to gone ones, for `policy check` to say that ids are permanent, and to suggest
 * `renamedFrom` when the new item says the same as a gone one. Renames already declared with
 * `renamedFrom` are not listed.
 */
export function idChanges(before: PolicyModel, after: PolicyModel): IdChange[] {
  const found: IdChange[] = [];
  for (const list of identified) {
    const previous = before.declarations[list] as unknown as Record<string, unknown>[];
    const next = after.declarations[list] as unknown as Record<string, unknown>[];
    const renamedFrom = new Set<unknown>(next.map((item) => item.renamedFrom).filter((id) => id !== undefined));
    const gone = previous.filter((item) => !next.some((other) => other.id === item.id) && !renamedFrom.has(item.id));
    if (gone.length === 0) continue;
    for (const item of next) {
      if (previous.some((old) => old.id === item.id) || (item.renamedFrom !== undefined && previous.some((old) => old.id === item.renamedFrom))) continue;
      const same = gone.find((old) => content(old) === content(item));
      found.push({ list, added: item.id as string, removed: gone.map((old) => old.id as string), ...(same ? { sameAs: same.id as string } : {}) });
    }
  }
  return found;
}
