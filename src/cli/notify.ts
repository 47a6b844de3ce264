import semver from 'semver';
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import {
  deliverEvents,
  DeliveryStore,
  formatMessages,
  jsonlSink,
  longDate,
  natsSink,
  parseYamlSource,
  pendingReleases,
  releaseEvents,
  report,
  StoreBusy,
  trackedByMistake,
  validateAgainst,
  versionInForce,
  webhookSink,
  type NotifyConfig,
  type Sink,
} from '../index.ts';

/** Options of `policy notify`. */
export interface NotifyOptions {
  config: string;
  store?: string;
  retryDead: boolean;
  /** The git ref whose committed manifests say which releases exist (default HEAD). */
  ref: string;
  /** Go on although policy folders have uncommitted changes. */
  allowDirty: boolean;
  /** Send notices whose effective date has passed (after losing the delivery state, say). */
  resendPast: boolean;
  /** Today (YYYY-MM-DD): notices of releases in force before it are not sent; the tense of messages follows it. */
  today: string;
  /** Print the events that would be sent, and send nothing. */
  dryRun: boolean;
  /** Seconds to wait for another run holding the delivery state; 0 refuses at once. */
  wait: number;
  format: 'pretty' | 'json';
  color: boolean;
}

/**
 * `policy notify`: deliver every pending release event to the configured sinks. Exit 0 when
 * everything is delivered, 1 when a delivery gave up (dead letter) or history is broken,
 * 2 when it cannot run (no or bad configuration).
 */
export async function runNotify(paths: readonly string[], options: NotifyOptions, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const config = readConfig(options.config, err, options.color);
  if (!config) return 2;
  const { releases, problems, missing, refusals, uncommitted } = await pendingReleases(paths.length > 0 ? paths : ['policies'], { ref: options.ref, allowDirty: options.allowDirty });
  if (missing.length > 0) {
    err(`policy notify: no such path: ${missing.join(', ')}\n`);
    return 2;
  }
  if (problems.length > 0) {
    err(formatMessages(problems, 'pretty', { color: options.color, cwd: process.cwd() }));
    err('policy notify: not delivering events of a policy whose released history is broken\n');
    return 1;
  }
  if (refusals.length > 0) {
    for (const refusal of refusals) err(`policy notify: ${refusal}\n`);
    return 2;
  }
  for (const release of uncommitted) err(`warning: ${release} is not in the manifest committed at ${options.ref}; commit the release to send it\n`);
  const items = releases.flatMap(({ release, document, previous }) =>
    releaseEvents({ release, document, previous, baseUrl: config.baseUrl, accountUrl: config.accountUrl, today: options.today }).map((event) => ({ event, policy: release.policy, version: release.to, effective: release.effective })),
  );
  // A notice is for a version still to come: once it is in force (or superseded) before today,
  // the notice is late news, and losing the state must not re-send it. Which versions are to
  // come is versionInForce's answer, the same as the site's and the rules module's.
  const toCome = new Set(
    [...Map.groupBy(releases, ({ release }) => release.policy)].flatMap(([policy, group]) =>
      versionInForce(group.map(({ release }) => ({ version: release.to, effective: release.effective })).sort((a, b) => semver.compare(a.version, b.version)), options.today).pending.map((version) => `${policy}@${version.version}`),
    ),
  );
  const hold = (item: { policy: string; version: string; effective: string }) =>
    !options.resendPast && !toCome.has(`${item.policy}@${item.version}`) && item.effective < options.today ? `it took effect on ${longDate(item.effective)}, before ${longDate(options.today)}; pass --resend-past to send it anyway` : undefined;
  if (options.dryRun) {
    // What would be sent, for review: no sink is contacted and no state is written.
    const preview = items.map(({ event }) => ({ event, held: hold({ policy: event.subject, version: event.policyversion, effective: event.data.effective }) ?? null }));
    if (options.format === 'json') out(`${JSON.stringify({ events: preview }, null, 2)}\n`);
    else
      for (const { event, held } of preview) {
        out(`${event.id} (${event.type}): ${held ? `would not be sent: ${held}` : 'would be sent'}\nSubject: ${event.data.messages.subject}\n\n${event.data.messages.text}\n\nBanner: ${event.data.messages.banner}\nPush/SMS: ${event.data.messages.short}\n\n`);
      }
    err(`${items.length} event(s); nothing was sent (--dry-run)\n`);
    return 0;
  }
  let sinks: Sink[];
  try {
    sinks = config.sinks.map((sink) => {
      if (sink.type === 'webhook') return webhookSink(sink);
      if (sink.type === 'nats') return natsSink(sink);
      return jsonlSink(sink, { stdout: out, warn: (message) => err(`warning: ${message}\n`) });
    });
  } catch (error) {
    err(`policy notify: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (options.format === 'json' && config.sinks.some((sink) => sink.type === 'jsonl' && (sink.path ?? '-') === '-')) {
    err('policy notify: a jsonl sink writes to standard output, so --format json would mix the two; give the sink a `path`\n');
    return 2;
  }
  const storePath = options.store ?? config.store ?? '.policy/notify.sqlite';
  if (await trackedByMistake(storePath)) err(`warning: the delivery state ${storePath} is inside the git work tree and not ignored; add it to .gitignore (the default .policy/ is)\n`);
  let store: DeliveryStore;
  try {
    store = new DeliveryStore(storePath, { waitMs: options.wait * 1000 });
  } catch (error) {
    if (!(error instanceof StoreBusy)) throw error;
    err(`policy notify: ${error.message}\n`);
    return 2;
  }
  // The summary goes to stdout, unless a sink already writes its JSON lines there.
  const summaryOut = config.sinks.some((sink) => sink.type === 'jsonl' && (sink.path ?? '-') === '-') ? err : out;
  try {
    if (options.retryDead) err(`revived ${store.revive()} dead deliveries\n`);
    err(`${items.length} event(s) to deliver to ${sinks.length} sink(s)\n`);
    const reports = await deliverEvents(items, sinks, store, { deadLetters: config.deadLetters, onProgress: (line) => err(`${line}\n`), hold: (item) => hold(item as (typeof items)[number]) });
    if (options.format === 'json') out(`${JSON.stringify({ deliveries: reports }, null, 2)}\n`);
    else for (const entry of reports) summaryOut(`${entry.outcome.padEnd(17)} ${entry.eventId} -> ${entry.sink} (${entry.attempts} attempt${entry.attempts === 1 ? '' : 's'})${entry.error ? `: ${entry.error}` : ''}${entry.reason ? `: ${entry.reason}` : ''}${entry.notBefore ? `; retry after ${entry.notBefore}` : ''}\n`);
    return reports.some((entry) => entry.outcome === 'dead' || entry.outcome === 'already-dead' || entry.outcome === 'deferred') ? 1 : 0;
  } finally {
    await Promise.all(sinks.map((sink) => sink.close?.()));
    store.close();
  }
}

function readConfig(path: string, err: (text: string) => void, color: boolean): NotifyConfig | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    err(`policy notify: no configuration at ${path}; create it (see docs/versioning.md#notifications) or pass --config\n`);
    return undefined;
  }
  const file = new VFile({ path, value: text });
  const source = parseYamlSource(file, text, 1);
  if (source.data === undefined || !validateAgainst(file, source, 'notify-config.schema.json', 'the notify configuration')) {
    if (file.messages.length === 0) report(file, 'invalid-value', 'The notify configuration cannot be read', { line: 1, column: 1 });
    err(formatMessages([file], 'pretty', { color, cwd: process.cwd() }));
    return undefined;
  }
  const config = source.data as NotifyConfig;
  for (const [index, sink] of config.sinks.entries()) {
    if (sink.type === 'webhook' && !sink.url) report(file, 'missing-key', `Missing key \`url\` in webhook sink \`${sink.id}\``, source.locate(['sinks', index]));
  }
  if (file.messages.length > 0) {
    err(formatMessages([file], 'pretty', { color, cwd: process.cwd() }));
    return undefined;
  }
  return config;
}
