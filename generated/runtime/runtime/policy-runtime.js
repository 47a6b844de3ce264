import { utcDate, versionInForce } from './in-force.js';
/** Thrown by `assertAllowed`: names the policy, the version and the missing declaration. */
export class PolicyViolation extends Error {
    name = 'PolicyViolation';
    policy;
    version;
    query;
    /** The declaration that would allow the use, e.g. `purposes.analytics.categories` lacks `contact`. */
    missing;
    constructor(policy, version, query, missing) {
        super(`${policy}@${version} does not allow this: ${missing}`);
        this.policy = policy;
        this.version = version;
        this.query = query;
        this.missing = missing;
    }
}
/** Thrown when asked for the version in force on a date before the policy's first effective date. */
export class NotInForceError extends Error {
    name = 'NotInForceError';
    date;
    constructor(policy, date, first) {
        super(first ? `${policy} is not in force on ${date}: its first version, ${first.version}, takes effect on ${first.effective}` : `${policy} has no released version`);
        this.date = date;
    }
}
/** Thrown when asked about a version that was never published. */
export class UnknownVersionError extends Error {
    name = 'UnknownVersionError';
    constructor(policy, version, known) {
        super(`${policy} has no published version ${version}; known versions: ${known.join(', ')}`);
    }
}
const dayMs = 86_400_000;
/** Build the policy object a compiled module exports. */
export function createPolicy(data, options = {}) {
    const clock = options.clock ?? Date.now;
    const entries = data.versions.map((version) => ('load' in version ? version : { version: version.rules.version, effective: version.rules.effective, load: () => version }));
    // Each version is parsed and its tables built the first time it is asked for, then kept.
    const loaded = [];
    const answers = [];
    const dataAt = (index) => (loaded[index] ??= entries[index].load());
    const answersAt = (index) => (answers[index] ??= createVersion(data.id, dataAt(index)));
    const names = entries.map((entry) => entry.version);
    const dated = entries.map((entry, index) => ({ version: entry.version, effective: entry.effective, index }));
    const indexOf = (version) => {
        const index = names.indexOf(version);
        if (index === -1)
            throw new UnknownVersionError(data.id, version, names);
        return index;
    };
    const onDate = (date) => {
        const day = utcDate(date);
        const { inForce } = versionInForce(dated, day);
        if (!inForce)
            throw new NotInForceError(data.id, day, dated[0]);
        return answersAt(inForce.index);
    };
    // The version in force now, re-read when the UTC day changes. Once the newest version is in
    // force nothing can replace it, so the clock is no longer read: can() stays a table lookup.
    let current = null;
    let upcoming = null;
    let dayStart = 0;
    let dayEnd = -1;
    let settled = false;
    let today = '';
    const refresh = () => {
        if (settled)
            return;
        const time = clock();
        if (time >= dayStart && time < dayEnd)
            return;
        dayStart = Math.floor(time / dayMs) * dayMs;
        dayEnd = dayStart + dayMs;
        today = utcDate(new Date(dayStart));
        const selected = versionInForce(dated, today);
        current = selected.inForce ? answersAt(selected.inForce.index) : null;
        upcoming = selected.upcoming ? answersAt(selected.upcoming.index) : null;
        settled = selected.pending.length === 0 && selected.inForce === dated.at(-1);
        // Settled: the policy's own methods become the version's, so a call is the lookup alone.
        if (settled)
            Object.assign(policy, pick(current));
    };
    const now = () => {
        refresh();
        if (!current)
            throw new NotInForceError(data.id, today, dated[0]);
        return current;
    };
    // The accepted version compared with the newest one: a consent purpose added and removed again in between asks nothing.
    const changesSince = (accepted) => dataAt(indexOf(accepted)).changesToNewest;
    const pick = (version) => ({
        can: version.can,
        assertAllowed: version.assertAllowed,
        mayReceive: version.mayReceive,
        retention: version.retention,
        deleteBy: version.deleteBy,
        integration: version.integration,
    });
    const methods = {
        can: (query) => now().can(query),
        assertAllowed: (query) => now().assertAllowed(query),
        mayReceive: (recipient, category, purpose) => now().mayReceive(recipient, category, purpose),
        retention: (category) => now().retention(category),
        deleteBy: (category, events) => now().deleteBy(category, events),
        integration: (id) => now().integration(id),
        versions: names,
        at: (version) => answersAt(indexOf(version)),
        onDate,
        changesSince,
        requiresReconsent: (accepted, user) => changesSince(accepted).some((change) => (change.action === 'reconsent' || change.action === 'explicit-consent') && concerns(change, user)),
        mustNotify: (accepted, user) => changesSince(accepted).some((change) => change.material && change.action !== 'none' && change.action !== 'inform' && concerns(change, user)),
    };
    // The accessors are defined on the finished object: an object literal with getters is a
    // dictionary-mode object in V8, which turned every policy.can() into a hash-table lookup.
    const getter = (get) => ({ get, enumerable: true });
    const policy = Object.defineProperties(methods, {
        policy: getter(() => data.id),
        version: getter(() => now().version),
        effective: getter(() => now().effective),
        hash: getter(() => now().hash),
        rules: getter(() => now().rules),
        upcoming: getter(() => (refresh(), upcoming)),
    });
    return policy;
}
/** A change concerns a user unless it is scoped to an integration or jurisdiction they are not in. */
function concerns(change, user) {
    if (!user)
        return true;
    const { audience } = change;
    if (audience.scope === 'integration')
        return (user.integrations ?? []).includes(audience.integration ?? '');
    if (audience.scope === 'jurisdiction')
        return user.jurisdiction === undefined || (audience.jurisdiction ?? '').split(', ').includes(user.jurisdiction);
    return true;
}
function createVersion(policy, data) {
    const { rules, index } = data;
    const { receive } = index;
    const version = rules.version;
    // Maps of Sets: the tables come precomputed; this only changes their container, because
    // Map.get/Set.has on ids is faster than keyed property access on plain objects.
    const allow = new Map(Object.entries(index.allow).map(([purpose, categories]) => [purpose, new Set(Object.keys(categories))]));
    const receives = new Map(Object.entries(receive).map(([recipient, entry]) => [recipient, { categories: new Set(Object.keys(entry.categories)), purposes: new Set(Object.keys(entry.purposes)) }]));
    const can = (query) => {
        if (query.recipient === undefined)
            return allow.get(query.purpose)?.has(query.category) === true;
        const entry = receives.get(query.recipient);
        return entry !== undefined && entry.categories.has(query.category) && (query.purpose === undefined || entry.purposes.has(query.purpose));
    };
    const missing = (query) => {
        if (query.recipient !== undefined) {
            if (rules.recipients[query.recipient] === undefined)
                return `no recipient \`${query.recipient}\` is declared`;
            if (!receives.get(query.recipient).categories.has(query.category))
                return `recipient \`${query.recipient}\` is not declared to receive category \`${query.category}\``;
            return `recipient \`${query.recipient}\` is not declared to receive data for purpose \`${String(query.purpose)}\``;
        }
        if (query.purpose === undefined)
            return 'a purpose or a recipient must be named';
        if (rules.purposes[query.purpose] === undefined)
            return `no purpose \`${query.purpose}\` is declared`;
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
            if (!can(query))
                throw new PolicyViolation(policy, version, { ...query }, missing(query));
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
                    if (within === 'unstated')
                        return { kind: 'unstated', text: withinText ?? null, rule: null };
                    return { kind: 'date', date: addDuration(events.disconnectedAt, within), rule: { kind: 'event', event: 'disconnect', then: within } };
                }
            }
            const candidates = (rules.retention[category] ?? []).map((rule) => deadline(rule, events));
            // Several rules: the data may be kept while any of them allows it, so the latest date wins;
            // a rule without a date makes the whole answer dateless.
            const dateless = candidates.find((candidate) => candidate.kind !== 'date');
            if (dateless)
                return dateless;
            const dated = candidates;
            if (dated.length === 0)
                return { kind: 'unstated', text: null, rule: null };
            return dated.reduce((latest, candidate) => (candidate.date > latest.date ? candidate : latest));
        },
        integration(id) {
            const terms = rules.integrations[id];
            if (!terms)
                throw new PolicyViolation(policy, version, { integration: id }, `no integration \`${id}\` is declared`);
            return terms;
        },
    };
}
const eventDates = {
    'account-deletion': 'accountDeletedAt',
    disconnect: 'disconnectedAt',
    'contract-end': 'contractEndedAt',
    'consent-withdrawal': 'consentWithdrawnAt',
    'last-activity': 'lastActivityAt',
};
function deadline(rule, events) {
    switch (rule.kind) {
        case 'period':
            return { kind: 'date', date: addDuration(events.collectedAt, rule.period), rule };
        case 'event': {
            const happened = events[eventDates[rule.event]];
            if (happened === undefined)
                return { kind: 'after-event', event: rule.event, then: rule.then ?? null, rule };
            return { kind: 'date', date: addDuration(happened, rule.then ?? 'P0D'), rule };
        }
        case 'criteria':
            return { kind: 'criteria', criteria: rule.criteria ?? [], rule };
        default:
            return { kind: 'unstated', text: null, rule };
    }
}
let temporalDates;
/**
 * Give the runtime a Temporal implementation for Node versions without one (22, 24). The
 * installable package calls this with `temporal-polyfill` when `globalThis.Temporal` is missing,
 * so it never replaces a global of the service.
 */
export function useTemporal(implementation) {
    temporalDates = implementation;
}
/** date + ISO 8601 duration, calendar-aware (P1M from Jan 31 is Feb 28), as YYYY-MM-DD. */
function addDuration(date, duration) {
    const temporal = temporalDates ?? globalThis.Temporal;
    if (!temporal)
        throw new Error('deleteBy needs Temporal: run on Node >= 26, install the package (it brings temporal-polyfill), or call useTemporal()');
    const start = typeof date === 'string' ? temporal.PlainDate.from(date.slice(0, 10)) : temporal.PlainDate.from(date.toISOString().slice(0, 10));
    return start.add(temporal.Duration.from(duration)).toString();
}
