/**
 * Why a delivery failed, in words an operator can act on, and whether the receiver asked
 * for a pause before the next try (HTTP `Retry-After`).
 */
export class DeliveryFailure extends Error {
  override readonly name = 'DeliveryFailure';
  /** Milliseconds the receiver asked us to wait before trying again, when it said so. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { retryAfterMs?: number | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Error codes of Node's sockets and of undici (the engine of `fetch`), by what they mean. */
const networkCauses: Record<string, (target: string) => string> = {
  ENOTFOUND: (target) => `DNS lookup failed: no address for ${target}`,
  EAI_AGAIN: (target) => `DNS lookup failed (temporary) for ${target}`,
  ECONNREFUSED: (target) => `connection refused by ${target}`,
  ECONNRESET: (target) => `connection reset by ${target}`,
  EPIPE: (target) => `connection reset by ${target} while sending`,
  UND_ERR_SOCKET: (target) => `connection reset by ${target} (closed before answering)`,
  ETIMEDOUT: (target) => `connection to ${target} timed out`,
  UND_ERR_CONNECT_TIMEOUT: (target) => `connection to ${target} timed out`,
  UND_ERR_HEADERS_TIMEOUT: (target) => `timed out waiting for ${target} to answer`,
  EHOSTUNREACH: (target) => `no route to ${target}`,
  ENETUNREACH: (target) => `network unreachable for ${target}`,
  CERT_HAS_EXPIRED: (target) => `TLS certificate of ${target} has expired`,
  DEPTH_ZERO_SELF_SIGNED_CERT: (target) => `TLS certificate of ${target} is self-signed`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: (target) => `TLS certificate of ${target} cannot be verified`,
};

/**
 * What a failed request means: DNS, refused, reset or timeout, naming the target. `fetch`
 * reports all of these as "fetch failed" and keeps the real reason in `cause.code`.
 */
export function describeNetworkError(error: unknown, target: string, timeoutMs: number): string {
  if (error instanceof DeliveryFailure) return error.message;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `timed out after ${timeoutMs} ms waiting for ${target}`;
  const code = codeOf(error);
  const known = code === undefined ? undefined : networkCauses[code];
  if (known) return known(target);
  const detail = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return `request to ${target} failed: ${detail}${code ? ` (${code})` : ''}`;
}

function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
