import { connect, headers, type JetStreamClient, type NatsConnection } from 'nats';
import type { SinkConfig } from '../model/notify-config.generated.ts';
import { DeliveryFailure } from './failure.ts';
import type { OutgoingEvent, Sink } from './sinks.ts';

/** The subject prefix when the configuration names none. */
const defaultSubjectPrefix = 'policy.notices';

/** What the NATS sink needs to know of an event to route it. */
interface RoutedEvent extends OutgoingEvent {
  subject?: string;
  type?: string;
  audience?: string;
}

/**
 * `<prefix>.<policy>.<notice|consent>.<audience>`: one subject per policy, kind and segment,
 * so a company's consumers subscribe to what they handle (`policy.notices.*.consent.>`).
 * Characters NATS reserves in a token (dots, spaces, wildcards) become `_`.
 */
export function natsSubject(event: RoutedEvent, prefix: string = defaultSubjectPrefix): string {
  const token = (text: string | undefined) => (text ?? 'unknown').replace(/[.\s*>]/g, '_');
  const kind = event.type?.includes('.consent.') ? 'consent' : 'notice';
  return [prefix, token(event.subject), kind, token(event.audience)].join('.');
}

/**
 * JetStream: each event is published in the CloudEvents NATS binding's structured mode (the
 * JSON event as payload, `content-type: application/cloudevents+json`) with `Nats-Msg-Id` set
 * to the event id, so the stream's duplicate window drops a re-send after a crash between the
 * stream's acknowledgement and the delivery record. Resolves on the stream's acknowledgement.
 * The stream (`config.stream`, default POLICY_NOTICES) is created when missing, capturing
 * `<prefix>.>`.
 */
export function natsSink(config: SinkConfig): Sink {
  const url = config.url ?? 'nats://127.0.0.1:4222';
  const prefix = config.subject ?? defaultSubjectPrefix;
  const stream = config.stream ?? 'POLICY_NOTICES';
  const timeoutMs = config.timeoutMs ?? 10_000;
  let connection: Promise<{ nc: NatsConnection; js: JetStreamClient }> | undefined;
  const open = () => {
    connection ??= (async () => {
      const nc = await connect({ servers: url, timeout: timeoutMs, name: 'policy notify', maxReconnectAttempts: 2 });
      const jsm = await nc.jetstreamManager({ timeout: timeoutMs });
      const existing = await jsm.streams.info(stream).catch(() => undefined);
      if (!existing) await jsm.streams.add({ name: stream, subjects: [`${prefix}.>`], duplicate_window: 2 * 60 * 1_000_000_000 });
      return { nc, js: nc.jetstream({ timeout: timeoutMs }) };
    })();
    connection.catch(() => (connection = undefined));
    return connection;
  };
  return {
    id: config.id,
    config,
    async deliver(event) {
      let js: JetStreamClient;
      try {
        ({ js } = await open());
      } catch (error) {
        throw new DeliveryFailure(`could not reach NATS at ${url}: ${natsReason(error)}`, { cause: error });
      }
      const head = headers();
      head.set('content-type', 'application/cloudevents+json; charset=utf-8');
      try {
        await js.publish(natsSubject(event as RoutedEvent, prefix), new TextEncoder().encode(JSON.stringify(event)), { msgID: event.id, headers: head, timeout: timeoutMs });
      } catch (error) {
        throw new DeliveryFailure(`JetStream did not acknowledge ${event.id} on ${url}: ${natsReason(error)}`, { cause: error });
      }
    },
    async close() {
      const open = connection;
      connection = undefined;
      if (open) await open.then(({ nc }) => nc.drain(), () => undefined);
    },
  };
}

function natsReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'CONNECTION_REFUSED' || /ECONNREFUSED/.test(message)) return 'connection refused';
  if (code === 'TIMEOUT' || /timeout/i.test(message)) return `timed out (${message})`;
  if (code === '503' || /no responders/i.test(message)) return 'no stream answers on this subject (is JetStream enabled? does the stream capture it?)';
  return message;
}
