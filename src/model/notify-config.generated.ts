/* eslint-disable */
// Generated from schema/notify-config.schema.json by `npm run generate`. Do not edit:
// change the schema and regenerate. A test fails when this file is stale.

/**
 * Where `policy notify` delivers release events (notify.config.json).
 */
export interface NotifyConfig {
  /**
   * The SQLite file that records deliveries (default .policy/notify.sqlite). Keep it out of git: `.gitignore` lists .policy/.
   */
  store?: string;
  /**
   * A JSON-lines file where deliveries that gave up are also written.
   */
  deadLetters?: string;
  /**
   * @minItems 1
   */
  sinks: [SinkConfig, ...SinkConfig[]];
  /**
   * The public site's address (https://example.com/privacy): notices link to <baseUrl>/<policy>/v/<version>/ and its changes/ page, and it is the events' source.
   */
  baseUrl: string;
  /**
   * Where users manage their consent or delete their account; notices link to it.
   */
  accountUrl?: string;
}
export interface SinkConfig {
  /**
   * Permanent: deliveries are keyed by (policy, version, sink id).
   */
  id: string;
  /**
   * jsonl: JSON lines to a file; webhook: signed HTTP POST; nats: NATS JetStream.
   */
  type: 'jsonl' | 'webhook' | 'nats';
  /**
   * jsonl: the file to append to, or - for standard output.
   */
  path?: string;
  /**
   * webhook: the endpoint (http or https); nats: the server (nats://host:port, default nats://127.0.0.1:4222).
   */
  url?: string;
  /**
   * webhook: the environment variable holding the signing secret (whsec_...).
   */
  secretEnv?: string;
  timeoutMs?: number;
  maxAttempts?: number;
  /**
   * First retry delay; doubled after each failure.
   */
  backoffMs?: number;
  maxBackoffMs?: number;
  /**
   * nats: the subject prefix (default policy.notices); events go to <prefix>.<policy>.<notice|consent>.<audience>.
   */
  subject?: string;
  /**
   * nats: the JetStream stream, created when missing to capture <prefix>.> (default POLICY_NOTICES).
   */
  stream?: string;
}
