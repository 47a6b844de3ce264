import type { CompiledRules } from '../model/rules.generated.ts';
import type { ClassifiedChange } from '../model/change.generated.ts';
import { canonicalJson } from '../model/canonical.ts';

/** A change before classification: what changed, from what, to what. */
export type RawChange = Pick<ClassifiedChange, 'kind' | 'change' | 'subject' | 'field' | 'before' | 'after'>;

type Kind = RawChange['kind'];

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * The structured diff of two compiled versions: every declaration added, removed or
 * changed. Lists of ids and labels are compared as sets, so reordering is not a change;
 * each item added to or removed from a list is reported (as `added` / `removed` of the field).
 */
export function diffRules(before: CompiledRules, after: CompiledRules): RawChange[] {
  const changes: RawChange[] = [];
  const push = (change: RawChange) => changes.push(change);

  const value = (kind: Kind, subject: string, field: string, a: unknown, b: unknown) => {
    if (!same(a, b)) push({ kind, change: 'changed', subject, field, ...(a === undefined ? {} : { before: a }), ...(b === undefined ? {} : { after: b }) });
  };
  const set = (kind: Kind, subject: string, field: string, a: readonly string[] | 'unstated', b: readonly string[] | 'unstated') => {
    if (a === 'unstated' || b === 'unstated') return value(kind, subject, field, a, b);
    const added = b.filter((item) => !a.includes(item));
    const removed = a.filter((item) => !b.includes(item));
    if (added.length > 0) push({ kind, change: 'added', subject, field, after: added });
    if (removed.length > 0) push({ kind, change: 'removed', subject, field, before: removed });
  };
  const keyed = <T extends object>(kind: Kind, a: Record<string, T | undefined>, b: Record<string, T | undefined>, fields: (subject: string, x: T, y: T) => void) => {
    for (const [id, item] of Object.entries(b)) if (!(id in a)) push({ kind, change: 'added', subject: id, after: item });
    for (const [id, item] of Object.entries(a)) {
      if (item === undefined) continue;
      const next = b[id];
      if (next === undefined) push({ kind, change: 'removed', subject: id, before: item });
      else fields(id, item, next);
    }
  };

  value('meta', 'controller', 'controller', before.controller, after.controller);
  value('meta', 'notice-period', 'noticePeriod', before.noticePeriod, after.noticePeriod);

  keyed('category', before.categories, after.categories, (id, a, b) => {
    value('category', id, 'label', a.label, b.label);
    set('category', id, 'examples', a.examples, b.examples);
    set('category', id, 'source', a.source, b.source);
    set('category', id, 'from', a.from, b.from);
    value('category', id, 'special', a.special, b.special);
  });
  keyed('purpose', before.purposes, after.purposes, (id, a, b) => {
    value('purpose', id, 'label', a.label, b.label);
    value('purpose', id, 'basis', a.basis, b.basis);
    value('purpose', id, 'interest', a.interest, b.interest);
    set('purpose', id, 'categories', a.categories, b.categories);
  });
  const beforePurposes = Object.keys(before.purposes);
  const newPurposes = new Set(Object.keys(after.purposes).filter((id) => !(id in before.purposes)));
  keyed('recipient', before.recipients, after.recipients, (id, a, b) => {
    value('recipient', id, 'label', a.label, b.label);
    value('recipient', id, 'role', a.role, b.role);
    set('recipient', id, 'examples', a.examples, b.examples);
    set('recipient', id, 'categories', a.categories, b.categories);
    // A recipient declared for every purpose covers a new purpose too: that is the new
    // purpose's change, reported once, not one more change per recipient.
    const coveredAll = beforePurposes.every((purpose) => a.purposes.includes(purpose));
    const implied = coveredAll ? b.purposes.filter((purpose) => !newPurposes.has(purpose)) : b.purposes;
    set('recipient', id, 'purposes', a.purposes, coveredAll ? implied : b.purposes);
    value('recipient', id, 'condition', a.condition, b.condition);
  });
  for (const id of Object.keys(after.retention)) {
    if (id in before.retention) value('retention', id, 'rules', before.retention[id], after.retention[id]);
  }

  const transfers = Math.max(before.transfers.length, after.transfers.length);
  for (let index = 0; index < transfers; index++) {
    const a = before.transfers[index];
    const b = after.transfers[index];
    const subject = `transfer ${index + 1}`;
    if (!a) push({ kind: 'transfer', change: 'added', subject, after: b });
    else if (!b) push({ kind: 'transfer', change: 'removed', subject, before: a });
    else {
      set('transfer', subject, 'destinations', a.destinations, b.destinations);
      set('transfer', subject, 'categories', a.categories, b.categories);
      set('transfer', subject, 'reasons', a.reasons, b.reasons);
      value('transfer', subject, 'safeguard', a.safeguard, b.safeguard);
      value('transfer', subject, 'condition', a.condition, b.condition);
    }
  }

  keyed('integration', before.integrations, after.integrations, (id, a, b) => {
    value('integration', id, 'label', a.label, b.label);
    set('integration', id, 'receives', a.receives, b.receives);
    set('integration', id, 'categories', a.categories, b.categories);
    set('integration', id, 'uses', a.uses.map((use) => use.label), b.uses.map((use) => use.label));
    value('integration', id, 'access', a.onDisconnect.access, b.onDisconnect.access);
    value('integration', id, 'deletion', a.onDisconnect.deletion.within, b.onDisconnect.deletion.within);
    value('integration', id, 'deletionAction', a.onDisconnect.deletion.action, b.onDisconnect.deletion.action);
    set('integration', id, 'deletionExceptions', a.onDisconnect.deletion.exceptions, b.onDisconnect.deletion.exceptions);
    value('integration', id, 'noSale', a.noSale, b.noSale);
    set('integration', id, 'disclosureExceptions', a.disclosureExceptions, b.disclosureExceptions);
  });

  set('rights', 'jurisdictions', 'jurisdictions', before.rights.jurisdictions, after.rights.jurisdictions);
  const kinds = (rules: CompiledRules) => [...new Set(Object.values(rules.rights.granted).flatMap((right) => right?.kinds ?? []))];
  set('rights', 'rights', 'kinds', kinds(before), kinds(after));
  value('children', 'minimum-age', 'minimumAge', before.minimumAge, after.minimumAge);

  const cookies = (rules: CompiledRules) => rules.cookies ?? { technologies: [], purposes: [], categories: [], controls: [] };
  set('cookies', 'cookies', 'technologies', cookies(before).technologies, cookies(after).technologies);
  set('cookies', 'cookies', 'purposes', cookies(before).purposes, cookies(after).purposes);
  set('cookies', 'cookies', 'controls', cookies(before).controls ?? [], cookies(after).controls ?? []);

  const channels = (rules: CompiledRules) => (rules.contact?.channels ?? []).map((channel) => `${channel.type}: ${channel.value}`);
  set('contact', 'contact', 'channels', channels(before), channels(after));
  value('changes', 'changes', 'acceptance', before.changes?.acceptance, after.changes?.acceptance);
  set('changes', 'changes', 'channels', before.changes?.channels ?? [], after.changes?.channels ?? []);
  return changes;
}
