import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { parse as parseYaml } from 'yaml';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { releasePolicy } from '../src/history/release.ts';
import { DeliveryStore } from '../src/notify/store.ts';
import { git } from './support/git.ts';

const cli = join(import.meta.dirname, '../src/cli/main.ts');
const secret = `whsec_${Buffer.from('a test secret of thirty-two bytes!').toString('base64')}`;
const minimal = readFileSync('test/fixtures/policies/minimal/policy.md', 'utf8');

/** A policy with three releases: 1.0.0, 2.0.0 (new recipient: notice), 3.0.0 (new consent purpose: re-consent). */
let policies: string;
beforeAll(async () => {
  policies = join(mkdtempSync(join(tmpdir(), 'notify-')), 'policies');
  const folder = join(policies, 'minimal');
  cpSync('test/fixtures/policies/minimal', folder, { recursive: true });
  await releasePolicy(folder, '2026-01-01');
  const v2 = minimal
    .replace('version: 1.0.0', 'version: 2.0.0')
    .replace('effective: 2026-01-01', 'effective: 2026-04-01')
    .replace('    purposes: [account, newsletter]\n', '    purposes: [account, newsletter]\n  - id: ad-network\n    label: Advertising network\n    role: independent-controller\n    categories: [email]\n    purposes: [account]\n');
  writeFileSync(join(folder, 'policy.md'), v2);
  expect((await releasePolicy(folder, '2026-02-01')).event?.action).toBe('notice');
  const v3 = v2
    .replace('version: 2.0.0', 'version: 3.0.0')
    .replace('effective: 2026-04-01', 'effective: 2026-07-01')
    .replace('    categories: [email]\n```\n\n## Who', '    categories: [email]\n  - id: surveys\n    label: Send surveys\n    basis: consent\n    categories: [email]\n```\n\n## Who');
  writeFileSync(join(folder, 'policy.md'), v3);
  expect((await releasePolicy(folder, '2026-05-01')).event?.action).toBe('reconsent');
  // notify sends only committed releases.
  const repo = join(policies, '..');
  git(repo, 'init', '-q');
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'releases');
}, 60_000);

type Handler = (request: IncomingMessage, response: ServerResponse, index: number) => void;
interface Received {
  id: string;
  verified: boolean;
  eventId: string;
}

/** A real local HTTP receiver that verifies signatures and records every request. */
async function receiver(handler: Handler) {
  const received: Received[] = [];
  const verifier = new Webhook(secret);
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      let verified = false;
      try {
        verifier.verify(body, request.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({ id: String(request.headers['webhook-id']), verified, eventId: (JSON.parse(body) as { id: string }).id });
      handler(request, response, received.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}
const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections(), server.close();
});

function setup(sink: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'notify-run-'));
  const config = join(dir, 'notify.config.json');
  writeFileSync(config, JSON.stringify({ baseUrl: 'https://example.com/privacy', store: join(dir, 'state.sqlite'), deadLetters: join(dir, 'dead.jsonl'), sinks: [{ id: 'hook', ...sink }] }, null, 2));
  return { dir, config, store: join(dir, 'state.sqlite') };
}

/** Run `policy notify` as its own process, as CI would; optionally kill it. */
function notify(config: string, onStart?: (kill: () => void) => void, extra: readonly string[] = []) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, 'notify', policies, '--config', config, '--date', '2026-02-15', ...extra], { env: { ...process.env, POLICY_WEBHOOK_SECRET: secret, NO_COLOR: '1' } });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    onStart?.(() => child.kill('SIGKILL'));
    child.on('close', (code, signal) => resolve({ code, signal, stderr, stdout }));
  });
}

const ok: Handler = (_request, response) => response.writeHead(200).end('ok');
const statuses = (store: string) => {
  const db = new DeliveryStore(store);
  const all = db.all().map((delivery) => [delivery.version, delivery.status, delivery.attempts]);
  db.close();
  return all;
};
const errors = (store: string) => {
  const db = new DeliveryStore(store);
  const all = db.all().map((delivery) => [delivery.version, delivery.lastError]);
  db.close();
  return all;
};

describe('policy notify', () => {
  it('delivers each event needing notice once, signed, and never again on re-runs', async () => {
    const hook = await receiver(ok);
    const { config, store } = setup({ type: 'webhook', url: hook.url, backoffMs: 10 });
    expect((await notify(config)).code).toBe(0);
    expect((await notify(config)).code).toBe(0);
    // 1.0.0 needs no notification; 2.0.0 and 3.0.0 do.
    expect(hook.received.map((request) => [request.eventId, request.id, request.verified])).toEqual([
      ['minimal@2.0.0/notice/everyone', 'minimal@2.0.0/notice/everyone:hook', true],
      ['minimal@3.0.0/consent/everyone', 'minimal@3.0.0/consent/everyone:hook', true],
    ]);
    expect(statuses(store)).toEqual([
      ['2.0.0', 'delivered', 1],
      ['3.0.0', 'delivered', 1],
    ]);
  }, 30_000);

  it('retries failures and timeouts with backoff', async () => {
    const hook = await receiver((_request, response, index) => {
      if (index === 0) return void response.writeHead(500).end('boom');
      if (index === 1) return void setTimeout(() => response.writeHead(200).end('late'), 5000);
      response.writeHead(200).end('ok');
    });
    const { config, store } = setup({ type: 'webhook', url: hook.url, backoffMs: 20, timeoutMs: 1500 });
    const run = await notify(config);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/failed minimal@2\.0\.0\/notice\/everyone to hook: HTTP 500 .*retrying in 20 ms/);
    expect(run.stderr).toMatch(/failed minimal@2\.0\.0\/notice\/everyone to hook: timed out after 1500 ms waiting for 127\.0\.0\.1:\d+; retrying in 40 ms/);
    expect(statuses(store)).toEqual([
      ['2.0.0', 'delivered', 3],
      ['3.0.0', 'delivered', 1],
    ]);
  }, 30_000);

  it('gives up after the last attempt, writes a dead letter and does not retry it unless asked', async () => {
    const hook = await receiver((_request, response) => response.writeHead(503).end('down'));
    const { config, store, dir } = setup({ type: 'webhook', url: hook.url, backoffMs: 5, maxAttempts: 3 });
    expect((await notify(config)).code).toBe(1);
    expect(hook.received).toHaveLength(6);
    expect(statuses(store)).toEqual([
      ['2.0.0', 'dead', 3],
      ['3.0.0', 'dead', 3],
    ]);
    const dead = readFileSync(join(dir, 'dead.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { deliveryId: string; error: string });
    expect(dead.map((letter) => [letter.deliveryId, letter.error])).toEqual([
      ['minimal@2.0.0/notice/everyone:hook', `HTTP 503 from ${hook.url}`],
      ['minimal@3.0.0/consent/everyone:hook', `HTTP 503 from ${hook.url}`],
    ]);
    expect((await notify(config)).code).toBe(1);
    expect(hook.received).toHaveLength(6);
  }, 30_000);

  it('resumes after being killed mid-delivery without losing or repeating an acknowledged event', async () => {
    let kill: () => void = () => {};
    // First run: acknowledge 2.0.0, then hang on 3.0.0 and kill the sender while it waits.
    const hook = await receiver((_request, response, index) => {
      if (index === 1) return void kill();
      response.writeHead(200).end('ok');
    });
    const { config, store } = setup({ type: 'webhook', url: hook.url, backoffMs: 10, timeoutMs: 20_000 });
    const killed = await notify(config, (stop) => (kill = stop));
    expect(killed.signal).toBe('SIGKILL');
    expect(statuses(store)).toEqual([
      ['2.0.0', 'delivered', 1],
      ['3.0.0', 'delivering', 1],
    ]);
    const resumed = await notify(config);
    expect(resumed.code).toBe(0);
    const byEvent = (id: string) => hook.received.filter((request) => request.eventId === id).length;
    expect(byEvent('minimal@2.0.0/notice/everyone')).toBe(1);
    // The interrupted delivery is sent again with the same webhook-id, so the receiver can drop a duplicate.
    expect(byEvent('minimal@3.0.0/consent/everyone')).toBe(2);
    expect(new Set(hook.received.filter((request) => request.eventId === 'minimal@3.0.0/consent/everyone').map((request) => request.id)).size).toBe(1);
    expect(statuses(store)).toEqual([
      ['2.0.0', 'delivered', 1],
      ['3.0.0', 'delivered', 2],
    ]);
  }, 30_000);

  it('appends JSON lines to a file once per delivery', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notify-jsonl-'));
    const { config } = setup({ type: 'jsonl', path: join(dir, 'events.jsonl') });
    expect((await notify(config)).code).toBe(0);
    expect((await notify(config)).code).toBe(0);
    const lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { deliveryId: string; event: { type: string; data: { messages: { subject: string } } } });
    expect(lines.map((line) => [line.deliveryId, line.event.type])).toEqual([
      ['minimal@2.0.0/notice/everyone:hook', 'policy.release.notice.v1'],
      ['minimal@3.0.0/consent/everyone:hook', 'policy.release.consent.v1'],
    ]);
    expect(lines[0]!.event.data.messages.subject).toBe('Our privacy policy changes on 1 April 2026');
    expect(lines[1]!.event.data.messages.subject).toBe('May we use your email address to send surveys?');
  }, 30_000);

  it('refuses a path that does not exist, and a JSON report mixed with JSON lines on standard output', async () => {
    const { config } = setup({ type: 'jsonl' });
    const missing = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, 'notify', '/nonexistent/policies', '--config', config]);
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such path: \/nonexistent\/policies/);
    const mixed = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, 'notify', policies, '--config', config, '--date', '2026-02-15', '--format', 'json']);
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/--format json would mix the two/);
  }, 30_000);

  it('explains a missing or invalid configuration, and a missing secret', async () => {
    const missing = await notify('/nonexistent/notify.config.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no configuration at \/nonexistent\/notify.config.json/);
    const { config } = setup({ type: 'carrier-pigeon' });
    const invalid = await notify(config);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/notify.config.json:\d+:\d+ error invalid-value Unexpected `carrier-pigeon`/);
    const hook = setup({ type: 'webhook', url: 'http://127.0.0.1:1/hook', secretEnv: 'NO_SUCH_SECRET' });
    const secretless = await notify(hook.config);
    expect(secretless.code).toBe(2);
    expect(secretless.stderr).toMatch(/set the signing secret in the environment variable NO_SUCH_SECRET/);
  }, 30_000);

  it('never follows a redirect: a 3xx is a failure, retried, then dead-lettered with where it pointed', async () => {
    const elsewhere = await receiver(ok);
    const hook = await receiver((_request, response) => response.writeHead(307, { location: elsewhere.url }).end());
    const { config, store, dir } = setup({ type: 'webhook', url: hook.url, backoffMs: 5, maxAttempts: 2 });
    const run = await notify(config);
    expect(run.code).toBe(1);
    expect(elsewhere.received).toEqual([]);
    expect(hook.received).toHaveLength(4);
    const reason = `HTTP 307 redirect from ${hook.url} to ${elsewhere.url}; redirects are not followed, so fix the sink's url`;
    expect(errors(store)).toEqual([
      ['2.0.0', reason],
      ['3.0.0', reason],
    ]);
    const dead = readFileSync(join(dir, 'dead.jsonl'), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { error: string }).error);
    expect(dead).toEqual([reason, reason]);
    // The summary is on stdout, the progress on stderr.
    expect(run.stdout).toContain(`dead              minimal@2.0.0/notice/everyone -> hook (2 attempts): ${reason}`);
    expect(run.stderr).toContain('retrying in 5 ms');
    expect(run.stderr).not.toContain('dead              minimal');
  }, 30_000);

  it('honours Retry-After: waits as asked, and defers to a later run a wait longer than the backoff limit', async () => {
    const times: number[] = [];
    const hook = await receiver((_request, response, index) => {
      times.push(Date.now());
      if (index === 0) return void response.writeHead(503, { 'retry-after': '1' }).end('busy');
      if (index === 2) return void response.writeHead(429, { 'retry-after': '3600' }).end('slow down');
      response.writeHead(200).end('ok');
    });
    const { config, store } = setup({ type: 'webhook', url: hook.url, backoffMs: 10, maxBackoffMs: 5000 });
    const run = await notify(config);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(run.stderr).toMatch(/failed minimal@2\.0\.0\/notice\/everyone to hook: HTTP 503 from \S+ \(Retry-After 1 s\); retrying in 1000 ms/);
    expect(run.stderr).toMatch(/the receiver asked to wait until \d{4}-\d\d-\d\dT[\d:.]+Z, so a later run will retry/);
    expect(run.code).toBe(1);
    expect(statuses(store)).toEqual([
      ['2.0.0', 'delivered', 2],
      ['3.0.0', 'pending', 1],
    ]);
    // Within the hour asked for, a new run does not knock again.
    const again = await notify(config);
    expect(again.code).toBe(1);
    expect(hook.received).toHaveLength(3);
    expect(again.stdout).toMatch(/deferred +minimal@3\.0\.0\/consent\/everyone -> hook \(1 attempt\): HTTP 429 .*; retry after /);
  }, 30_000);

  it('keeps a second run off the same delivery state: it refuses, or waits with --wait, and nothing is sent twice', async () => {
    const hook = await receiver((_request, response) => void setTimeout(() => response.writeHead(200).end('ok'), 1500));
    const { config } = setup({ type: 'webhook', url: hook.url, backoffMs: 10 });
    const [first, second] = await Promise.all([notify(config), new Promise((resolve) => setTimeout(resolve, 150)).then(() => notify(config))]);
    expect([first.code, second.code].sort()).toEqual([0, 2]);
    expect([first, second].find((run) => run.code === 2)!.stderr).toMatch(/another `policy notify` run is using the delivery state .*state\.sqlite; let it finish, or pass --wait <seconds>/);
    expect(hook.received.map((request) => request.eventId)).toEqual(['minimal@2.0.0/notice/everyone', 'minimal@3.0.0/consent/everyone']);

    const fresh = setup({ type: 'webhook', url: hook.url, backoffMs: 10 });
    hook.received.length = 0;
    const runs = await Promise.all([notify(fresh.config, undefined, ['--wait', '30']), notify(fresh.config, undefined, ['--wait', '30'])]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    expect(hook.received.map((request) => request.eventId).sort()).toEqual(['minimal@2.0.0/notice/everyone', 'minimal@3.0.0/consent/everyone']);
  }, 30_000);

  it('repairs a torn line left by a crash and recognises its own records by parsing, not by substring', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notify-torn-'));
    const path = join(dir, 'events.jsonl');
    const { config } = setup({ type: 'jsonl', path });
    // A foreign line that mentions 3.0.0's delivery id, then half of 2.0.0's record.
    writeFileSync(path, `${JSON.stringify({ note: '"deliveryId":"minimal@3.0.0/consent/everyone:hook"' })}\n{"deliveryId":"minimal@2.0.0/notice/everyone:hook","event":{"id":"minim`);
    const run = await notify(config);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/events\.jsonl:2: removed a torn line of 71 bytes \(a write that did not finish\); its delivery is sent again/);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const records = lines.map((line) => JSON.parse(line) as { deliveryId?: string; note?: string });
    expect(records.map((record) => record.deliveryId ?? 'foreign')).toEqual(['foreign', 'minimal@2.0.0/notice/everyone:hook', 'minimal@3.0.0/consent/everyone:hook']);
  }, 30_000);

  it('sends only committed releases, refuses a dirty tree unless told, and never re-sends notices already in effect unless asked', async () => {
    const hook = await receiver(ok);
    const repo = mkdtempSync(join(tmpdir(), 'notify-git-'));
    cpSync(policies, join(repo, 'policies'), { recursive: true });
    const folder = join(repo, 'policies', 'minimal');
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'three releases');
    // A fourth release, written but not committed.
    const v4 = readFileSync(join(folder, 'policy.md'), 'utf8')
      .replace('version: 3.0.0', 'version: 4.0.0')
      .replace('effective: 2026-07-01', 'effective: 2026-12-01')
      .replace('    purposes: [account]\n', '    purposes: [account]\n  - id: data-broker\n    label: Data broker\n    role: independent-controller\n    categories: [email]\n    purposes: [account]\n');
    writeFileSync(join(folder, 'policy.md'), v4);
    expect((await releasePolicy(folder, '2026-10-01')).event?.action).toBe('notice');
    const { config } = setup({ type: 'webhook', url: hook.url, backoffMs: 10 });
    const run = (...extra: string[]) =>
      new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, 'notify', join(repo, 'policies'), '--config', config, ...extra], { env: { ...process.env, POLICY_WEBHOOK_SECRET: secret, NO_COLOR: '1' } });
        let stderr = '';
        let stdout = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.on('close', (code) => resolve({ code, stderr, stdout }));
      });

    const dirty = await run('--date', '2026-05-02');
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toMatch(/minimal has uncommitted changes \(\d+ file\(s\), e\.g\. .*\): commit them, or pass --allow-dirty/);
    expect(hook.received).toEqual([]);

    const allowed = await run('--date', '2026-05-02', '--allow-dirty', '--format', 'json');
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('warning: minimal@4.0.0 is not in the manifest committed at HEAD; commit the release to send it');
    const summary = JSON.parse(allowed.stdout) as { deliveries: { eventId: string; outcome: string; reason?: string }[] };
    expect(summary.deliveries.map((entry) => [entry.eventId, entry.outcome])).toEqual([
      ['minimal@2.0.0/notice/everyone', 'skipped'],
      ['minimal@3.0.0/consent/everyone', 'delivered'],
    ]);
    expect(summary.deliveries[0]!.reason).toBe('it took effect on 1 April 2026, before 2 May 2026; pass --resend-past to send it anyway');
    expect(hook.received.map((request) => request.eventId)).toEqual(['minimal@3.0.0/consent/everyone']);

    const resent = await run('--date', '2026-05-02', '--allow-dirty', '--resend-past');
    expect(resent.code).toBe(0);
    expect(hook.received.map((request) => request.eventId)).toEqual(['minimal@3.0.0/consent/everyone', 'minimal@2.0.0/notice/everyone']);
    expect(resent.stdout).toMatch(/already-delivered +minimal@3\.0\.0\/consent\/everyone -> hook/);
  }, 60_000);

  it('has a workflow that releases on merge to main and then runs notify, one run at a time', () => {
    const workflow = parseYaml(readFileSync('.github/workflows/release.yml', 'utf8')) as { on: { push: { branches: string[] } }; concurrency: { group: string }; jobs: Record<string, { steps: { run?: string }[] }> };
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.concurrency.group).toBeTruthy();
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    const release = runs.findIndex((run) => /\bbin\/policy release\b/.test(run));
    const notify = runs.findIndex((run) => /\bbin\/policy notify\b/.test(run));
    expect(release).toBeGreaterThanOrEqual(0);
    expect(notify).toBeGreaterThan(release);
    expect(runs[notify]).toContain('--format json');
    // The delivery state carried between runs is the outbox the notify step writes (its default
    // store, with SQLite's write-ahead log), and nothing else of .policy/.
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps as { uses?: string; with?: { path?: string } }[]);
    const cached = steps.filter((step) => step.uses?.startsWith('actions/cache/')).map((step) => step.with?.path);
    expect(cached).toEqual(['.policy/notify.sqlite*', '.policy/notify.sqlite*']);
  });

  it('previews with --dry-run: the events and their messages, nothing sent, no state written', async () => {
    const hook = await receiver(ok);
    const { config, store } = setup({ type: 'webhook', url: hook.url, secretEnv: 'NOT_SET_IN_A_DRY_RUN' });
    const json = await notify(config, undefined, ['--dry-run', '--format', 'json']);
    expect(json.code).toBe(0);
    const preview = JSON.parse(json.stdout) as { events: { event: { id: string; data: { messages: { subject: string } } }; held: string | null }[] };
    expect(preview.events.map(({ event, held }) => [event.id, event.data.messages.subject, held])).toEqual([
      ['minimal@2.0.0/notice/everyone', 'Our privacy policy changes on 1 April 2026', null],
      ['minimal@3.0.0/consent/everyone', 'May we use your email address to send surveys?', null],
    ]);
    const pretty = await notify(config, undefined, ['--dry-run']);
    expect(pretty.stdout).toContain('minimal@2.0.0/notice/everyone (policy.release.notice.v1): would be sent\nSubject: Our privacy policy changes on 1 April 2026\n\nFrom 1 April 2026, our privacy policy changes.');
    expect(pretty.stderr).toContain('2 event(s); nothing was sent (--dry-run)');
    expect(hook.received).toEqual([]);
    expect(existsSync(store)).toBe(false);
  }, 30_000);
});
