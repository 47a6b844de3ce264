// A child process for the crash tests: delivers `count` synthetic CloudEvents to one sink
// through the real outbox (deliverEvents + DeliveryStore), printing each acknowledgement.
// Usage: node publish-events.ts <nats|webhook> <url> <store> <count>
import { deliverEvents } from '../../src/notify/deliver.ts';
import { natsSink } from '../../src/notify/nats.ts';
import { webhookSink, type Sink } from '../../src/notify/sinks.ts';
import { DeliveryStore } from '../../src/notify/store.ts';

const [kind, url, storePath, countText] = process.argv.slice(2);
const count = Number(countText);
const items = Array.from({ length: count }, (_, index) => ({
  event: { specversion: '1.0', id: `crash@1.0.${index}/notice/everyone`, source: 'https://example.com/crash/', type: 'policy.release.notice.v1', subject: 'crash', audience: 'everyone', data: { index } },
  policy: 'crash',
  version: `1.0.${index}`,
}));
const config = { id: 'sink', type: kind as 'nats' | 'webhook', url: url!, backoffMs: 20, maxAttempts: 50, timeoutMs: 5000 };
const sink: Sink = kind === 'nats' ? natsSink(config) : webhookSink(config);
// CRASH_AFTER_ACK=n: die by SIGKILL right after the sink's n-th acknowledgement, before the
// outbox records it: the one window where a re-send happens, which the receiver must absorb.
const crashAfter = Number(process.env.CRASH_AFTER_ACK ?? 0);
let acknowledged = 0;
const deliver = sink.deliver.bind(sink);
sink.deliver = async (event, deliveryId) => {
  await deliver(event, deliveryId);
  if (++acknowledged === crashAfter) process.kill(process.pid, 'SIGKILL');
};
const store = new DeliveryStore(storePath!, { waitMs: 30_000 });
const reports = await deliverEvents(items, [sink], store, { onProgress: (line) => line.startsWith('delivered') && process.stdout.write(`${line}\n`) });
await sink.close?.();
store.close();
process.exitCode = reports.every((report) => report.outcome === 'delivered' || report.outcome === 'already-delivered') ? 0 : 1;
