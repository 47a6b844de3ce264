import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { DeliveryFailure } from './failure.ts';
import type { OutgoingEvent, Sink } from './sinks.ts';
import type { DeliveryStore } from './store.ts';

/** One event to send, with the release it belongs to (for the delivery state). */
export interface OutboxItem {
  event: OutgoingEvent;
  policy: string;
  version: string;
}

/** What happened to each delivery in one run. */
export interface DeliveryReport {
  eventId: string;
  sink: string;
  outcome: 'delivered' | 'already-delivered' | 'dead' | 'already-dead' | 'deferred' | 'skipped';
  attempts: number;
  error?: string;
  /** For a skipped delivery: why it was not sent. */
  reason?: string;
  /** For a deferred delivery: the receiver asked not to be tried before this time. */
  notBefore?: string;
}

/** Progress of a run, for the CLI to print. */
export type DeliveryListener = (message: string) => void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Deliver every event to every sink exactly once as far as acknowledged deliveries go:
 * each attempt is recorded before it is made and the acknowledgement right after, so a
 * run that is killed resumes where it stopped, and re-running never re-sends a delivery
 * that was acknowledged. Failures are retried with exponential backoff up to the sink's
 * `maxAttempts`, then recorded as dead letters. A receiver's `Retry-After` is honoured:
 * the next try waits at least that long, and a wait longer than the sink's `maxBackoffMs`
 * defers the delivery to a later run instead of blocking this one.
 */
export async function deliverEvents(
  items: readonly OutboxItem[],
  sinks: readonly Sink[],
  store: DeliveryStore,
  options: {
    deadLetters?: string | undefined;
    onProgress?: DeliveryListener;
    now?: () => number;
    /** Why an item not yet delivered must not be sent now (say, its effective date has passed), or undefined to send it. */
    hold?: (item: OutboxItem) => string | undefined;
  } = {},
): Promise<DeliveryReport[]> {
  const reports: DeliveryReport[] = [];
  const log = options.onProgress ?? (() => {});
  const clock = options.now ?? Date.now;
  for (const item of items) {
    const { event, policy, version } = item;
    const held = options.hold?.(item);
    for (const sink of sinks) {
      const known = store.get(event.id, sink.id);
      if (known && (known.status === 'delivered' || known.status === 'dead')) {
        reports.push({ eventId: event.id, sink: sink.id, outcome: known.status === 'delivered' ? 'already-delivered' : 'already-dead', attempts: known.attempts });
        continue;
      }
      if (held) {
        reports.push({ eventId: event.id, sink: sink.id, outcome: 'skipped', attempts: known?.attempts ?? 0, reason: held });
        log(`not sending ${event.id} to ${sink.id}: ${held}`);
        continue;
      }
      const delivery = { eventId: event.id, sink: sink.id, policy, version };
      if (known?.notBefore && Date.parse(known.notBefore) > clock()) {
        reports.push({ eventId: event.id, sink: sink.id, outcome: 'deferred', attempts: known.attempts, notBefore: known.notBefore, ...(known.lastError ? { error: known.lastError } : {}) });
        log(`not yet sending ${event.id} to ${sink.id}: the receiver asked to wait until ${known.notBefore}`);
        continue;
      }
      const maxAttempts = sink.config.maxAttempts ?? 5;
      const backoff = sink.config.backoffMs ?? 1000;
      const maxBackoff = sink.config.maxBackoffMs ?? 60_000;
      // Stable across retries and runs, so a receiver can drop a duplicate.
      const deliveryId = `${event.id}:${sink.id}`;
      for (;;) {
        const attempt = store.startAttempt(delivery);
        try {
          log(`delivering ${event.id} to ${sink.id} (attempt ${attempt})`);
          await sink.deliver(event, deliveryId);
          store.delivered(delivery);
          reports.push({ eventId: event.id, sink: sink.id, outcome: 'delivered', attempts: attempt });
          log(`delivered ${event.id} to ${sink.id}`);
          break;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (attempt >= maxAttempts) {
            // The file first: a crash before the store commits repeats a line, never loses one.
            if (options.deadLetters) appendDurably(options.deadLetters, `${JSON.stringify({ deliveryId, sink: sink.id, attempts: attempt, error: message, event })}\n`);
            store.dead(delivery, message);
            reports.push({ eventId: event.id, sink: sink.id, outcome: 'dead', attempts: attempt, error: message });
            log(`gave up on ${event.id} to ${sink.id} after ${attempt} attempts: ${message}`);
            break;
          }
          const retryAfter = error instanceof DeliveryFailure ? error.retryAfterMs : undefined;
          const delay = Math.max(Math.min(maxBackoff, backoff * 2 ** (attempt - 1)), retryAfter ?? 0);
          if (delay > maxBackoff) {
            const notBefore = new Date(clock() + delay).toISOString();
            store.failed(delivery, message, notBefore);
            reports.push({ eventId: event.id, sink: sink.id, outcome: 'deferred', attempts: attempt, error: message, notBefore });
            log(`failed ${event.id} to ${sink.id}: ${message}; the receiver asked to wait until ${notBefore}, so a later run will retry`);
            break;
          }
          store.failed(delivery, message);
          log(`failed ${event.id} to ${sink.id}: ${message}; retrying in ${delay} ms`);
          await sleep(delay);
        }
      }
    }
  }
  return reports;
}

/** Append a whole line and flush it to disk. */
function appendDurably(path: string, line: string): void {
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, line);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
