import { canonicalJson } from '../model/canonical.ts';
import { renamesOf, type PolicyModel } from './declarations.ts';
import { identifiedLists } from './fields.ts';

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

const content = (item: Record<string, unknown>) => {
  const { id: _id, renamedFrom: _renamedFrom, ...rest } = item;
  return canonicalJson(rest);
};

/**
 * New ids next to gone ones, for `policy check` to say that ids are permanent, and to suggest
 * `renamedFrom` when the new item says the same as a gone one. Renames already declared with
 * `renamedFrom` (as the semantic diff reads them) are not listed.
 */
export function idChanges(before: PolicyModel, after: PolicyModel): IdChange[] {
  const found: IdChange[] = [];
  for (const list of identifiedLists) {
    const previous = (before.declarations as unknown as Record<string, Record<string, unknown>[] | undefined>)[list] ?? [];
    const next = (after.declarations as unknown as Record<string, Record<string, unknown>[] | undefined>)[list] ?? [];
    const renames = renamesOf(previous as { id: string }[], next as { id: string; renamedFrom?: string }[]);
    const previousIds = new Set(previous.map((item) => item.id));
    const nextIds = new Set(next.map((item) => item.id));
    const renamedTo = new Set(renames.values());
    const gone = previous.filter((item) => !nextIds.has(item.id) && !renames.has(item.id as string));
    if (gone.length === 0) continue;
    for (const item of next) {
      if (previousIds.has(item.id) || renamedTo.has(item.id as string)) continue;
      const same = gone.find((old) => content(old) === content(item));
      found.push({ list, added: item.id as string, removed: gone.map((old) => old.id as string), ...(same ? { sameAs: same.id as string } : {}) });
    }
  }
  return found;
}
