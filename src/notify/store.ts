import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** What a delivery is about: one event to one sink. */
export interface DeliveryKey {
  eventId: string;
  sink: string;
  policy: string;
  version: string;
}

/** The state of one delivery. */
export interface Delivery extends DeliveryKey {
  status: 'pending' | 'delivering' | 'delivered' | 'dead';
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
  /** The receiver asked not to be tried before this time (ISO), through `Retry-After`. */
  notBefore: string | null;
}

/** Thrown when another process holds the store. */
export class StoreBusy extends Error {
  override readonly name = 'StoreBusy';
}

/**
 * Delivery state, durable in SQLite and keyed by (event id, sink): a delivery that was
 * acknowledged is never attempted again, and one interrupted mid-way is found again.
 *
 * One run at a time: the constructor takes an exclusive lock on `<path>.lock` (an SQLite
 * exclusive transaction, so the kernel drops it when the process dies, even by kill -9) and
 * throws StoreBusy when another run holds it past `waitMs`.
 */
export class DeliveryStore {
  readonly #db: DatabaseSync;
  readonly #lock: DatabaseSync | undefined;

  constructor(path: string, options: { waitMs?: number } = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#lock = path === ':memory:' ? undefined : lockStore(`${path}.lock`, options.waitMs ?? 0);
    this.#db = new DatabaseSync(path);
    // WAL + FULL sync: a committed state change survives a crash or a kill.
    this.#db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA busy_timeout = 5000;
      CREATE TABLE IF NOT EXISTS outbox (
        event_id TEXT NOT NULL, sink TEXT NOT NULL, policy TEXT NOT NULL, version TEXT NOT NULL,
        status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
        delivered_at TEXT, not_before TEXT, updated_at TEXT NOT NULL,
        PRIMARY KEY (event_id, sink)
      );
      CREATE TABLE IF NOT EXISTS dead_letters (
        event_id TEXT NOT NULL, sink TEXT NOT NULL, policy TEXT NOT NULL, version TEXT NOT NULL,
        attempts INTEGER NOT NULL, last_error TEXT, at TEXT NOT NULL
      );
    `);
  }

  /** The delivery of `eventId` to `sink`, if it was ever attempted. */
  get(eventId: string, sink: string): Delivery | undefined {
    const row = this.#db.prepare('SELECT * FROM outbox WHERE event_id = ? AND sink = ?').get(eventId, sink) as Record<string, string | number | null> | undefined;
    if (!row) return undefined;
    return {
      eventId: String(row.event_id),
      sink: String(row.sink),
      policy: String(row.policy),
      version: String(row.version),
      status: row.status as Delivery['status'],
      attempts: Number(row.attempts),
      lastError: row.last_error === null ? null : String(row.last_error),
      deliveredAt: row.delivered_at === null ? null : String(row.delivered_at),
      notBefore: row.not_before === null ? null : String(row.not_before),
    };
  }

  /**
   * Record an attempt before it is made, so a crash during it is visible afterwards; creates
   * the delivery the first time. One durable write: the outbox's cost is two per delivery.
   */
  startAttempt(key: DeliveryKey): number {
    const row = this.#db
      .prepare(
        `INSERT INTO outbox (event_id, sink, policy, version, status, attempts, updated_at) VALUES (?, ?, ?, ?, 'delivering', 1, ?)
         ON CONFLICT (event_id, sink) DO UPDATE SET status = 'delivering', attempts = attempts + 1, not_before = NULL, updated_at = excluded.updated_at
         RETURNING attempts`,
      )
      .get(key.eventId, key.sink, key.policy, key.version, now()) as { attempts: number };
    return Number(row.attempts);
  }

  /** The sink acknowledged the delivery. */
  delivered(delivery: DeliveryKey): void {
    this.#db.prepare(`UPDATE outbox SET status = 'delivered', delivered_at = ?, last_error = NULL, updated_at = ? WHERE event_id = ? AND sink = ?`).run(now(), now(), delivery.eventId, delivery.sink);
  }

  /** An attempt failed; the delivery stays pending, not to be tried before `notBefore` when given. */
  failed(delivery: DeliveryKey, error: string, notBefore?: string): void {
    this.#db.prepare(`UPDATE outbox SET status = 'pending', last_error = ?, not_before = ?, updated_at = ? WHERE event_id = ? AND sink = ?`).run(error, notBefore ?? null, now(), delivery.eventId, delivery.sink);
  }

  /** Give up on a delivery: it moves to the dead letters and is not retried unless asked. */
  dead(delivery: DeliveryKey, error: string): void {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const attempts = this.get(delivery.eventId, delivery.sink)!.attempts;
      this.#db.prepare(`UPDATE outbox SET status = 'dead', last_error = ?, updated_at = ? WHERE event_id = ? AND sink = ?`).run(error, now(), delivery.eventId, delivery.sink);
      this.#db.prepare('INSERT INTO dead_letters (event_id, sink, policy, version, attempts, last_error, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(delivery.eventId, delivery.sink, delivery.policy, delivery.version, attempts, error, now());
      this.#db.exec('COMMIT');
    } catch (caught) {
      this.#db.exec('ROLLBACK');
      throw caught;
    }
  }

  /** Put dead deliveries back to pending (`policy notify --retry-dead`). */
  revive(): number {
    return Number(this.#db.prepare(`UPDATE outbox SET status = 'pending', attempts = 0, not_before = NULL, updated_at = ? WHERE status = 'dead'`).run(now()).changes);
  }

  /** Every delivery, ordered by event id then sink. */
  all(): Delivery[] {
    const rows = this.#db.prepare('SELECT event_id, sink FROM outbox ORDER BY event_id, sink').all() as { event_id: string; sink: string }[];
    return rows.map((row) => this.get(row.event_id, row.sink)!);
  }

  /** Close the database and release the lock. */
  close(): void {
    this.#db.close();
    this.#lock?.close();
  }
}

function lockStore(path: string, waitMs: number): DatabaseSync {
  const lock = new DatabaseSync(path);
  lock.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(waitMs))}`);
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if (/locked|busy/i.test(error instanceof Error ? error.message : String(error))) {
      throw new StoreBusy(`another \`policy notify\` run is using the delivery state ${path.replace(/\.lock$/, '')}${waitMs > 0 ? ` (waited ${Math.round(waitMs / 1000)} s)` : ''}; let it finish, or pass --wait <seconds>`);
    }
    throw error;
  }
  return lock;
}

function now(): string {
  return new Date().toISOString();
}
