// kill -9 at random points while publishing: no event lost, none stored twice in JetStream,
// and a webhook receiver gets every event (a repeat only ever with the same webhook-id).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryStore } from '../src/notify/store.ts';
import { natsServerBinary, startNatsServer } from './support/nats-server.ts';

const publisher = join(import.meta.dirname, 'support/publish-events.ts');
const secret = `whsec_${Buffer.from('a test secret of thirty-two bytes!').toString('base64')}`;
const count = 120;
const expectedIds = Array.from({ length: count }, (_, index) => `crash@1.0.${index}/notice/everyone`);

/** Run the publisher, killing it with SIGKILL after `killAfterMs` (when given) or once it has acknowledged `killAfterAcks` events. */
function publish(kind: 'nats' | 'webhook', url: string, store: string, killAt?: { acks: number } | { inWindowAfter: number }) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; acks: number }>((resolve) => {
    const child = spawn(process.execPath, [publisher, kind, url, store, String(count)], { env: { ...process.env, POLICY_WEBHOOK_SECRET: secret, CRASH_AFTER_ACK: killAt && 'inWindowAfter' in killAt ? String(killAt.inWindowAfter) : '0' } });
    let acks = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      acks += chunk.toString().split('\n').filter((line) => line.startsWith('delivered')).length;
      if (killAt && 'acks' in killAt && acks >= killAt.acks) child.kill('SIGKILL');
    });
    child.stderr.resume();
    child.on('close', (code, signal) => resolve({ code, signal, acks }));
  });
}

/** Kill the publisher at random points until a run finishes; returns how many runs were killed mid-way. */
async function crashUntilDone(kind: 'nats' | 'webhook', url: string) {
  const store = join(mkdtempSync(join(tmpdir(), `crash-${kind}-`)), 'state.sqlite');
  let killed = 0;
  for (let run = 0; run < 30; run++) {
    // First right between an acknowledgement and its record (the re-send window), then at
    // random points, then to the end.
    const killAt = run < 3 ? { inWindowAfter: 1 + Math.floor(Math.random() * 20) } : run < 8 ? { acks: 1 + Math.floor(Math.random() * 20) } : undefined;
    const result = await publish(kind, url, store, killAt);
    if (result.signal === 'SIGKILL') killed++;
    if (result.code === 0) break;
  }
  const db = new DeliveryStore(store);
  const statuses = db.all().map((delivery) => delivery.status);
  db.close();
  return { killed, statuses };
}

const nats = natsServerBinary();
const servers: (() => void)[] = [];
afterAll(() => servers.forEach((stop) => stop()));

describe.skipIf('missing' in nats)(`JetStream under kill -9${'missing' in nats ? ` (skipped: ${nats.missing})` : ''}`, () => {
  it('loses no event and stores none twice', async () => {
    const server = await startNatsServer((nats as { binary: string }).binary);
    servers.push(server.stop);
    const { killed, statuses } = await crashUntilDone('nats', server.url);
    expect(killed).toBeGreaterThanOrEqual(4);
    expect(statuses).toEqual(Array(count).fill('delivered'));
    const nc = await connect({ servers: server.url });
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info('POLICY_NOTICES');
    expect(info.state.messages).toBe(count);
    const ids: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const message = await jsm.streams.getMessage('POLICY_NOTICES', { seq });
      expect(message.subject).toBe('policy.notices.crash.notice.everyone');
      expect(message.header.get('content-type')).toBe('application/cloudevents+json; charset=utf-8');
      const id = message.header.get('Nats-Msg-Id');
      expect((message.json() as { id: string }).id).toBe(id);
      ids.push(id);
    }
    expect(ids.sort()).toEqual([...expectedIds].sort());
    await nc.close();
  }, 240_000);
});

describe('webhooks under kill -9', () => {
  it('lose no event; a repeat carries the same webhook-id', async () => {
    const received: string[] = [];
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received.push(String(request.headers['webhook-id']));
        response.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(() => server.close());
    const { killed, statuses } = await crashUntilDone('webhook', `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
    expect(killed).toBeGreaterThanOrEqual(4);
    expect(statuses).toEqual(Array(count).fill('delivered'));
    // The three kills inside the window re-sent their delivery: the receiver saw repeats, each with the same webhook-id.
    expect(received.length).toBeGreaterThanOrEqual(count + 3);
    expect([...new Set(received)].sort()).toEqual(expectedIds.map((id) => `${id}:sink`).sort());
    // At most one repeat per killed run: the delivery in flight when it died.
    expect(received.length - count).toBeLessThanOrEqual(killed);
  }, 240_000);
});
