import { appendFileSync, existsSync, fsyncSync, openSync, closeSync, readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import type { NotificationEvent } from '../model/notification.generated.ts';
import type { SinkConfig } from '../model/notify-config.generated.ts';

/** A place events are delivered to. `deliver` resolves once the sink has acknowledged. */
export interface Sink {
  readonly id: string;
  readonly config: SinkConfig;
  deliver(event: NotificationEvent, deliveryId: string): Promise<void>;
}

/**
 * JSON lines, one per delivery, to a file (flushed to disk) or standard output. A file
 * already holding the delivery id is not appended to again, so a retry after a crash
 * between writing and recording does not duplicate the line.
 */
export function jsonlSink(config: SinkConfig, stdout: (line: string) => void): Sink {
  const path = config.path ?? '-';
  return {
    id: config.id,
    config,
    async deliver(event, deliveryId) {
      const line = `${JSON.stringify({ deliveryId, event })}\n`;
      if (path === '-') return stdout(line);
      if (existsSync(path) && readFileSync(path, 'utf8').includes(`"deliveryId":${JSON.stringify(deliveryId)}`)) return;
      appendFileSync(path, line);
      const fd = openSync(path, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * A webhook signed as the Standard Webhooks spec says: `webhook-id` (the same on every
 * retry, so receivers can drop duplicates), `webhook-timestamp` and an HMAC-SHA256
 * `webhook-signature`. Any answer but 2xx, a network error or a timeout is a failure.
 */
export function webhookSink(config: SinkConfig, env: NodeJS.ProcessEnv = process.env): Sink {
  const secretName = config.secretEnv ?? 'POLICY_WEBHOOK_SECRET';
  const secret = env[secretName];
  if (!secret) throw new Error(`sink ${config.id}: set the signing secret in the environment variable ${secretName} (whsec_... as in the Standard Webhooks spec)`);
  const signer = new Webhook(secret);
  return {
    id: config.id,
    config,
    async deliver(event, deliveryId) {
      const body = JSON.stringify(event);
      const timestamp = new Date();
      const response = await fetch(config.url!, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': deliveryId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signer.sign(deliveryId, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`HTTP ${response.status} from ${config.url}`);
    },
  };
}
