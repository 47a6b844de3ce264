// The rules runtime, bundled from src/runtime/ by `npm run generate`. Do not edit.

// src/runtime/in-force.ts
function versionInForce(versions, date) {
  let inForce = null;
  for (const version of versions) if (version.effective <= date) inForce = version;
  const after = inForce === null ? 0 : versions.indexOf(inForce) + 1;
  const pending = versions.slice(after).filter((version) => version.effective > date);
  const upcoming = pending.reduce((first, version) => first === null || version.effective < first.effective ? version : first, null);
  return { inForce, upcoming, pending };
}
var isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
function utcDate(value) {
  if (typeof value === "string") {
    const match = isoDate.exec(value);
    if (match && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
      if (match[4] === void 0) return value;
      const parsed = new Date(match[7] === void 0 ? `${value}Z` : value);
      if (Number(match[4]) < 24 && Number(match[5]) < 60 && Number(match[6] ?? 0) < 60 && !Number.isNaN(parsed.getTime())) return parsed.toISOString().slice(0, 10);
    }
  } else if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(0, 10);
  }
  throw new TypeError(`Expected a date as YYYY-MM-DD, an ISO date-time or a valid Date, not ${JSON.stringify(String(value))}`);
}
function isCalendarDate(year, month, day) {
  const date = /* @__PURE__ */ new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// src/runtime/verify.ts
function verifyAgainst(policy, hashes, manifest) {
  const result = { ok: false, matched: [], problems: [], newer: [] };
  let published = manifest;
  if (typeof manifest === "string") {
    try {
      published = JSON.parse(manifest);
    } catch (error) {
      result.problems.push({ version: "*", reason: `the manifest is not JSON: ${error.message}` });
      return result;
    }
  }
  if (!isPublishedVersions(published)) {
    result.problems.push({ version: "*", reason: 'the manifest has no "policy" name and "versions" list of { version, rulesSha256 }' });
    return result;
  }
  if (published.policy !== policy) {
    result.problems.push({ version: "*", reason: `the manifest is for policy "${published.policy}", this package is "${policy}"` });
    return result;
  }
  const site = new Map(published.versions.map((entry) => [entry.version, entry.rulesSha256]));
  for (const [version, hash] of Object.entries(hashes)) {
    const expected = site.get(version);
    if (expected === void 0) result.problems.push({ version, reason: `version ${version} is in the package but not published on the site` });
    else if (expected !== hash) result.problems.push({ version, reason: `version ${version}'s rules differ: the package has sha256 ${hash}, the site publishes ${expected}` });
    else result.matched.push(version);
  }
  result.newer = [...site.keys()].filter((version) => hashes[version] === void 0);
  result.ok = result.problems.length === 0;
  return result;
}
function isPublishedVersions(value) {
  if (typeof value !== "object" || value === null) return false;
  const { policy, versions } = value;
  return typeof policy === "string" && Array.isArray(versions) && versions.every((entry) => typeof entry === "object" && entry !== null && typeof entry.version === "string" && typeof entry.rulesSha256 === "string");
}

// src/runtime/policy-runtime.ts
var PolicyViolation = class extends Error {
  name = "PolicyViolation";
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
};
var NotInForceError = class extends Error {
  name = "NotInForceError";
  date;
  constructor(policy, date, first) {
    super(first ? `${policy} is not in force on ${date}: its first version, ${first.version}, takes effect on ${first.effective}` : `${policy} has no released version`);
    this.date = date;
  }
};
var UnknownVersionError = class extends Error {
  name = "UnknownVersionError";
  constructor(policy, version, known) {
    super(`${policy} has no published version ${version}; known versions: ${known.join(", ")}`);
  }
};
var dayMs = 864e5;
function createPolicy(data, options = {}) {
  const clock = options.clock ?? Date.now;
  const entries = data.versions.map((version) => "load" in version ? version : { version: version.rules.version, effective: version.rules.effective, load: () => version });
  const loaded = [];
  const answers = [];
  const dataAt = (index) => loaded[index] ??= entries[index].load();
  const answersAt = (index) => answers[index] ??= createVersion(data.id, dataAt(index));
  const names = entries.map((entry) => entry.version);
  const dated = entries.map((entry, index) => ({ version: entry.version, effective: entry.effective, index }));
  const indexOf = (version) => {
    const index = names.indexOf(version);
    if (index === -1) throw new UnknownVersionError(data.id, version, names);
    return index;
  };
  const onDate = (date) => {
    const day = utcDate(date);
    const { inForce } = versionInForce(dated, day);
    if (!inForce) throw new NotInForceError(data.id, day, dated[0]);
    return answersAt(inForce.index);
  };
  let current = null;
  let upcoming = null;
  let dayStart = 0;
  let dayEnd = -1;
  let settled = false;
  let today = "";
  const refresh = () => {
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
    if (settled) Object.assign(policy, pick(current));
  };
  const now = () => {
    refresh();
    if (!current) throw new NotInForceError(data.id, today, dated[0]);
    return current;
  };
  const changesSince = (accepted) => dataAt(indexOf(accepted)).changesToNewest;
  const pick = (version) => ({
    can: version.can,
    assertAllowed: version.assertAllowed,
    mayReceive: version.mayReceive,
    retention: version.retention,
    deleteBy: version.deleteBy,
    integration: version.integration
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
    requiresReconsent: (accepted, user) => changesSince(accepted).some((change) => (change.action === "reconsent" || change.action === "explicit-consent") && concerns(change, user)),
    mustNotify: (accepted, user) => changesSince(accepted).some((change) => change.material && change.action !== "none" && change.action !== "inform" && concerns(change, user))
  };
  const getter = (get) => ({ get, enumerable: true });
  const policy = Object.defineProperties(methods, {
    policy: getter(() => data.id),
    version: getter(() => now().version),
    effective: getter(() => now().effective),
    hash: getter(() => now().hash),
    rules: getter(() => now().rules),
    upcoming: getter(() => (refresh(), upcoming))
  });
  return policy;
}
function concerns(change, user) {
  if (!user) return true;
  const { audience } = change;
  if (audience.scope === "integration") return (user.integrations ?? []).includes(audience.integration ?? "");
  if (audience.scope === "jurisdiction") return user.jurisdiction === void 0 || (audience.jurisdiction ?? "").split(", ").includes(user.jurisdiction);
  return true;
}
function createVersion(policy, data) {
  const { rules, index } = data;
  const { receive } = index;
  const version = rules.version;
  const allow = new Map(Object.entries(index.allow).map(([purpose, categories]) => [purpose, new Set(Object.keys(categories))]));
  const receives = new Map(Object.entries(receive).map(([recipient, entry]) => [recipient, { categories: new Set(Object.keys(entry.categories)), purposes: new Set(Object.keys(entry.purposes)) }]));
  const can = (query) => {
    if (query.recipient === void 0) return allow.get(query.purpose)?.has(query.category) === true;
    const entry = receives.get(query.recipient);
    return entry !== void 0 && entry.categories.has(query.category) && (query.purpose === void 0 || entry.purposes.has(query.purpose));
  };
  const missing = (query) => {
    if (query.recipient !== void 0) {
      if (rules.recipients[query.recipient] === void 0) return `no recipient \`${query.recipient}\` is declared`;
      if (!receives.get(query.recipient).categories.has(query.category)) return `recipient \`${query.recipient}\` is not declared to receive category \`${query.category}\``;
      return `recipient \`${query.recipient}\` is not declared to receive data for purpose \`${String(query.purpose)}\``;
    }
    if (query.purpose === void 0) return "a purpose or a recipient must be named";
    if (rules.purposes[query.purpose] === void 0) return `no purpose \`${query.purpose}\` is declared`;
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
      const allowed = can(purpose === void 0 ? { recipient, category } : { recipient, category, purpose });
      return { allowed, condition: allowed ? rules.recipients[recipient]?.condition ?? null : null };
    },
    retention(category) {
      return rules.retention[category] ?? [];
    },
    deleteBy(category, events) {
      if (events.integration !== void 0 && events.disconnectedAt !== void 0) {
        const terms = rules.integrations[events.integration];
        if (terms && terms.categories.includes(category)) {
          const { within, withinText } = terms.onDisconnect.deletion;
          if (within === "unstated") return { kind: "unstated", text: withinText ?? null, rule: null };
          return { kind: "date", date: addDuration(events.disconnectedAt, within), rule: { kind: "event", event: "disconnect", then: within } };
        }
      }
      const candidates = (rules.retention[category] ?? []).map((rule) => deadline(rule, events));
      const dateless = candidates.find((candidate) => candidate.kind !== "date");
      if (dateless) return dateless;
      const dated = candidates;
      if (dated.length === 0) return { kind: "unstated", text: null, rule: null };
      return dated.reduce((latest, candidate) => candidate.date > latest.date ? candidate : latest);
    },
    integration(id) {
      const terms = rules.integrations[id];
      if (!terms) throw new PolicyViolation(policy, version, { integration: id }, `no integration \`${id}\` is declared`);
      return terms;
    }
  };
}
var eventDates = {
  "account-deletion": "accountDeletedAt",
  disconnect: "disconnectedAt",
  "contract-end": "contractEndedAt",
  "consent-withdrawal": "consentWithdrawnAt",
  "last-activity": "lastActivityAt"
};
function deadline(rule, events) {
  switch (rule.kind) {
    case "period":
      return { kind: "date", date: addDuration(events.collectedAt, rule.period), rule };
    case "event": {
      const happened = events[eventDates[rule.event]];
      if (happened === void 0) return { kind: "after-event", event: rule.event, then: rule.then ?? null, rule };
      return { kind: "date", date: addDuration(happened, rule.then ?? "P0D"), rule };
    }
    case "criteria":
      return { kind: "criteria", criteria: rule.criteria ?? [], rule };
    default:
      return { kind: "unstated", text: null, rule };
  }
}
var temporalDates;
function useTemporal(implementation) {
  temporalDates = implementation;
}
function temporal() {
  if (typeof temporalDates === "function") {
    try {
      temporalDates = temporalDates();
    } catch (error) {
      throw new Error(`deleteBy needs Temporal, and loading temporal-polyfill failed: ${error.message}`, { cause: error });
    }
  }
  return temporalDates ?? globalThis.Temporal;
}
function addDuration(date, duration) {
  const dates = temporal();
  if (!dates) throw new Error("deleteBy needs Temporal: run on Node >= 26, install the package (it brings temporal-polyfill), or call useTemporal()");
  const start = dates.PlainDate.from(utcDate(date));
  return start.add(dates.Duration.from(duration)).toString();
}
export {
  NotInForceError,
  PolicyViolation,
  UnknownVersionError,
  createPolicy,
  useTemporal,
  verifyAgainst
};
