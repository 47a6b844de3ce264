import { appendFileSync } from 'node:fs';
import type { NotificationEvent } from '../model/notification.generated.ts';
import type { Sink } from './sinks.ts';
import type { DeliveryStore } from './store.ts';

/** What happened to each delivery in one run. */
export interface DeliveryReport {
  eventId: string;
  sink: string;
  outcome: 'delivered' | 'already-delivered' | 'dead' | 'already-dead';
  attempts: number;
  error?: string;
}

/** Progress of a run, for the CLI to print. */
export type DeliveryListener = (message: string) => void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Deliver every event to every sink exactly once as far as acknowledged deliveries go:
 * each attempt is recorded before it is made and the acknowledgement right after, so a
 * run that is killed resumes where it stopped, and re-running never re-sends a delivery
 * that was acknowledged. Failures are retried with exponential backoff up to the sink's
 * `maxAttempts`, then recorded as dead letters.
 */
export async function deliverEvents(
  events: readonly NotificationEvent[],
  sinks: readonly Sink[],
  store: DeliveryStore,
  options: { deadLetters?: string | undefined; onProgress?: DeliveryListener } = {},
): Promise<DeliveryReport[]> {
  const reports: DeliveryReport[] = [];
  const log = options.onProgress ?? (() => {});
  for (const event of events) {
    for (const sink of sinks) {
      const delivery = store.open(event.policy, event.to, sink.id, event.id);
      if (delivery.status === 'delivered' || delivery.status === 'dead') {
        reports.push({ eventId: event.id, sink: sink.id, outcome: delivery.status === 'delivered' ? 'already-delivered' : 'already-dead', attempts: delivery.attempts });
        continue;
      }
      const maxAttempts = sink.config.maxAttempts ?? 5;
      const backoff = sink.config.backoffMs ?? 1000;
      const maxBackoff = sink.config.maxBackoffMs ?? 60_000;
      // Stable across retries and runs, so a receiver can drop a duplicate.
      const deliveryId = `${event.id}:${sink.id}`;
      let lastError = '';
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
          lastError = error instanceof Error ? (error.name === 'TimeoutError' ? `timed out after ${sink.config.timeoutMs ?? 10_000} ms` : error.message) : String(error);
          if (attempt >= maxAttempts) {
            // The file first: a crash before the store commits repeats a line, never loses one.
            if (options.deadLetters) appendFileSync(options.deadLetters, `${JSON.stringify({ deliveryId, sink: sink.id, attempts: attempt, error: lastError, event })}\n`);
            store.dead(delivery, lastError);
            reports.push({ eventId: event.id, sink: sink.id, outcome: 'dead', attempts: attempt, error: lastError });
            log(`gave up on ${event.id} to ${sink.id} after ${attempt} attempts: ${lastError}`);
            break;
          }
          store.failed(delivery, lastError);
          const delay = Math.min(maxBackoff, backoff * 2 ** (attempt - 1));
          log(`failed ${event.id} to ${sink.id}: ${lastError}; retrying in ${delay} ms`);
          await sleep(delay);
        }
      }
    }
  }
  return reports;
}
