import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliverEvents } from '../src/notify/deliver.ts';
import { trackedByMistake } from '../src/notify/events.ts';
import { parseRetryAfter } from '../src/notify/failure.ts';
import { natsSubject } from '../src/notify/nats.ts';
import { jsonlSink, webhookSink, type LineFileIo } from '../src/notify/sinks.ts';
import { DeliveryStore } from '../src/notify/store.ts';
import { git } from './support/git.ts';

const secret = `whsec_${Buffer.from('a test secret of thirty-two bytes!').toString('base64')}`;
const event = (id: string) => ({ id, specversion: '1.0', data: { text: 'x'.repeat(200) } });

/** A disk that takes `room` more bytes, then fails with ENOSPC after a partial write, as a full disk does. */
function fullDisk(room: number): LineFileIo & { room: number } {
  const io = {
    room,
    writeSync(fd: number, buffer: Uint8Array, offset: number, length: number) {
      if (io.room <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const count = Math.min(length, io.room);
      io.room -= count;
      return writeSync(fd, buffer, offset, count);
    },
  };
  return io;
}

describe('the JSON-lines sink on a full disk', () => {
  it('never leaves half a line: the failed append is cut back, the retry writes one whole line', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-full-')), 'events.jsonl');
    writeFileSync(path, `${JSON.stringify({ deliveryId: 'earlier:sink', event: event('earlier') })}\n`);
    const before = readFileSync(path, 'utf8');
    const disk = fullDisk(100);
    const sink = jsonlSink({ id: 'sink', type: 'jsonl', path }, { stdout: () => {}, io: disk });
    await expect(sink.deliver(event('a'), 'a:sink')).rejects.toThrow(`could not write to ${path}: the disk is full (ENOSPC)`);
    expect(readFileSync(path, 'utf8')).toBe(before);
    disk.room = 1_000_000;
    await sink.deliver(event('a'), 'a:sink');
    await sink.deliver(event('a'), 'a:sink');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => (JSON.parse(line) as { deliveryId: string }).deliveryId);
    expect(lines).toEqual(['earlier:sink', 'a:sink']);
  });

  it('retries, then dead-letters with the reason when the disk stays full, and never records it as delivered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jsonl-dead-'));
    const path = join(dir, 'events.jsonl');
    const sink = jsonlSink({ id: 'sink', type: 'jsonl', path, maxAttempts: 3, backoffMs: 1 }, { stdout: () => {}, io: fullDisk(10) });
    const store = new DeliveryStore(join(dir, 'state.sqlite'));
    const reports = await deliverEvents([{ event: event('b'), policy: 'p', version: '1.0.0' }], [sink], store, { deadLetters: join(dir, 'dead.jsonl') });
    expect(reports).toEqual([{ eventId: 'b', sink: 'sink', outcome: 'dead', attempts: 3, error: `could not write to ${path}: the disk is full (ENOSPC)` }]);
    expect(store.get('b', 'sink')?.status).toBe('dead');
    store.close();
    expect(readFileSync(path, 'utf8')).toBe('');
    expect((JSON.parse(readFileSync(join(dir, 'dead.jsonl'), 'utf8')) as { error: string }).error).toMatch(/disk is full/);
  });

  it('completes a last record whose newline alone is missing, instead of sending it twice', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-newline-')), 'events.jsonl');
    writeFileSync(path, JSON.stringify({ deliveryId: 'c:sink', event: event('c') }));
    const warnings: string[] = [];
    const sink = jsonlSink({ id: 'sink', type: 'jsonl', path }, { stdout: () => {}, warn: (message) => warnings.push(message) });
    await sink.deliver(event('c'), 'c:sink');
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(2);
    expect(warnings).toEqual([`${path}:1: completed a record whose newline was missing`]);
  });
});

/** A 64 KB tmpfs, when this machine lets us mount one (root); else why not. */
function tinyDisk(): { path: string; unmount: () => void } | { missing: string } {
  const path = mkdtempSync(join(tmpdir(), 'tiny-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', path], { stdio: 'ignore' });
  if (mounted.status !== 0) return { missing: 'mounting a tmpfs needs root; the simulated full disk above still runs' };
  return { path, unmount: () => execFileSync('umount', [path]) };
}

const disk = tinyDisk();
describe.skipIf('missing' in disk)(`the JSON-lines sink on a really full disk${'missing' in disk ? ` (skipped: ${disk.missing})` : ''}`, () => {
  it('reports ENOSPC, leaves no torn line, and writes the whole line once there is room', async () => {
    const root = (disk as { path: string; unmount: () => void }).path;
    try {
      const path = join(root, 'events.jsonl');
      writeFileSync(path, `${JSON.stringify({ deliveryId: 'earlier:sink', event: event('earlier') })}\n`);
      const before = readFileSync(path, 'utf8');
      // Fill the disk to within a few hundred bytes: less than one record.
      const free = () => { const stats = statfsSync(root); return stats.bavail * stats.bsize; };
      writeFileSync(join(root, 'filler'), Buffer.alloc(Math.max(0, free() - 100)));
      const sink = jsonlSink({ id: 'sink', type: 'jsonl', path }, { stdout: () => {} });
      const big = { ...event('big'), data: { text: 'y'.repeat(8000) } };
      await expect(sink.deliver(big, 'big:sink')).rejects.toThrow(`could not write to ${path}: the disk is full (ENOSPC)`);
      expect(readFileSync(path, 'utf8')).toBe(before);
      rmSync(join(root, 'filler'));
      await sink.deliver(big, 'big:sink');
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => (JSON.parse(line) as { deliveryId: string }).deliveryId);
      expect(lines).toEqual(['earlier:sink', 'big:sink']);
    } finally {
      (disk as { unmount: () => void }).unmount();
    }
  });
});

describe('webhook failures say what failed', () => {
  const failureOf = async (url: string, timeoutMs = 2000) => {
    const sink = webhookSink({ id: 'hook', type: 'webhook', url, timeoutMs }, { POLICY_WEBHOOK_SECRET: secret });
    return sink.deliver(event('e'), 'e:hook').then(
      () => 'delivered',
      (error: Error) => error.message,
    );
  };
  const listen = async (handler: Parameters<typeof createServer>[1]) => {
    const server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, host: `127.0.0.1:${(server.address() as AddressInfo).port}` };
  };

  it('names DNS, refused, reset and timeout', async () => {
    expect(await failureOf('http://no-such-host.invalid/hook')).toMatch(/^DNS lookup failed.* for no-such-host\.invalid$/);
    const closed = await listen(() => {});
    closed.server.close();
    expect(await failureOf(closed.url)).toBe(`connection refused by ${closed.host}`);
    const reset = await listen((request) => request.socket.destroy());
    expect(await failureOf(reset.url)).toMatch(new RegExp(`^connection reset by ${reset.host.replace(/\./g, '\\.')}`));
    reset.server.close();
    const slow = await listen((_request, response) => void setTimeout(() => response.end('late'), 2000));
    expect(await failureOf(slow.url, 200)).toBe(`timed out after 200 ms waiting for ${slow.host}`);
    slow.server.closeAllConnections();
    slow.server.close();
  }, 20_000);

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('the delivery state stays out of git', () => {
  it('is flagged when it lies in the work tree and is not ignored', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'state-ignored-'));
    git(repo, 'init', '-q');
    writeFileSync(join(repo, '.gitignore'), '.policy/\n');
    expect(await trackedByMistake(join(repo, '.policy', 'notify.sqlite'))).toBe(false);
    expect(await trackedByMistake(join(repo, 'state', 'notify.sqlite'))).toBe(true);
    expect(await trackedByMistake(join(mkdtempSync(join(tmpdir(), 'outside-')), 'notify.sqlite'))).toBe(false);
  });
});

describe('the documented notify configuration', () => {
  it('is valid against its schema', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync('schema/notify-config.schema.json', 'utf8')) as object);
    const docs = readFileSync('docs/versioning.md', 'utf8');
    const example = /Sinks are in `notify\.config\.json`[\s\S]*?```json\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(example).toBeDefined();
    const config = JSON.parse(example!) as { sinks: { type: string }[] };
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(config.sinks.map((sink) => sink.type).sort()).toEqual(['jsonl', 'nats', 'webhook']);
  });
});

describe('NATS subjects', () => {
  it('route by policy, kind and audience, with the characters NATS reserves replaced', () => {
    expect(natsSubject({ id: 'x', subject: 'allai', type: 'policy.release.notice.v1', audience: 'everyone' })).toBe('policy.notices.allai.notice.everyone');
    expect(natsSubject({ id: 'x', subject: 'allai', type: 'policy.release.consent.v1', audience: 'jurisdiction:U.S. *West>' }, 'acme.privacy')).toBe('acme.privacy.allai.consent.jurisdiction:U_S___West_');
  });
});
