import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** The state of one delivery: an event to one sink. */
export interface Delivery {
  policy: string;
  version: string;
  sink: string;
  eventId: string;
  status: 'pending' | 'delivering' | 'delivered' | 'dead';
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
}

/**
 * Delivery state, durable in SQLite and keyed by (policy, version, sink): a delivery that
 * was acknowledged is never attempted again, and one interrupted mid-way is found again.
 */
export class DeliveryStore {
  readonly #db: DatabaseSync;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new DatabaseSync(path);
    // WAL + FULL sync: a committed state change survives a crash or a kill.
    this.#db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA busy_timeout = 5000;
      CREATE TABLE IF NOT EXISTS deliveries (
        policy TEXT NOT NULL, version TEXT NOT NULL, sink TEXT NOT NULL, event_id TEXT NOT NULL,
        status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
        delivered_at TEXT, updated_at TEXT NOT NULL,
        PRIMARY KEY (policy, version, sink)
      );
      CREATE TABLE IF NOT EXISTS dead_letters (
        policy TEXT NOT NULL, version TEXT NOT NULL, sink TEXT NOT NULL, event_id TEXT NOT NULL,
        attempts INTEGER NOT NULL, last_error TEXT, at TEXT NOT NULL
      );
    `);
  }

  /** The delivery's state, created as pending the first time it is seen. */
  open(policy: string, version: string, sink: string, eventId: string): Delivery {
    this.#db.prepare(`INSERT OR IGNORE INTO deliveries (policy, version, sink, event_id, status, updated_at) VALUES (?, ?, ?, ?, 'pending', ?)`).run(policy, version, sink, eventId, now());
    return this.get(policy, version, sink)!;
  }

  get(policy: string, version: string, sink: string): Delivery | undefined {
    const row = this.#db.prepare('SELECT * FROM deliveries WHERE policy = ? AND version = ? AND sink = ?').get(policy, version, sink) as Record<string, string | number | null> | undefined;
    if (!row) return undefined;
    return {
      policy: String(row.policy),
      version: String(row.version),
      sink: String(row.sink),
      eventId: String(row.event_id),
      status: row.status as Delivery['status'],
      attempts: Number(row.attempts),
      lastError: row.last_error === null ? null : String(row.last_error),
      deliveredAt: row.delivered_at === null ? null : String(row.delivered_at),
    };
  }

  /** Record an attempt before it is made, so a crash during it is visible afterwards. */
  startAttempt(delivery: Delivery): number {
    this.#db.prepare(`UPDATE deliveries SET status = 'delivering', attempts = attempts + 1, updated_at = ? WHERE policy = ? AND version = ? AND sink = ?`).run(now(), delivery.policy, delivery.version, delivery.sink);
    return this.get(delivery.policy, delivery.version, delivery.sink)!.attempts;
  }

  delivered(delivery: Delivery): void {
    this.#db.prepare(`UPDATE deliveries SET status = 'delivered', delivered_at = ?, last_error = NULL, updated_at = ? WHERE policy = ? AND version = ? AND sink = ?`).run(now(), now(), delivery.policy, delivery.version, delivery.sink);
  }

  failed(delivery: Delivery, error: string): void {
    this.#db.prepare(`UPDATE deliveries SET status = 'pending', last_error = ?, updated_at = ? WHERE policy = ? AND version = ? AND sink = ?`).run(error, now(), delivery.policy, delivery.version, delivery.sink);
  }

  /** Give up on a delivery: it moves to the dead letters and is not retried unless asked. */
  dead(delivery: Delivery, error: string): void {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const attempts = this.get(delivery.policy, delivery.version, delivery.sink)!.attempts;
      this.#db.prepare(`UPDATE deliveries SET status = 'dead', last_error = ?, updated_at = ? WHERE policy = ? AND version = ? AND sink = ?`).run(error, now(), delivery.policy, delivery.version, delivery.sink);
      this.#db.prepare('INSERT INTO dead_letters (policy, version, sink, event_id, attempts, last_error, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(delivery.policy, delivery.version, delivery.sink, delivery.eventId, attempts, error, now());
      this.#db.exec('COMMIT');
    } catch (caught) {
      this.#db.exec('ROLLBACK');
      throw caught;
    }
  }

  /** Put dead deliveries back to pending (`policy notify --retry-dead`). */
  revive(): number {
    return Number(this.#db.prepare(`UPDATE deliveries SET status = 'pending', attempts = 0, updated_at = ? WHERE status = 'dead'`).run(now()).changes);
  }

  all(): Delivery[] {
    const rows = this.#db.prepare('SELECT policy, version, sink FROM deliveries ORDER BY policy, version, sink').all() as { policy: string; version: string; sink: string }[];
    return rows.map((row) => this.get(row.policy, row.version, row.sink)!);
  }

  close(): void {
    this.#db.close();
  }
}

function now(): string {
  return new Date().toISOString();
}
