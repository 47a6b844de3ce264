// The runtime of compiled policy modules: what `import { policy } from '.../rules/allai/index.js'`
// gives a backend service. It holds no parser, schema or file I/O: every lookup reads tables
// precomputed by `policy build`. Copied into dist/ by the build (as JS and .d.ts).
import type { CompiledIntegration, CompiledRetention, CompiledRules } from '../model/rules.generated.ts';
import type { ClassifiedChange } from '../model/change.generated.ts';
import { utcDate, versionInForce } from './in-force.ts';

// Re-exported so that an installed package's entry imports one runtime file (its emitted JS is one bundle).
export { verifyAgainst, type PublishedVersions, type VerifyResult } from './verify.ts';

/** One compiled version as embedded in the module. */
export interface VersionData {
  rules: CompiledRules;
  /** SHA-256 of the canonical rules.json. */
  hash: string;
  /** Classified changes from the previous published version to this one. */
  changes: ClassifiedChange[];
  /** Classified changes from this version to the newest one, compared directly (not summed release by release). */
  changesToNewest: ClassifiedChange[];
  /** Precomputed lookups: purpose → categories, recipient → categories and purposes. */
  index: {
    allow: Record<string, Record<string, true>>;
    receive: Record<string, { categories: Record<string, true>; purposes: Record<string, true> }>;
  };
}

/** Everything a compiled module embeds: its released versions in ascending semver order. */
export interface PolicyData {
  id: string;
  versions: VersionData[];
}

/**
 * A compiled version as a module embeds it to load on demand: when it takes effect, and its
 * data, parsed the first time it is asked for (the version in force, or `at()`/`onDate()`).
 */
export interface LazyVersionData {
  version: string;
  effective: string;
  load(): VersionData;
}

/** A module's versions, each loaded when first asked for: import costs the same at 2 versions and at 100. */
export interface LazyPolicyData {
  id: string;
  versions: LazyVersionData[];
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

/** Thrown when asked for the version in force on a date before the policy's first effective date. */
export class NotInForceError extends Error {
  override readonly name = 'NotInForceError';
  readonly date: string;
  constructor(policy: string, date: string, first: { version: string; effective: string } | undefined) {
    super(first ? `${policy} is not in force on ${date}: its first version, ${first.version}, takes effect on ${first.effective}` : `${policy} has no released version`);
    this.date = date;
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

/**
 * A compiled policy. Its own answers are those of the version in force now (the UTC calendar
 * date of the clock); `onDate` answers for another day, `at` for any released version, and
 * `upcoming` is the released version that takes effect next.
 */
export interface CompiledPolicy<C extends string, P extends string, R extends string, I extends string, V extends string> extends PolicyVersion<C, P, R, I> {
  /** Every published version, ascending, including those not yet in force. */
  readonly versions: readonly V[];
  /** The released version that takes effect next, with its `effective` date; null when none is pending. */
  readonly upcoming: PolicyVersion<C, P, R, I> | null;
  /** The answers of one published version. */
  at(version: V): PolicyVersion<C, P, R, I>;
  /** The answers of the version in force on a date (YYYY-MM-DD, or a Date read in UTC); throws {@link NotInForceError} before the first one. */
  onDate(date: string | Date): PolicyVersion<C, P, R, I>;
  /** What differs between `acceptedVersion` and the newest released version (in force or upcoming), compared directly and classified. */
  changesSince(acceptedVersion: V): readonly ClassifiedChange[];
  /** Must a user who accepted `acceptedVersion` consent again (to the listed purposes)? */
  requiresReconsent(acceptedVersion: V, user?: UserContext<I>): boolean;
  /** Must a user who accepted `acceptedVersion` be notified of a material change? */
  mustNotify(acceptedVersion: V, user?: UserContext<I>): boolean;
}

/** How a compiled policy tells the time; tests and services with their own clock pass one. */
export interface PolicyOptions {
  /** Milliseconds since the epoch, like `Date.now` (the default). */
  clock?: () => number;
}

const dayMs = 86_400_000;

/** Build the policy object a compiled module exports. */
export function createPolicy<C extends string, P extends string, R extends string, I extends string, V extends string>(data: PolicyData | LazyPolicyData, options: PolicyOptions = {}): CompiledPolicy<C, P, R, I, V> {
  const clock = options.clock ?? Date.now;
  const entries: readonly LazyVersionData[] = data.versions.map((version: VersionData | LazyVersionData) => ('load' in version ? version : { version: version.rules.version, effective: version.rules.effective, load: () => version }));
  // Each version is parsed and its tables built the first time it is asked for, then kept.
  const loaded: (VersionData | undefined)[] = [];
  const answers: (PolicyVersion<C, P, R, I> | undefined)[] = [];
  const dataAt = (index: number): VersionData => (loaded[index] ??= entries[index]!.load());
  const answersAt = (index: number): PolicyVersion<C, P, R, I> => (answers[index] ??= createVersion<C, P, R, I>(data.id, dataAt(index)));
  const names = entries.map((entry) => entry.version as V);
  const dated = entries.map((entry, index) => ({ version: entry.version, effective: entry.effective, index }));
  const indexOf = (version: string): number => {
    const index = names.indexOf(version as V);
    if (index === -1) throw new UnknownVersionError(data.id, version, names);
    return index;
  };
  const onDate = (date: string | Date): PolicyVersion<C, P, R, I> => {
    const day = utcDate(date);
    const { inForce } = versionInForce(dated, day);
    if (!inForce) throw new NotInForceError(data.id, day, dated[0]);
    return answersAt(inForce.index);
  };

  // The version in force now, re-read when the UTC day changes. Once the newest version is in
  // force nothing can replace it, so the clock is no longer read: can() stays a table lookup.
  let current: PolicyVersion<C, P, R, I> | null = null;
  let upcoming: PolicyVersion<C, P, R, I> | null = null;
  let dayStart = 0;
  let dayEnd = -1;
  let settled = false;
  let today = '';
  const refresh = (): void => {
    if (settled) return;
    const time = clock();
    if (time >= dayStart && time < dayEnd) return;
    dayStart = Math.floor(time / dayMs) * dayMs;
    dayEnd = dayStart + dayMs;
    today = utcDate(new Date(dayStart));
    const selected = versionInForce(dated, today);
    current = selected.inForce ? answersAt(selected.inForce.index) : null;
    upcoming = selected.upcoming ? answersAt(selected.upcoming.index) : null;
    settled = selected.pending.length === 0 && selected.inForce === dated.at(-1);
    // Settled: the policy's own methods become the version's, so a call is the lookup alone.
    if (settled) Object.assign(policy, pick(current!));
  };
  const now = (): PolicyVersion<C, P, R, I> => {
    refresh();
    if (!current) throw new NotInForceError(data.id, today, dated[0]);
    return current;
  };

  // The accepted version compared with the newest one: a consent purpose added and removed again in between asks nothing.
  const changesSince = (accepted: V): readonly ClassifiedChange[] => dataAt(indexOf(accepted)).changesToNewest;
  const pick = (version: PolicyVersion<C, P, R, I>) => ({
    can: version.can,
    assertAllowed: version.assertAllowed,
    mayReceive: version.mayReceive,
    retention: version.retention,
    deleteBy: version.deleteBy,
    integration: version.integration,
  });
  const methods: Omit<CompiledPolicy<C, P, R, I, V>, 'policy' | 'version' | 'effective' | 'hash' | 'rules' | 'upcoming'> = {
    can: (query) => now().can(query),
    assertAllowed: (query) => now().assertAllowed(query),
    mayReceive: (recipient, category, purpose) => now().mayReceive(recipient, category, purpose),
    retention: (category) => now().retention(category),
    deleteBy: (category, events) => now().deleteBy(category, events),
    integration: (id) => now().integration(id),
    versions: names,
    at: (version: V) => answersAt(indexOf(version)),
    onDate,
    changesSince,
    requiresReconsent: (accepted: V, user?: UserContext<I>) => changesSince(accepted).some((change) => (change.action === 'reconsent' || change.action === 'explicit-consent') && concerns(change, user)),
    mustNotify: (accepted: V, user?: UserContext<I>) => changesSince(accepted).some((change) => change.material && change.action !== 'none' && change.action !== 'inform' && concerns(change, user)),
  };
  // The accessors are defined on the finished object: an object literal with getters is a
  // dictionary-mode object in V8, which turned every policy.can() into a hash-table lookup.
  const getter = <T>(get: () => T): PropertyDescriptor => ({ get, enumerable: true });
  const policy = Object.defineProperties(methods, {
    policy: getter(() => data.id),
    version: getter(() => now().version),
    effective: getter(() => now().effective),
    hash: getter(() => now().hash),
    rules: getter(() => now().rules),
    upcoming: getter(() => (refresh(), upcoming)),
  }) as CompiledPolicy<C, P, R, I, V>;
  return policy;
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

/** The part of the Temporal API that `deleteBy` uses: Node 26's own, or `temporal-polyfill`'s. */
export interface TemporalDates {
  PlainDate: { from(date: string): { add(duration: unknown): { toString(): string } } };
  Duration: { from(duration: string): unknown };
}

let temporalDates: TemporalDates | (() => TemporalDates) | undefined;

/**
 * Give the runtime a Temporal implementation for Node versions without one (22, 24), or a
 * function that loads it when `deleteBy` first needs it. The installable package passes one
 * that loads `temporal-polyfill` when `globalThis.Temporal` is missing: loading the polyfill
 * takes tens of milliseconds, which a service that never asks `deleteBy` should not pay at
 * import, and it never replaces a global of the service.
 */
export function useTemporal(implementation: TemporalDates | (() => TemporalDates)): void {
  temporalDates = implementation;
}

function temporal(): TemporalDates | undefined {
  if (typeof temporalDates === 'function') {
    try {
      temporalDates = temporalDates();
    } catch (error) {
      throw new Error(`deleteBy needs Temporal, and loading temporal-polyfill failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return temporalDates ?? (globalThis as { Temporal?: TemporalDates }).Temporal;
}

/** date + ISO 8601 duration, calendar-aware (P1M from Jan 31 is Feb 28), as YYYY-MM-DD. */
function addDuration(date: string | Date, duration: string): string {
  const dates = temporal();
  if (!dates) throw new Error('deleteBy needs Temporal: run on Node >= 26, install the package (it brings temporal-polyfill), or call useTemporal()');
  // The calendar date in UTC, as the Python runtime reads it: a date-time at another offset may fall on another day.
  const start = dates.PlainDate.from(utcDate(date));
  return start.add(dates.Duration.from(duration)).toString();
}
