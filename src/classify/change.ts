import type { Audience, ClassifiedChange } from '../model/change.generated.ts';
import type { Category } from '../model/policy.generated.ts';
import type { DeclarationChange, PolicyModel } from '../diff/declarations.ts';
import { declarationList, identities, itemSubject } from '../diff/fields.ts';
import { escalations, ruleFor, type ChangeRule } from './rules.ts';
import { humanDuration, isIsoDuration } from '../model/duration.ts';

type Json = Record<string, unknown>;
type Action = ClassifiedChange['action'];

/** From least to most: what users must be given. */
export const actionOrder: readonly Action[] = ['none', 'inform', 'notice', 'reconsent', 'explicit-consent'];

/** The section of the policy a schema path is in, as `kind` on a classified change. */
const sections: Record<string, ClassifiedChange['kind']> = {
  meta: 'meta', categories: 'category', purposes: 'purpose', recipients: 'recipient', retention: 'retention', transfers: 'transfer', integrations: 'integration',
  rights: 'rights', children: 'children', cookies: 'cookies', contact: 'contact', security: 'security', thirdPartyLinks: 'third-party-links', changes: 'changes',
};

/** When the table has no row (a schema field added without one): never silent, treated as a widening. */
const unknownRule: ChangeRule = {
  path: '', change: '*', material: true, direction: 'widens', bump: 'major', action: 'notice',
  what: '{path} changed', why: 'No rule classifies this change yet: it is treated as a widening until the rule table has a row for it.',
};

/**
 * Classify one semantic change by the rule table: material or not, its direction, the bump
 * it needs, what users must get and who it concerns, with the reason in plain words. Raised
 * to consent when it widens what is done under a consent purpose, to explicit consent when it
 * concerns a special category or children. Undefined for bookkeeping (version, dates).
 */
export function classifyChange(change: DeclarationChange, before: PolicyModel, after: PolicyModel): ClassifiedChange | undefined {
  const previous = 'before' in change ? change.before : undefined;
  const next = 'after' in change ? change.after : undefined;
  const rule = ruleFor(change.path, change.change, previous, next) ?? { ...unknownRule, path: change.path };
  if (rule.ignore) return undefined;
  const scene = new Scene(change, before, after);

  let action: Action = rule.action;
  let bump = rule.bump;
  const legal = [rule.why];
  const purposes = new Set<string>(rule.action === 'reconsent' ? [change.subject] : []);
  const raise = (when: (typeof escalations)[number]['when']) => {
    const escalation = escalations.find((candidate) => candidate.when === when)!;
    if (actionOrder.indexOf(escalation.action) <= actionOrder.indexOf(action)) return;
    action = escalation.action;
    bump = 'major';
    if (!legal.includes(escalation.why)) legal.push(escalation.why);
  };
  if (rule.direction === 'widens' || rule.action === 'reconsent') {
    const consentPurposes = scene.consentPurposes();
    if (consentPurposes.length > 0) {
      for (const purpose of consentPurposes) purposes.add(purpose);
      raise('consent-purpose');
    }
  }
  if (rule.direction === 'widens') {
    if (scene.categories('after').some((id) => scene.category('after', id)?.special === true)) raise('special-category');
    if (change.path.startsWith('declarations.children')) raise('children');
  }

  return {
    kind: sections[listOf(change.path) ?? 'meta'] ?? 'meta',
    change: change.change,
    path: change.path,
    subject: change.subject,
    ...(change.field ? { field: change.field } : {}),
    ...(previous !== undefined ? { before: previous } : {}),
    ...(next !== undefined ? { after: next } : {}),
    material: rule.material || action === 'reconsent' || action === 'explicit-consent',
    direction: rule.direction,
    action,
    bump,
    ...(change.change === 'added' && change.reachedBy ? { reachedBy: change.reachedBy } : {}),
    ...(purposes.size > 0 && (action === 'reconsent' || action === 'explicit-consent') ? { purposes: [...purposes] } : {}),
    audience: scene.audience(rule),
    reason: scene.fill(rule.what),
    legalReason: legal.join(' '),
  };
}

/** A change and the two versions around it: the items, categories and purposes it concerns. */
class Scene {
  readonly change: DeclarationChange;
  readonly models: { before: PolicyModel; after: PolicyModel };

  constructor(change: DeclarationChange, before: PolicyModel, after: PolicyModel) {
    this.change = change;
    this.models = { before, after };
  }

  /** The side the change's item lives on: the old version for a removal. */
  private get side(): 'before' | 'after' {
    return this.change.change === 'removed' ? 'before' : 'after';
  }

  private list(side: 'before' | 'after', name: string): Json[] {
    return ((this.models[side].declarations as unknown as Record<string, unknown>)[name] ?? []) as Json[];
  }

  /** The declared item (top level) the change is in or is about, on a side. */
  private topItem(side: 'before' | 'after'): Json | undefined {
    const { change } = this;
    const outer = change.owners[0];
    if (outer) return this.findItem(side, outer.list, outer.subject);
    if (change.change === 'added' && change.owners.length === 0 && change.path.split('.').length === 2) return change.after as Json;
    if (change.change === 'removed' && change.owners.length === 0 && change.path.split('.').length === 2) return change.before as Json;
    return undefined;
  }

  private findItem(side: 'before' | 'after', list: string, subject: string): Json | undefined {
    const other = side === 'after' ? 'before' : 'after';
    const items = this.list(side, list);
    const found = items.find((item) => item.id === subject);
    if (found) return found;
    // Items without ids (transfers, retention rules) are named by their first identity key, as the diff names them.
    const node = declarationList(list);
    const named = (item: Json) => node !== undefined && itemSubject(node, item) === subject;
    return items.find(named) ?? this.list(other, list).find((item) => item.id === subject || named(item));
  }

  category(side: 'before' | 'after', id: string): Category | undefined {
    return (this.list(side, 'categories') as unknown as Category[]).find((category) => category.id === id) ?? (this.list(side === 'after' ? 'before' : 'after', 'categories') as unknown as Category[]).find((category) => category.id === id);
  }

  private resolve(side: 'before' | 'after', target: string, value: unknown): string[] {
    if (value === undefined || value === 'all') return this.list(side, target).map((item) => item.id as string);
    return value as string[];
  }

  /** The categories of data the change concerns. */
  categories(side: 'before' | 'after' = this.side): string[] {
    const { change } = this;
    const list = listOf(change.path);
    if (change.field === 'categories' && (change.change === 'added' || change.change === 'removed')) return [String(change.change === 'added' ? change.after : change.before)];
    if (list === 'categories') return [change.owners[0]?.subject ?? change.subject];
    const item = this.topItem(side);
    if (isObject(item) && 'categories' in item) return this.resolve(side, 'categories', item.categories);
    if (list === 'cookies') return this.resolve(side, 'categories', (this.models[side].declarations.cookies as Json | undefined)?.categories ?? []);
    return [];
  }

  /** The purposes based on consent that a change brings data under. */
  consentPurposes(): string[] {
    const { change } = this;
    const after = this.list('after', 'purposes');
    const consent = (id: unknown) => after.some((purpose) => purpose.id === id && purpose.basis === 'consent');
    const list = listOf(change.path);
    const found = new Set<string>();
    if (list === 'purposes') {
      const id = change.owners[0]?.subject ?? change.subject;
      if (consent(id)) found.add(id);
    }
    if (list === 'categories' && change.change === 'added' && 'reachedBy' in change) {
      for (const place of change.reachedBy ?? []) {
        const [where, id] = place.split('/');
        if (where === 'purposes' && consent(id)) found.add(id!);
      }
    }
    const recipient = list === 'recipients' ? this.topItem('after') : undefined;
    // Sharing more under a consent purpose with anyone but our processor needs that consent again:
    // what was agreed did not cover another company's use. A processor acts on our behalf (Art. 28), so a notice is enough.
    if (recipient && recipient.role !== 'processor') {
      const added = change.field === 'purposes' && change.change === 'added';
      const ids = added ? [String(change.after)] : this.resolve('after', 'purposes', recipient.purposes ?? []);
      for (const id of ids) if (consent(id)) found.add(id);
    }
    if (list === 'integrations') {
      const integration = this.topItem('after');
      const uses = change.path.endsWith('.uses') && change.change === 'added' ? [change.after as Json] : change.path.includes('uses[]') ? [this.useOf(integration)] : ((integration?.uses ?? []) as Json[]);
      for (const use of uses) if (use && consent(use.purpose)) found.add(use.purpose as string);
    }
    return [...found];
  }

  private useOf(integration: Json | undefined): Json | undefined {
    const subject = this.change.owners[1]?.subject;
    return ((integration?.uses ?? []) as Json[]).find((use) => use.label === subject) ?? { purpose: this.change.change === 'removed' ? undefined : (this.change as { after?: unknown }).after };
  }

  /** Everyone, the users of one integration, or the users of the jurisdictions named. */
  audience(rule: ChangeRule): Audience {
    const { change } = this;
    if (rule.audience === 'jurisdiction') return { scope: 'jurisdiction', jurisdiction: String(change.change === 'removed' ? change.before : (change as { after: unknown }).after) };
    const list = listOf(change.path);
    if (list === 'integrations') return { scope: 'integration', integration: change.owners[0]?.subject ?? change.subject };
    // A change about data that only comes from one integration concerns only its users.
    if (list === 'categories' || list === 'purposes') {
      const owners = new Set(this.categories().map((id) => this.integrationOf(id)));
      const [only] = owners;
      if (owners.size === 1 && only) return { scope: 'integration', integration: only };
    }
    return { scope: 'everyone' };
  }

  /** The integration a category's data comes from, when it comes only from that one. */
  private integrationOf(id: string): string | undefined {
    const category = this.category(this.side, id);
    if (!category || !Array.isArray(category.source) || category.source.length !== 1 || category.source[0] !== 'third-party') return undefined;
    const from = category.from ?? [];
    const integrations = this.list(this.side, 'integrations');
    const matches = new Set(from.map((name) => integrations.find((integration) => [integration.id, integration.label, integration.provider].some((value) => String(value).toLowerCase() === name.toLowerCase()))?.id));
    const [only] = matches;
    return matches.size === 1 && typeof only === 'string' ? only : undefined;
  }

  /** Fill a rule's `what` template with the names and values of this change. */
  fill(template: string): string {
    const { change } = this;
    const item = this.topItem(this.side);
    const innermost = change.owners.length > 1 ? undefined : item;
    const name = (object: Json | undefined): string | undefined => {
      if (!object) return undefined;
      if (typeof object.label === 'string') return object.label;
      // Items without a label are named by what they cover: a transfer by its destinations, a retention rule by its data.
      if (object.destinations === 'unstated') return 'countries the policy does not name';
      if (object.destinations !== undefined) return this.render(object.destinations);
      if (object.categories !== undefined) return object.categories === 'all' ? 'all data' : this.render(object.categories, 'categories');
      if (typeof object.type === 'string' && typeof object.value === 'string') return `${object.type}: ${object.value}`;
      return undefined;
    };
    const itemName = change.owners.length > 1 ? change.owners.at(-1)!.subject : (name(innermost) ?? change.subject);
    const value = change.change === 'added' ? change.after : change.change === 'removed' ? change.before : undefined;
    const values: Record<string, string> = {
      // An item added or removed is named by its own label; a change inside one, by the item's.
      item: isObject(value) ? (name(value) ?? change.subject) : itemName,
      owner: name(item) ?? change.owners[0]?.subject ?? change.subject,
      value: this.render(value, change.field),
      before: this.render('before' in change ? change.before : undefined),
      after: this.render('after' in change ? change.after : undefined),
      path: change.path,
    };
    // Purposes read as verbs after "to" ("used to send newsletters"); names keep their capitals.
    const verbs = new Set([...(listOf(change.path) === 'purposes' ? ['item'] : []), ...(change.field?.endsWith('purposes') ? ['value'] : [])]);
    return template.replace(/(to )?\{(\w+)\}/g, (_match, to: string | undefined, name: string) => (to && verbs.has(name) ? `to ${lower(values[name] ?? '')}` : `${to ?? ''}${values[name] ?? ''}`));
  }

  /** A value in words: a duration as "6 months", ids as their labels, lists joined. */
  private render(value: unknown, field?: string): string {
    if (value === undefined || value === null) return '';
    if (value === 'unstated') return 'not stated';
    if (Array.isArray(value)) return value.map((entry) => this.render(entry, field)).join(', ');
    if (typeof value === 'string') {
      if (isIsoDuration(value)) return humanDuration(value);
      const target = field?.endsWith('categories') ? 'categories' : field?.endsWith('purposes') ? 'purposes' : undefined;
      if (target) {
        const found = this.list('after', target).find((entry) => entry.id === value) ?? this.list('before', target).find((entry) => entry.id === value);
        return found ? String(found.label) : value;
      }
      return value;
    }
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    if (typeof value === 'number') return String(value);
    const object = value as Json;
    if (typeof object.period === 'string') return humanDuration(object.period);
    if (object.until) {
      const until = object.until as { event: string; then?: string };
      return `until ${until.event.replace(/-/g, ' ')}${until.then ? `, then ${humanDuration(until.then)}` : ''}`;
    }
    if (Array.isArray(object.criteria)) return `as long as necessary (${(object.criteria as string[]).join('; ')})`;
    if (typeof object.type === 'string' && typeof object.value === 'string') return `${object.type}: ${object.value}`;
    return labelOf(object) ?? identityName(object);
  }
}

/** The declaration a path is in: `integrations` for `declarations.integrations[].uses`. */
function listOf(path: string): string | undefined {
  return path.startsWith('meta') ? 'meta' : path.split('.')[1]?.replace('[]', '');
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function labelOf(item: Json | undefined): string | undefined {
  return item && typeof item.label === 'string' ? item.label : undefined;
}

/**
 * How an item without an id is named, as the diff names it: by the first key of the most
 * specific identity (`x-identity` in the schema) whose keys it has (a transfer by its
 * destinations, though it has categories too).
 */
function identityName(item: Json): string {
  const identity = identities.filter((keys) => keys.every((key) => item[key] !== undefined)).sort((a, b) => b.length - a.length)[0];
  const value = identity ? item[identity[0]!] : undefined;
  return Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value);
}

/** Lower-case the first letter for use mid-sentence, unless it starts an acronym ("IP address"). */
function lower(text: string): string {
  return /^.[A-Z]/u.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}
