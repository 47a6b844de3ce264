// The runtime of compiled policy modules: what `import { policy } from '.../rules/allai/index.js'`
// gives a backend service. It holds no parser, schema or file I/O: every lookup reads tables
// precomputed by `policy build`. Copied into dist/ by the build (as JS and .d.ts).
import type { CompiledIntegration, CompiledRetention, CompiledRules } from '../model/rules.generated.ts';
import type { ClassifiedChange } from '../model/change.generated.ts';

/** One compiled version as embedded in the module. */
export interface VersionData {
  rules: CompiledRules;
  /** SHA-256 of the canonical rules.json. */
  hash: string;
  /** Classified changes from the previous published version to this one. */
  changes: ClassifiedChange[];
  /** Classified changes from this version to the current one, compared directly (not summed release by release). */
  changesToCurrent: ClassifiedChange[];
  /** Precomputed lookups: purpose → categories, recipient → categories and purposes. */
  index: {
    allow: Record<string, Record<string, true>>;
    receive: Record<string, { categories: Record<string, true>; purposes: Record<string, true> }>;
  };
}

/** Everything a compiled module embeds: its versions in ascending semver order. */
export interface PolicyData {
  id: string;
  versions: VersionData[];
}

/** What a user told us, to scope changes to those that concern them. */
export interface UserContext<I extends string = string> {
  /** Integrations the user has connected. Omitted: none. */
  integrations?: readonly I[];
  /** The user's jurisdiction, as the policy names it (e.g. "EEA", "California"). */
  jurisdiction?: string;
}

/** When data must be deleted: a date, a date once an event happens, or no fixed date. */
export type DeleteBy =
  | { kind: 'date'; date: string; rule: CompiledRetention }
  | { kind: 'after-event'; event: string; then: string | null; rule: CompiledRetention }
  | { kind: 'criteria'; criteria: string[]; rule: CompiledRetention }
  | { kind: 'unstated'; text: string | null; rule: CompiledRetention | null };

/** Dates `deleteBy` computes from: ISO date strings (YYYY-MM-DD) or Date objects. */
export interface DeleteByEvents<I extends string = string> {
  collectedAt: string | Date;
  accountDeletedAt?: string | Date;
  disconnectedAt?: string | Date;
  contractEndedAt?: string | Date;
  consentWithdrawnAt?: string | Date;
  lastActivityAt?: string | Date;
  /** For data received through an integration the user disconnected. */
  integration?: I;
}

/** A query for `can`/`assertAllowed`: may this purpose (or recipient) use this category? */
export interface UseQuery<C extends string, P extends string, R extends string> {
  category: C;
  purpose?: P;
  recipient?: R;
}

/** Thrown by `assertAllowed`: names the policy, the version and the missing declaration. */
export class PolicyViolation extends Error {
  override readonly name = 'PolicyViolation';
  readonly policy: string;
  readonly version: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** The declaration that would allow the use, e.g. `purposes.analytics.categories` lacks `contact`. */
  readonly missing: string;

  constructor(policy: string, version: string, query: Record<string, string | undefined>, missing: string) {
    super(`${policy}@${version} does not allow this: ${missing}`);
    this.policy = policy;
    this.version = version;
    this.query = query;
    this.missing = missing;
  }
}

/** Thrown when asked about a version that was never published. */
export class UnknownVersionError extends Error {
  override readonly name = 'UnknownVersionError';
  constructor(policy: string, version: string, known: readonly string[]) {
    super(`${policy} has no published version ${version}; known versions: ${known.join(', ')}`);
  }
}

/** The questions one version of the policy answers. */
export interface PolicyVersion<C extends string, P extends string, R extends string, I extends string> {
  readonly policy: string;
  readonly version: string;
  readonly effective: string;
  /** SHA-256 of this version's canonical rules.json. */
  readonly hash: string;
  readonly rules: CompiledRules;
  /** May purpose P use category C? With `recipient`, may R receive C (for P, if given)? */
  can(query: UseQuery<C, P, R>): boolean;
  /** Like `can`, but throws a {@link PolicyViolation} naming what is missing. */
  assertAllowed(query: UseQuery<C, P, R>): void;
  /** May recipient R receive category C (for purpose P), and under which stated condition? */
  mayReceive(recipient: R, category: C, purpose?: P): { allowed: boolean; condition: string | null };
  /** The retention rules of a category. */
  retention(category: C): readonly CompiledRetention[];
  /** When data of category C must be deleted, given what happened to it. */
  deleteBy(category: C, events: DeleteByEvents<I>): DeleteBy;
  /** An integration's terms: permitted uses, what happens on disconnect, the no-sale commitment. */
  integration(id: I): CompiledIntegration;
}

/** A compiled policy: its current version's answers, plus every published version and the changes between them. */
export interface CompiledPolicy<C extends string, P extends string, R extends string, I extends string, V extends string> extends PolicyVersion<C, P, R, I> {
  /** Every published version, ascending. */
  readonly versions: readonly V[];
  /** The answers of one published version. */
  at(version: V): PolicyVersion<C, P, R, I>;
  /** What changed between `acceptedVersion` and the current version, compared directly, classified. */
  changesSince(acceptedVersion: V): readonly ClassifiedChange[];
  /** Must a user who accepted `acceptedVersion` consent again (to the listed purposes)? */
  requiresReconsent(acceptedVersion: V, user?: UserContext<I>): boolean;
  /** Must a user who accepted `acceptedVersion` be notified of a material change? */
  mustNotify(acceptedVersion: V, user?: UserContext<I>): boolean;
}

/** Build the policy object a compiled module exports. */
export function createPolicy<C extends string, P extends string, R extends string, I extends string, V extends string>(data: PolicyData): CompiledPolicy<C, P, R, I, V> {
  const versions = data.versions.map((version) => createVersion<C, P, R, I>(data.id, version));
  const names = data.versions.map((version) => version.rules.version as V);
  const current = versions.at(-1)!;
  const indexOf = (version: string): number => {
    const index = names.indexOf(version as V);
    if (index === -1) throw new UnknownVersionError(data.id, version, names);
    return index;
  };
  // The accepted version compared with the current one: a consent purpose added and removed again in between asks nothing.
  const changesSince = (accepted: V): readonly ClassifiedChange[] => data.versions[indexOf(accepted)]!.changesToCurrent;
  return {
    ...current,
    versions: names,
    at: (version: V) => versions[indexOf(version)]!,
    changesSince,
    requiresReconsent: (accepted: V, user?: UserContext<I>) => changesSince(accepted).some((change) => (change.action === 'reconsent' || change.action === 'explicit-consent') && concerns(change, user)),
    mustNotify: (accepted: V, user?: UserContext<I>) => changesSince(accepted).some((change) => change.material && change.action !== 'none' && change.action !== 'inform' && concerns(change, user)),
  };
}

/** A change concerns a user unless it is scoped to an integration or jurisdiction they are not in. */
function concerns(change: ClassifiedChange, user: UserContext | undefined): boolean {
  if (!user) return true;
  const { audience } = change;
  if (audience.scope === 'integration') return (user.integrations ?? []).includes(audience.integration ?? '');
  if (audience.scope === 'jurisdiction') return user.jurisdiction === undefined || (audience.jurisdiction ?? '').split(', ').includes(user.jurisdiction);
  return true;
}

function createVersion<C extends string, P extends string, R extends string, I extends string>(policy: string, data: VersionData): PolicyVersion<C, P, R, I> {
  const { rules, index } = data;
  const { receive } = index;
  const version = rules.version;
  // Maps of Sets: the tables come precomputed; this only changes their container, because
  // Map.get/Set.has on ids is faster than keyed property access on plain objects.
  const allow = new Map(Object.entries(index.allow).map(([purpose, categories]) => [purpose, new Set(Object.keys(categories))]));
  const receives = new Map(Object.entries(receive).map(([recipient, entry]) => [recipient, { categories: new Set(Object.keys(entry.categories)), purposes: new Set(Object.keys(entry.purposes)) }]));

  const can = (query: UseQuery<C, P, R>): boolean => {
    if (query.recipient === undefined) return allow.get(query.purpose as string)?.has(query.category) === true;
    const entry = receives.get(query.recipient);
    return entry !== undefined && entry.categories.has(query.category) && (query.purpose === undefined || entry.purposes.has(query.purpose));
  };

  const missing = (query: UseQuery<C, P, R>): string => {
    if (query.recipient !== undefined) {
      if (rules.recipients[query.recipient] === undefined) return `no recipient \`${query.recipient}\` is declared`;
      if (!receives.get(query.recipient)!.categories.has(query.category)) return `recipient \`${query.recipient}\` is not declared to receive category \`${query.category}\``;
      return `recipient \`${query.recipient}\` is not declared to receive data for purpose \`${String(query.purpose)}\``;
    }
    if (query.purpose === undefined) return 'a purpose or a recipient must be named';
    if (rules.purposes[query.purpose] === undefined) return `no purpose \`${query.purpose}\` is declared`;
    return `purpose \`${query.purpose}\` is not declared to use category \`${query.category}\``;
  };

  return {
    policy,
    version,
    effective: rules.effective,
    hash: data.hash,
    rules,
    can,
    assertAllowed(query) {
      if (!can(query)) throw new PolicyViolation(policy, version, { ...query }, missing(query));
    },
    mayReceive(recipient, category, purpose) {
      const allowed = can(purpose === undefined ? { recipient, category } : { recipient, category, purpose });
      return { allowed, condition: allowed ? (rules.recipients[recipient]?.condition ?? null) : null };
    },
    retention(category) {
      return rules.retention[category] ?? [];
    },
    deleteBy(category, events) {
      if (events.integration !== undefined && events.disconnectedAt !== undefined) {
        const terms = rules.integrations[events.integration];
        if (terms && terms.categories.includes(category)) {
          const { within, withinText } = terms.onDisconnect.deletion;
          if (within === 'unstated') return { kind: 'unstated', text: withinText ?? null, rule: null };
          return { kind: 'date', date: addDuration(events.disconnectedAt, within), rule: { kind: 'event', event: 'disconnect', then: within } };
        }
      }
      const candidates = (rules.retention[category] ?? []).map((rule) => deadline(rule, events));
      // Several rules: the data may be kept while any of them allows it, so the latest date wins;
      // a rule without a date makes the whole answer dateless.
      const dateless = candidates.find((candidate) => candidate.kind !== 'date');
      if (dateless) return dateless;
      const dated = candidates as Extract<DeleteBy, { kind: 'date' }>[];
      if (dated.length === 0) return { kind: 'unstated', text: null, rule: null };
      return dated.reduce((latest, candidate) => (candidate.date > latest.date ? candidate : latest));
    },
    integration(id) {
      const terms = rules.integrations[id];
      if (!terms) throw new PolicyViolation(policy, version, { integration: id }, `no integration \`${id}\` is declared`);
      return terms;
    },
  };
}

const eventDates: Record<string, keyof DeleteByEvents> = {
  'account-deletion': 'accountDeletedAt',
  disconnect: 'disconnectedAt',
  'contract-end': 'contractEndedAt',
  'consent-withdrawal': 'consentWithdrawnAt',
  'last-activity': 'lastActivityAt',
};

function deadline(rule: CompiledRetention, events: DeleteByEvents): DeleteBy {
  switch (rule.kind) {
    case 'period':
      return { kind: 'date', date: addDuration(events.collectedAt, rule.period!), rule };
    case 'event': {
      const happened = events[eventDates[rule.event!]!] as string | Date | undefined;
      if (happened === undefined) return { kind: 'after-event', event: rule.event!, then: rule.then ?? null, rule };
      return { kind: 'date', date: addDuration(happened, rule.then ?? 'P0D'), rule };
    }
    case 'criteria':
      return { kind: 'criteria', criteria: rule.criteria ?? [], rule };
    default:
      return { kind: 'unstated', text: null, rule };
  }
}

/** date + ISO 8601 duration, calendar-aware (P1M from Jan 31 is Feb 28), as YYYY-MM-DD. */
function addDuration(date: string | Date, duration: string): string {
  const temporal = (globalThis as { Temporal?: typeof Temporal }).Temporal;
  if (!temporal) throw new Error('deleteBy needs Temporal: run on Node >= 26, or load a polyfill first (import "temporal-polyfill/global")');
  const start = typeof date === 'string' ? temporal.PlainDate.from(date.slice(0, 10)) : temporal.PlainDate.from(date.toISOString().slice(0, 10));
  return start.add(temporal.Duration.from(duration)).toString();
}
