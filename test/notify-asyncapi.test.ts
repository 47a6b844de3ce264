// The AsyncAPI 3.0 document in schema/ is valid, and says what notify really emits: every
// event lands on a channel of the document, and the channel's message describes it.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import specs from '@asyncapi/specs';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { connect } from 'nats';
import { afterAll, describe, expect, it } from 'vitest';
import { releasePolicy } from '../src/history/release.ts';
import type { NoticeEvent } from '../src/model/notice-event.generated.ts';
import { eventTypes } from '../src/notify/cloudevent.ts';
import { natsSubject } from '../src/notify/nats.ts';
import { eventsOf, noticeCases } from './notice-goldens.ts';
import { natsServerBinary, startNatsServer } from './support/nats-server.ts';
import { git } from './support/git.ts';

type Json = Record<string, unknown>;
const document = JSON.parse(readFileSync('schema/notifications.asyncapi.json', 'utf8')) as {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { action: string; channel: { $ref: string } }>;
  components: { messages: Record<string, { contentType: string; payload: { $ref: string }; headers: { $ref: string } }>; schemas: Record<string, Json> };
};
const schemaFile = (name: string) => JSON.parse(readFileSync(join('schema', name), 'utf8')) as Json;

/** The AsyncAPI 3.0.0 schema as the AsyncAPI project publishes it (@asyncapi/specs). It embeds its own draft-07 meta-schema. */
const validateAsyncApi = new Ajv({ strict: false, allErrors: true, validateFormats: false, meta: false, validateSchema: false }).compile(specs.schemas['3.0.0'] as object);

/** Follow a local `#/a/b` pointer in the document. */
function resolve(ref: string): Json {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<Json>((node, key) => node[key] as Json, document as unknown as Json);
}

/** A validator for a component schema, its `./file.schema.json` references resolved against schema/. */
function payloadValidator(ref: string): ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(schemaFile('change.schema.json'));
  ajv.addSchema(schemaFile('notice-event.schema.json'));
  const rewrite = (node: unknown): unknown =>
    Array.isArray(node) ? node.map(rewrite) : node && typeof node === 'object' ? Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' && value.startsWith('./') ? `https://policy-as-code.local/schema/${value.slice(2)}` : rewrite(value)])) : node;
  return ajv.compile(rewrite(resolve(ref)) as object);
}

/** The channel whose address template matches a NATS subject, with its parameters. */
function channelOf(subject: string) {
  const matches = Object.entries(document.channels).flatMap(([name, channel]) => {
    const names: string[] = [];
    const pattern = new RegExp(`^${channel.address.replace(/\./g, '\\.').replace(/\{(\w+)\}/g, (_all, parameter: string) => (names.push(parameter), '([^.]+)'))}$`);
    const match = pattern.exec(subject);
    return match ? [{ name, channel, parameters: Object.fromEntries(names.map((parameter, index) => [parameter, match[index + 1]])) }] : [];
  });
  expect(matches, `channels for ${subject}`).toHaveLength(1);
  return matches[0]!;
}

/** Check one emitted event (and, from NATS, its headers) against the document. */
function checkAgainstDocument(event: NoticeEvent, subject: string, headers?: Record<string, string>) {
  const { name, channel, parameters } = channelOf(subject);
  expect(parameters).toEqual({ policy: event.subject, audience: event.audience.replace(/[.\s*>]/g, '_') });
  const messages = Object.values(channel.messages).map((message) => resolve(message.$ref) as (typeof document.components.messages)[string]);
  expect(messages).toHaveLength(1);
  const validate = payloadValidator(messages[0]!.payload.$ref);
  expect(validate(event), `${event.id} on ${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
  if (headers) {
    const validateHeaders = new Ajv({ strict: false }).compile(resolve(messages[0]!.headers.$ref));
    expect(validateHeaders(headers), JSON.stringify(validateHeaders.errors)).toBe(true);
    expect(headers['content-type']).toContain(messages[0]!.contentType);
  }
}

describe('the AsyncAPI document', () => {
  it('is a valid AsyncAPI 3.0 document, and the validator does reject a broken one', () => {
    expect(validateAsyncApi(document), JSON.stringify(validateAsyncApi.errors)).toBe(true);
    const broken = structuredClone(document) as unknown as { operations: Record<string, Json> };
    delete broken.operations.sendNotice!.action;
    expect(validateAsyncApi(broken)).toBe(false);
  });

  it('has a send operation for each event type notify emits, and a payload that refuses the other type', async () => {
    expect(Object.values(document.operations).map((operation) => [operation.action, resolve(operation.channel.$ref) === document.channels.notices ? 'notices' : 'consentRequests'])).toEqual([
      ['send', 'notices'],
      ['send', 'consentRequests'],
    ]);
    const [notice] = (await eventsOf(noticeCases().find((input) => input.name === 'advertising-recipient')!)).events;
    expect(payloadValidator('#/components/schemas/noticeEvent')(notice)).toBe(true);
    expect(payloadValidator('#/components/schemas/consentEvent')(notice)).toBe(false);
    expect(Object.values(eventTypes).sort()).toEqual(['policy.release.consent.v1', 'policy.release.notice.v1']);
  });

  it('describes every event emitted for the golden cases', async () => {
    let checked = 0;
    for (const input of noticeCases()) {
      for (const event of (await eventsOf(input)).events) {
        checkAgainstDocument(event, natsSubject(event));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });
});

const nats = natsServerBinary();
const stops: (() => void)[] = [];
afterAll(() => stops.forEach((stop) => stop()));

describe.skipIf('missing' in nats)(`policy notify to JetStream${'missing' in nats ? ` (skipped: ${nats.missing})` : ''}`, () => {
  it('publishes each event once, on the channel and with the headers the document gives', async () => {
    const server = await startNatsServer((nats as { binary: string }).binary);
    stops.push(server.stop);
    const repo = mkdtempSync(join(tmpdir(), 'notify-nats-'));
    const folder = join(repo, 'policies', 'minimal');
    cpSync('test/fixtures/policies/minimal', folder, { recursive: true });
    await releasePolicy(folder, '2026-01-01');
    const v2 = readFileSync(join(folder, 'policy.md'), 'utf8')
      .replace('version: 1.0.0', 'version: 2.0.0')
      .replace('effective: 2026-01-01', 'effective: 2026-04-01')
      .replace('    purposes: [account, newsletter]\n', '    purposes: [account, newsletter]\n  - id: ad-network\n    label: Advertising network\n    role: independent-controller\n    categories: [email]\n    purposes: [account]\n');
    writeFileSync(join(folder, 'policy.md'), v2);
    await releasePolicy(folder, '2026-02-01');
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'releases');
    const config = join(repo, 'notify.config.json');
    writeFileSync(config, JSON.stringify({ baseUrl: 'https://example.com/privacy', store: join(repo, 'state', 'notify.sqlite'), sinks: [{ id: 'broker', type: 'nats', url: server.url }] }));
    const run = () =>
      new Promise<number | null>((done) => {
        const child = spawn(process.execPath, [join(import.meta.dirname, '../src/cli/main.ts'), 'notify', join(repo, 'policies'), '--config', config, '--date', '2026-02-15'], { stdio: 'ignore' });
        child.on('close', done);
      });
    expect(await run()).toBe(0);
    // A second run with the state lost: JetStream's duplicate window drops the re-send.
    writeFileSync(config, JSON.stringify({ baseUrl: 'https://example.com/privacy', store: join(repo, 'state', 'other.sqlite'), sinks: [{ id: 'broker', type: 'nats', url: server.url }] }));
    expect(await run()).toBe(0);
    const nc = await connect({ servers: server.url });
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info('POLICY_NOTICES');
    expect(info.state.messages).toBe(1);
    const message = await jsm.streams.getMessage('POLICY_NOTICES', { seq: info.state.first_seq });
    const event = message.json() as NoticeEvent;
    expect(event.id).toBe('minimal@2.0.0/notice/everyone');
    expect(message.subject).toBe('policy.notices.minimal.notice.everyone');
    checkAgainstDocument(event, message.subject, { 'Nats-Msg-Id': message.header.get('Nats-Msg-Id'), 'content-type': message.header.get('content-type') });
    await nc.close();
  }, 120_000);
});
