import * as fs from 'node:fs';
import { Webhook } from 'standardwebhooks';
import type { SinkConfig } from '../model/notify-config.generated.ts';
import { DeliveryFailure, describeNetworkError, parseRetryAfter } from './failure.ts';

/** What every sink delivers: a JSON event with a stable id (a CloudEvent, see cloudevent.ts). */
export interface OutgoingEvent {
  readonly id: string;
}

/**
 * A place events are delivered to. `deliver` resolves once the sink has acknowledged, and
 * throws (ideally a DeliveryFailure) otherwise. Adding Kafka or SQS is one more such object.
 */
export interface Sink {
  readonly id: string;
  readonly config: SinkConfig;
  deliver(event: OutgoingEvent, deliveryId: string): Promise<void>;
  /** Release connections; called once at the end of a run. */
  close?(): Promise<void>;
}

/** The file operations the JSON-lines sink uses; tests swap `writeSync` to simulate a full disk. */
export interface LineFileIo {
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
}

/** A line of the JSON-lines sink. */
interface JsonlRecord {
  deliveryId: string;
  event: unknown;
}

/**
 * JSON lines, one per delivery, to a file or standard output. Each delivery is appended as
 * one whole line and fsynced; a write that fails half-way (a full disk) is cut back off. The
 * sink recognises its own records by parsing each line, so a delivery already in the file is
 * not written again; a torn last line left by a crash is removed (or completed, when only its
 * newline is missing) and reported through `warn`.
 */
export function jsonlSink(config: SinkConfig, options: { stdout: (line: string) => void; warn?: (message: string) => void; io?: LineFileIo }): Sink {
  const path = config.path ?? '-';
  const warn = options.warn ?? (() => {});
  const io = options.io ?? fs;
  // What the file held when last read: re-read only when its size is not what we left.
  let known: { size: number; ids: Set<string> } | undefined;
  return {
    id: config.id,
    config,
    async deliver(event, deliveryId) {
      const line = Buffer.from(`${JSON.stringify({ deliveryId, event } satisfies JsonlRecord)}\n`);
      if (path === '-') return options.stdout(line.toString('utf8'));
      const fd = fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_APPEND, 0o644);
      try {
        let size = fs.fstatSync(fd).size;
        if (!known || known.size !== size) known = scanRecords(fd, path, size, warn);
        size = known.size;
        if (known.ids.has(deliveryId)) return;
        let written = 0;
        try {
          while (written < line.length) written += io.writeSync(fd, line, written, line.length - written);
          fs.fsyncSync(fd);
        } catch (error) {
          // Never leave half a line behind: cut the file back to where this record began.
          try {
            fs.ftruncateSync(fd, size);
            fs.fsyncSync(fd);
          } catch {
            // The next scan repairs it.
          }
          known = undefined;
          const code = (error as { code?: string }).code;
          throw new DeliveryFailure(`could not write to ${path}: ${code === 'ENOSPC' ? 'the disk is full (ENOSPC)' : error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        known = { size: size + line.length, ids: known.ids.add(deliveryId) };
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}

/** The delivery ids of the file's records; repairs a torn last line and reports lines that are not records. */
function scanRecords(fd: number, path: string, size: number, warn: (message: string) => void): { size: number; ids: Set<string> } {
  const buffer = Buffer.alloc(size);
  let read = 0;
  while (read < size) {
    const count = fs.readSync(fd, buffer, read, size - read, read);
    if (count === 0) break;
    read += count;
  }
  const text = buffer.subarray(0, read).toString('utf8');
  const ids = new Set<string>();
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  for (const [index, line] of lines.entries()) {
    const record = parseRecord(line);
    if (record) ids.add(record.deliveryId);
    else if (line.trim() !== '') warn(`${path}:${index + 1}: not a delivery record; left as it is`);
  }
  if (tail === '') return { size: read, ids };
  const record = parseRecord(tail);
  if (record) {
    // Only the newline is missing: the record is whole.
    fs.writeSync(fd, '\n');
    fs.fsyncSync(fd);
    ids.add(record.deliveryId);
    warn(`${path}:${lines.length + 1}: completed a record whose newline was missing`);
    return { size: read + 1, ids };
  }
  const keep = read - Buffer.byteLength(tail);
  fs.ftruncateSync(fd, keep);
  fs.fsyncSync(fd);
  warn(`${path}:${lines.length + 1}: removed a torn line of ${Buffer.byteLength(tail)} bytes (a write that did not finish); its delivery is sent again`);
  return { size: keep, ids };
}

function parseRecord(line: string): JsonlRecord | undefined {
  try {
    const value = JSON.parse(line) as unknown;
    if (value && typeof value === 'object' && typeof (value as JsonlRecord).deliveryId === 'string') return value as JsonlRecord;
  } catch {
    // Not JSON: not ours.
  }
  return undefined;
}

/**
 * A webhook signed as the Standard Webhooks spec says: `webhook-id` (the same on every
 * retry, so receivers can drop duplicates), `webhook-timestamp` and an HMAC-SHA256
 * `webhook-signature`. Only a 2xx answer is a delivery. Redirects are never followed (a
 * followed 301 would turn the POST into a bodiless GET, and a 307 would hand the signed event
 * to another origin): a 3xx is a failure naming where it pointed. `Retry-After` is passed on.
 */
export function webhookSink(config: SinkConfig, env: NodeJS.ProcessEnv = process.env): Sink {
  const secretName = config.secretEnv ?? 'POLICY_WEBHOOK_SECRET';
  const secret = env[secretName];
  if (!secret) throw new Error(`sink ${config.id}: set the signing secret in the environment variable ${secretName} (whsec_... as in the Standard Webhooks spec)`);
  const signer = new Webhook(secret);
  const url = config.url!;
  const target = safeOrigin(url);
  const timeoutMs = config.timeoutMs ?? 10_000;
  return {
    id: config.id,
    config,
    async deliver(event, deliveryId) {
      const body = JSON.stringify(event);
      const timestamp = new Date();
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/cloudevents+json; charset=utf-8',
            'webhook-id': deliveryId,
            'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
            'webhook-signature': signer.sign(deliveryId, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.body?.cancel();
      } catch (error) {
        throw new DeliveryFailure(describeNetworkError(error, target, timeoutMs), { cause: error });
      }
      if (response.ok) return;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get('location');
        throw new DeliveryFailure(`HTTP ${response.status} redirect from ${url}${location ? ` to ${location}` : ''}; redirects are not followed, so fix the sink's url`, { retryAfterMs });
      }
      throw new DeliveryFailure(`HTTP ${response.status} from ${url}${retryAfterMs === undefined ? '' : ` (Retry-After ${Math.ceil(retryAfterMs / 1000)} s)`}`, { retryAfterMs });
    },
  };
}

/** host:port of a URL, for messages (never its credentials or query). */
function safeOrigin(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
