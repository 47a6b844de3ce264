import type { ClassifiedChange } from '../model/change.generated.ts';
import type { CompiledRetention, CompiledRules } from '../model/rules.generated.ts';
import type { RawChange } from '../diff/declarations.ts';
import { durationDays, humanDuration } from '../model/duration.ts';

type Verdict = Pick<ClassifiedChange, 'material' | 'direction' | 'action' | 'reason'> & Partial<Pick<ClassifiedChange, 'purposes' | 'audience'>>;

const minor = (reason: string): Verdict => ({ material: false, direction: 'neutral', action: 'none', reason });
const widens = (reason: string): Verdict => ({ material: true, direction: 'widens', action: 'notice', reason });
const narrows = (reason: string): Verdict => ({ material: true, direction: 'narrows', action: 'none', reason });
const neutral = (reason: string): Verdict => ({ material: true, direction: 'neutral', action: 'notice', reason });

/**
 * Classify one declaration change: material or not, widening or narrowing processing, what
 * users must get (nothing, notice before the effective date, or a new request for consent),
 * who it concerns, and the semver bump it requires. The rules are in docs/versioning.md.
 */
export function classifyChange(raw: RawChange, before: CompiledRules, after: CompiledRules): ClassifiedChange {
  const verdict = judge(raw, before, after);
  const bump = verdict.action === 'reconsent' || (verdict.material && verdict.direction === 'widens') ? 'major' : verdict.material ? 'minor' : 'patch';
  return {
    ...raw,
    material: verdict.material,
    direction: verdict.direction,
    action: verdict.action,
    bump,
    ...(verdict.purposes ? { purposes: verdict.purposes } : {}),
    audience: verdict.audience ?? (raw.kind === 'integration' ? { scope: 'integration', integration: raw.subject } : { scope: 'everyone' }),
    reason: verdict.reason,
  };
}

function judge(raw: RawChange, before: CompiledRules, after: CompiledRules): Verdict {
  const { kind, change, subject, field } = raw;
  const list = (value: unknown) => (Array.isArray(value) ? value.map((item) => `"${String(item)}"`).join(', ') : `"${String(value)}"`);
  const label = (rules: CompiledRules, map: 'categories' | 'purposes' | 'recipients' | 'integrations') => (rules[map] as Record<string, { label: string }>)[subject]?.label ?? subject;

  switch (kind) {
    case 'meta':
      return field === 'controller' ? neutral(`The company responsible for your data changed`) : minor(`The notice period for material changes changed`);

    case 'category': {
      const name = label(change === 'removed' ? before : after, 'categories');
      if (!field) return change === 'added' ? widens(`New data collected: ${name}`) : narrows(`No longer collected: ${name}`);
      if (field === 'label') return minor(`The category "${subject}" was renamed "${name}"`);
      if (field === 'special') return raw.after === true ? widens(`${name} is now a special category of data`) : narrows(`${name} is no longer a special category of data`);
      if (change === 'added') return widens(`${name} is now also ${field === 'source' ? 'obtained' : field === 'from' ? 'received from' : 'including'} ${list(raw.after)}`);
      if (change === 'removed') return narrows(`${name} no longer ${field === 'source' ? 'obtained' : field === 'from' ? 'received from' : 'includes'} ${list(raw.before)}`);
      return neutral(`How ${name} is obtained changed`);
    }

    case 'purpose': {
      const purpose = (change === 'removed' && !field ? before : after).purposes[subject];
      const name = purpose?.label ?? subject;
      const consent = purpose?.basis === 'consent';
      if (!field) {
        if (change === 'removed') return narrows(`Your data is no longer used to ${lower(name)}`);
        return consent
          ? { ...widens(`New use of your data, with your consent: ${lower(name)}`), action: 'reconsent', purposes: [subject] }
          : widens(`New use of your data: ${lower(name)}`);
      }
      if (field === 'label') return minor(`The purpose "${subject}" was reworded`);
      if (field === 'basis') {
        if (raw.after === 'consent') return { ...neutral(`We now ask your consent to ${lower(name)}`), action: 'reconsent', purposes: [subject] };
        if (raw.before === 'consent') return widens(`We no longer ask your consent to ${lower(name)}; the legal basis is now ${String(raw.after)}`);
        return neutral(`The legal basis for using your data to ${lower(name)} changed from ${String(raw.before)} to ${String(raw.after)}`);
      }
      if (field === 'interest') return neutral(`The legitimate interest behind "${name}" changed`);
      if (change === 'added') {
        const names = (raw.after as string[]).map((id) => after.categories[id]?.label ?? id).join(', ');
        const verdict = widens(`More data used to ${lower(name)}: ${names}`);
        return consent ? { ...verdict, action: 'reconsent', purposes: [subject] } : verdict;
      }
      return narrows(`Less data used to ${lower(name)}`);
    }

    case 'recipient': {
      const name = label(change === 'removed' && !field ? before : after, 'recipients');
      if (!field) return change === 'added' ? widens(`Your data is now shared with a new recipient: ${name}`) : narrows(`Your data is no longer shared with ${name}`);
      if (field === 'label' || field === 'examples') return field === 'examples' && change === 'added' ? widens(`${name} now also include ${list(raw.after)}`) : minor(`The description of ${name} changed`);
      if (field === 'role') return raw.after === 'processor' ? narrows(`${name} now only act on our behalf (processor)`) : widens(`${name} now receive data as ${String(raw.after)}, no longer as ${String(raw.before)}`);
      if (field === 'condition') return neutral(`The condition under which ${name} receive your data changed`);
      if (change === 'added') return widens(`${name} now also receive ${field === 'categories' ? 'data' : 'data for'}: ${lower(labels(after, field, raw.after))}`);
      return narrows(`${name} no longer receive ${field === 'categories' ? 'data' : 'data for'}: ${labels(before, field, raw.before)}`);
    }

    case 'retention': {
      const name = after.categories[subject]?.label ?? subject;
      const longest = (rules: unknown) => Math.max(...(rules as CompiledRetention[]).map(retentionDays));
      const a = longest(raw.before);
      const b = longest(raw.after);
      if (Number.isNaN(a) || Number.isNaN(b)) return neutral(`How long ${name} is kept changed (${describeRetention(raw.before)} → ${describeRetention(raw.after)})`);
      // P1Y and P12M differ by a fraction of a day in this approximation: they are the same period.
      const tolerance = 2;
      if (Math.abs(b - a) <= tolerance || (a === b)) return minor(`The wording of how long ${name} is kept changed`);
      if (b > a) return widens(`We keep ${lower(name)} longer: ${describeRetention(raw.before)} → ${describeRetention(raw.after)}`);
      if (b < a) return narrows(`We keep ${lower(name)} for less time: ${describeRetention(raw.before)} → ${describeRetention(raw.after)}`);
      return minor(`The wording of how long ${name} is kept changed`);
    }

    case 'transfer':
      if (!field) return change === 'added' ? widens('Your data may now be transferred to other countries') : narrows('Your data is no longer transferred to other countries');
      if (field === 'safeguard') return neutral(`The safeguard for international transfers changed from ${String(raw.before)} to ${String(raw.after)}`);
      if (field === 'condition') return neutral('The condition for international transfers changed');
      if (change === 'added') return widens(`International transfers now also cover ${field === 'categories' ? labels(after, 'categories', raw.after) : list(raw.after)}`);
      if (change === 'removed') return narrows(`International transfers no longer cover ${field === 'categories' ? labels(before, 'categories', raw.before) : list(raw.before)}`);
      return neutral('The countries your data may be transferred to changed');

    case 'integration': {
      const name = label(change === 'removed' && !field ? before : after, 'integrations');
      if (!field) return change === 'added' ? widens(`New integration: ${name}`) : narrows(`The ${name} integration was removed`);
      if (field === 'label') return minor(`The ${name} integration was renamed`);
      if (field === 'noSale') return raw.after === true ? narrows(`We now commit not to sell ${name} data`) : widens(`We no longer commit not to sell ${name} data`);
      if (field === 'access') return raw.after === 'stops' ? narrows(`Access to ${name} data now stops when you disconnect`) : widens(`Access to ${name} data no longer stops when you disconnect`);
      if (field === 'deletion') {
        const a = raw.before === 'unstated' ? Number.NaN : durationDays(String(raw.before));
        const b = raw.after === 'unstated' ? Number.NaN : durationDays(String(raw.after));
        if (!Number.isNaN(a) && !Number.isNaN(b) && b < a) return narrows(`${name} data is deleted sooner after you disconnect: within ${humanDuration(String(raw.after))}`);
        if (Number.isNaN(a) && !Number.isNaN(b)) return narrows(`${name} data is now deleted within ${humanDuration(String(raw.after))} after you disconnect`);
        return widens(`${name} data may be kept longer after you disconnect`);
      }
      if (field === 'deletionAction') return neutral(`What happens to ${name} data after you disconnect changed`);
      if (change === 'added') return widens(`${name} data: now also ${field === 'uses' ? 'used for' : field === 'receives' ? 'receiving' : field === 'categories' ? 'covering' : 'excepted'} ${field === 'categories' ? labels(after, 'categories', raw.after) : list(raw.after)}`);
      return narrows(`${name} data: no longer ${field === 'uses' ? 'used for' : field === 'receives' ? 'receiving' : field === 'categories' ? 'covering' : 'excepted'} ${list(raw.before)}`);
    }

    case 'rights':
      if (field === 'jurisdictions') {
        const places = (change === 'added' ? raw.after : raw.before) as string[];
        return {
          ...(change === 'added' ? narrows(`Your rights now also apply in ${places.join(', ')}`) : widens(`Your rights no longer apply in ${places.join(', ')}`)),
          audience: { scope: 'jurisdiction', jurisdiction: places.join(', ') },
        };
      }
      return change === 'added' ? narrows(`New rights: ${list(raw.after)}`) : widens(`Rights removed: ${list(raw.before)}`);

    case 'children': {
      const a = raw.before as number | null;
      const b = raw.after as number | null;
      if (a === null || (b !== null && b < a)) return widens(`The minimum age is now ${String(b ?? 'not stated')}`);
      return narrows(`The minimum age is now ${String(b ?? 'not stated')}`);
    }

    case 'cookies':
      if (field === 'controls') return change === 'added' ? narrows(`New ways to control cookies: ${list(raw.after)}`) : widens(`Ways to control cookies removed: ${list(raw.before)}`);
      return change === 'added' ? widens(`Cookies and similar technologies now also used: ${list(raw.after)}`) : narrows(`Cookies and similar technologies no longer used: ${list(raw.before)}`);

    case 'contact':
      return change === 'added' ? minor(`New ways to contact us: ${list(raw.after)}`) : minor(`Contact details removed: ${list(raw.before)}`);

    case 'changes':
      if (field === 'acceptance') return neutral('How you accept a changed policy changed');
      return minor('How we announce changes changed');

    default:
      return minor(`The ${kind} section changed`);
  }
}

function labels(rules: CompiledRules, field: string | undefined, ids: unknown): string {
  const map = field === 'purposes' ? rules.purposes : rules.categories;
  return (ids as string[]).map((id) => (map as Record<string, { label: string }>)[id]?.label ?? id).join(', ');
}

/** Days a retention rule keeps data at most; infinite for an event with no end, NaN when incomparable. */
function retentionDays(rule: CompiledRetention): number {
  if (rule.kind === 'period') return durationDays(rule.period!);
  if (rule.kind === 'event') return Number.POSITIVE_INFINITY;
  return Number.NaN;
}

function describeRetention(rules: unknown): string {
  return (rules as CompiledRetention[])
    .map((rule) => (rule.kind === 'period' ? humanDuration(rule.period!) : rule.kind === 'event' ? `until ${rule.event!.replace(/-/g, ' ')}${rule.then ? `, then ${humanDuration(rule.then)}` : ''}` : rule.kind === 'criteria' ? 'as long as necessary' : 'not stated'))
    .join('; ');
}

/** Lower-case the first letter for use mid-sentence, unless it starts an acronym ("IP address"). */
function lower(text: string): string {
  return /^.[A-Z]/u.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}
