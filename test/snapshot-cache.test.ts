import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from '../src/model/canonical.ts';
import type { CheckedSnapshot, SnapshotStore } from '../src/history/snapshot-store.ts';
import { verifyHistory } from '../src/history/verify.ts';
import { codeVersion, engineVersion, folderDerivedStore, folderSnapshotStore, workspaceSnapshotStore } from '../src/workspace/snapshot-cache.ts';
import { buildHistory } from '../src/workspace/build-history.ts';
import { checkPaths } from '../src/workspace/check.ts';
import { releasePolicy } from '../src/history/release.ts';

const fixture = 'test/fixtures/workspace/policies/allai';
const made: string[] = [];
afterEach(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A copy of the ALLAI policy folder and an empty cache folder beside it. */
function workspace(): { folder: string; cache: string } {
  const root = mkdtempSync(join(tmpdir(), 'snapshot-cache-'));
  made.push(root);
  const folder = join(root, 'policies', 'allai');
  cpSync(fixture, folder, { recursive: true });
  return { folder, cache: join(root, '.policy', 'cache') };
}

/** A store that records which snapshots it was asked about and which it was given. */
function recording(inner: SnapshotStore): SnapshotStore & { hits: string[]; misses: string[]; writes: string[] } {
  const hits: string[] = [];
  const misses: string[] = [];
  const writes: string[] = [];
  return {
    hits, misses, writes,
    async get(hash) {
      const entry = await inner.get(hash);
      (entry ? hits : misses).push(hash);
      return entry;
    },
    async set(entry) {
      writes.push(entry.sha256);
      await inner.set(entry);
    },
  };
}

/** A cache file's header line and value. */
interface CacheFile<T> { header: { engine: string; key: string; checksum: string }; value: T }
const readCache = <T,>(path: string): CacheFile<T> => {
  const text = readFileSync(path, 'utf8');
  const split = text.indexOf('\n');
  return { header: JSON.parse(text.slice(0, split)), value: JSON.parse(text.slice(split + 1)) };
};
/** A cache file's text, with its checksum made to hold (or not, with `checksum`). */
const cacheText = <T,>(file: CacheFile<T>, checksum?: string) => {
  const body = JSON.stringify(file.value);
  return `${JSON.stringify({ ...file.header, checksum: checksum ?? sha256(body) })}\n${body}`;
};

const snapshotHash = (folder: string, version: string) => sha256(readFileSync(join(folder, 'versions', `${version}.md`)));
const cacheFile = (cache: string, folder: string, version: string) => join(cache, `${snapshotHash(folder, version)}.json`);

describe('the snapshot cache', () => {
  it('checks each snapshot once, then answers from the cache with the same documents', async () => {
    const { folder, cache } = workspace();
    const fresh = await verifyHistory(folder, 'allai');
    const first = recording(folderSnapshotStore(cache, Promise.resolve('engine-a')));
    await verifyHistory(folder, 'allai', { store: first });
    expect(first.hits).toEqual([]);
    expect(first.writes).toEqual(['1.0.0', '1.0.1'].map((version) => snapshotHash(folder, version)));
    expect(readdirSync(cache).sort()).toEqual(first.writes.map((hash) => `${hash}.json`).sort());

    const second = recording(folderSnapshotStore(cache, Promise.resolve('engine-a')));
    const cached = await verifyHistory(folder, 'allai', { store: second });
    expect(second.hits).toHaveLength(2);
    expect(second.writes).toEqual([]);
    expect(cached.file.messages).toEqual([]);
    // The cached documents are the ones a fresh check gives, down to the tree a renderer reads.
    expect(cached.released.map((version) => version.document)).toEqual(fresh.released.map((version) => version.document));
    expect(cached.released[1]!.parsed.sections.map((section) => section.title)).toEqual(fresh.released[1]!.parsed.sections.map((section) => section.title));
  });

  it('uses what the cache holds for a snapshot (so the cache really replaces the check)', async () => {
    const { folder, cache } = workspace();
    const store = folderSnapshotStore(cache, Promise.resolve('engine-a'));
    const fresh = await verifyHistory(folder, 'allai', { store });
    const hash = snapshotHash(folder, '1.0.1');
    const entry = fresh.released[1]!;
    // An entry written through the store with a different title is read back as written.
    await store.set({ sha256: hash, document: { ...entry.document, meta: { ...entry.document.meta, title: 'Marked by the test' } }, rulesSha256: entry.entry.rulesSha256! });
    const again = await verifyHistory(folder, 'allai', { store });
    expect(again.released[1]!.document.meta.title).toBe('Marked by the test');
  });

  const rebuilt = async (damage: (path: string, cached: CacheFile<CheckedSnapshot>) => string | void) => {
    const { folder, cache } = workspace();
    const fresh = await verifyHistory(folder, 'allai', { store: folderSnapshotStore(cache, Promise.resolve('engine-a')) });
    const path = cacheFile(cache, folder, '1.0.1');
    const text = damage(path, readCache<CheckedSnapshot>(path));
    if (text !== undefined) writeFileSync(path, text);
    const store = recording(folderSnapshotStore(cache, Promise.resolve('engine-a')));
    const history = await verifyHistory(folder, 'allai', { store });
    expect(history.file.messages).toEqual([]);
    expect(history.released.map((version) => version.document)).toEqual(fresh.released.map((version) => version.document));
    return { store, path, hash: snapshotHash(folder, '1.0.1') };
  };

  it('rebuilds a corrupted entry instead of trusting it', async () => {
    const { store, path, hash } = await rebuilt((path) => readFileSync(path, 'utf8').slice(0, 300));
    expect(store.misses).toEqual([hash]);
    expect(store.writes).toEqual([hash]);
    expect(readCache<CheckedSnapshot>(path).value.sha256).toBe(hash);
  });

  it('rebuilds an entry edited by hand (its checksum no longer holds)', async () => {
    const { store, hash } = await rebuilt((_path, cached) => {
      const checksum = cached.header.checksum;
      cached.value.document.meta.title = 'Edited in the cache';
      return cacheText(cached, checksum);
    });
    expect(store.misses).toEqual([hash]);
    expect(store.writes).toEqual([hash]);
  });

  it('rebuilds an entry another engine wrote (stale after an upgrade)', async () => {
    const { store, path, hash } = await rebuilt((_path, cached) => {
      return cacheText({ ...cached, header: { ...cached.header, engine: 'engine-b' } });
    });
    expect(store.misses).toEqual([hash]);
    expect(readCache(path).header.engine).toBe('engine-a');
  });

  it('ignores an entry filed under another snapshot\'s hash', async () => {
    const { folder, cache } = workspace();
    const store = folderSnapshotStore(cache, Promise.resolve('engine-a'));
    const fresh = await verifyHistory(folder, 'allai', { store });
    // The 1.0.0 entry copied over the 1.0.1 one: a valid entry, but not for these bytes.
    writeFileSync(cacheFile(cache, folder, '1.0.1'), readFileSync(cacheFile(cache, folder, '1.0.0')));
    const history = await verifyHistory(folder, 'allai', { store });
    expect(history.released[1]!.document).toEqual(fresh.released[1]!.document);
  });

  it('still finds a snapshot modified after release: the cache is keyed by the bytes', async () => {
    const { folder, cache } = workspace();
    const store = folderSnapshotStore(cache, Promise.resolve('engine-a'));
    await verifyHistory(folder, 'allai', { store });
    writeFileSync(join(folder, 'versions', '1.0.1.md'), `${readFileSync(join(folder, 'versions', '1.0.1.md'), 'utf8')}\nAdded later.\n`);
    const history = await verifyHistory(folder, 'allai', { store });
    expect(history.file.messages.map((message) => message.reason)).toEqual(['The snapshot of released version 1.0.1 (1.0.1.md) was modified after release']);
  });

  it('reads only the versions asked for, and still verifies the chain', async () => {
    const { folder } = workspace();
    rmSync(join(folder, 'versions', '1.0.0.md'));
    const history = await verifyHistory(folder, 'allai', { versions: new Set(['1.0.1']) });
    expect(history.released.map((version) => version.entry.version)).toEqual(['1.0.1']);
    expect(history.file.messages).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(folder, 'versions', 'manifest.json'), 'utf8'));
    manifest.versions[0].released = '2025-01-01';
    writeFileSync(join(folder, 'versions', 'manifest.json'), JSON.stringify(manifest, null, 2));
    const tampered = await verifyHistory(folder, 'allai', { versions: new Set(['1.0.1']) });
    expect(tampered.file.messages.map((message) => message.reason)).toContain('The entry for 1.0.0 was edited after release (its hash no longer matches)');
  });

  it('is what checkPaths reads history through, and a deleted cache is rebuilt', async () => {
    const { folder, cache } = workspace();
    const store = recording(folderSnapshotStore(cache));
    const first = await checkPaths([folder], undefined, { store, today: '2026-11-27' });
    expect(store.writes).toHaveLength(2);
    rmSync(cache, { recursive: true });
    const again = recording(folderSnapshotStore(cache));
    const second = await checkPaths([folder], undefined, { store: again, today: '2026-11-27' });
    expect(again.writes).toHaveLength(2);
    const third = recording(folderSnapshotStore(cache));
    await checkPaths([folder], undefined, { store: third, today: '2026-11-27' });
    expect(third.hits).toHaveLength(2);
    expect(second.map((result) => result.file.messages.map(String))).toEqual(first.map((result) => result.file.messages.map(String)));
  });

  it('reads a manifest as JSON yet still reports a repeated key, and places reports as the YAML parser does', async () => {
    const { folder } = workspace();
    const path = join(folder, 'versions', 'manifest.json');
    const manifest = readFileSync(path, 'utf8');
    // An edited entry is reported at its hash, line and column, as before.
    writeFileSync(path, manifest.replace('"released": "2025-06-04"', '"released": "2025-06-05"'));
    const edited = await verifyHistory(folder, 'allai');
    const hashLine = manifest.split('\n').findIndex((line) => line.includes('"hash"')) + 1;
    expect(edited.file.messages.map((message) => [message.reason, message.line])).toEqual([['The entry for 1.0.0 was edited after release (its hash no longer matches)', hashLine]]);
    // A key given twice is valid for JSON.parse (the last wins) but not a manifest the tool wrote.
    writeFileSync(path, manifest.replace('"policy": "allai",', '"policy": "allai",\n  "policy": "allai",'));
    const repeated = await verifyHistory(folder, 'allai');
    expect(repeated.file.messages.length).toBeGreaterThan(0);
    expect(repeated.released).toEqual([]);
  });

  it('names the engine by the code that checks (a stable SHA-256) and the Node that runs it', async () => {
    const engine = await engineVersion();
    expect(engine).toMatch(/^[0-9a-f]{64}\+node\d+\.\d+\.\d+-unicode[\d.]+-icu[\d.]+$/);
    expect(engine).toBe(await engineVersion());
    expect(engine.startsWith(`${await codeVersion()}+`)).toBe(true);
    expect(engine.endsWith(`node${process.versions.node}-unicode${process.versions.unicode}-icu${process.versions.icu}`)).toBe(true);
  });

  it('compares two released snapshots once for the build: the same diff files, from the cache or not', async () => {
    const { folder, cache } = workspace();
    const results = await checkPaths([folder], undefined, { store: false, today: '2026-11-27' });
    const outputs = [] as string[];
    const build = async (name: string) => {
      const out = join(cache, '..', name);
      await buildHistory(results, out, () => {}, folderDerivedStore(cache, 'diff', Promise.resolve('engine-a')));
      outputs.push(readFileSync(join(out, 'diffs', 'allai', '1.0.0..1.0.1.json'), 'utf8') + readFileSync(join(out, 'diffs', 'allai', '1.0.0..1.0.1.md'), 'utf8'));
    };
    await build('first');
    const [entry] = readdirSync(cache).filter((name) => name.startsWith('diff-'));
    expect(entry).toBeDefined();
    const path = join(cache, entry!);
    // Answered from the cache: an entry changed through the store is what the build writes.
    const cached = readCache<{ requiredBump: string }>(path);
    const store = folderDerivedStore<{ requiredBump: string }>(cache, 'diff', Promise.resolve('engine-a'));
    const key = cached.header.key;
    expect((await store.get(key))?.requiredBump).toBe('patch');
    await build('second');
    expect(outputs[1]).toBe(outputs[0]);
    // Corrupted, or edited without its checksum: compared again, and the files are the same.
    writeFileSync(path, cacheText({ ...cached, value: { ...cached.value, requiredBump: 'major' } }, cached.header.checksum));
    expect(await store.get(key)).toBeUndefined();
    await build('third');
    expect(outputs[2]).toBe(outputs[0]);
    writeFileSync(path, '{');
    await build('fourth');
    expect(outputs[3]).toBe(outputs[0]);
    expect((await store.get(key))?.requiredBump).toBe('patch');
    // A valid entry is used as it stands: the build did not compare the versions again.
    await store.set(key, { ...readCache<{ requiredBump: string }>(path).value, requiredBump: 'minor' });
    await build('fifth');
    expect(JSON.parse(readFileSync(join(cache, '..', 'fifth', 'diffs', 'allai', '1.0.0..1.0.1.json'), 'utf8')).requiredBump).toBe('minor');
  });
});

describe('the record of a history verified clean (issue 20)', () => {
  /** The store as verifyHistory uses it, counting snapshot lookups. */
  const counting = (inner: SnapshotStore) => {
    const asked: string[] = [];
    return { asked, store: { ...inner, get: (hash: string) => (asked.push(hash), inner.get(hash)) } satisfies SnapshotStore };
  };
  const historyRecords = (cache: string) => readdirSync(cache).filter((name) => name.startsWith('history-'));

  it('is written after a clean verification, and then the snapshots are only hashed, not looked up or checked', async () => {
    const { folder, cache } = workspace();
    const fresh = await verifyHistory(folder, 'allai');
    const first = counting(folderSnapshotStore(cache, Promise.resolve('engine-a')));
    await verifyHistory(folder, 'allai', { store: first.store });
    expect(first.asked).toHaveLength(2);
    expect(historyRecords(cache)).toHaveLength(1);
    const second = counting(folderSnapshotStore(cache, Promise.resolve('engine-a')));
    const again = await verifyHistory(folder, 'allai', { store: second.store });
    expect(second.asked).toEqual([]);
    expect(again.file.messages).toEqual([]);
    // The documents, read when asked for, are the ones a fresh check gives.
    expect(again.released.map((version) => version.document)).toEqual(fresh.released.map((version) => version.document));
    expect(again.released.map((version) => version.text)).toEqual(fresh.released.map((version) => version.text));
    expect(again.manifest).toEqual(fresh.manifest);
  });

  it('still catches a changed byte, an extra file and a changed event, each as a full verification reports it', async () => {
    const cases: [string, (folder: string) => void, string][] = [
      ['snapshot', (folder) => writeFileSync(join(folder, 'versions', '1.0.0.md'), readFileSync(join(folder, 'versions', '1.0.0.md'), 'utf8').replace('ALLAI', 'ALLAl')), 'The snapshot of released version 1.0.0 (1.0.0.md) was modified after release'],
      ['orphan', (folder) => writeFileSync(join(folder, 'versions', '9.9.9.md'), 'stray'), 'versions/9.9.9.md is not a released version in the manifest'],
      ['event', (folder) => writeFileSync(join(folder, 'versions', '1.0.1.event.json'), '{}'), 'The notification event of 1.0.1 (1.0.1.event.json) is missing or was modified'],
    ];
    for (const [, damage, reason] of cases) {
      const { folder, cache } = workspace();
      const store = folderSnapshotStore(cache, Promise.resolve('engine-a'));
      await verifyHistory(folder, 'allai', { store });
      expect(historyRecords(cache)).toHaveLength(1);
      damage(folder);
      const history = await verifyHistory(folder, 'allai', { store });
      expect(history.file.messages.map((message) => message.reason)).toContain(reason);
    }
  });

  it('is not written for a history with findings, nor trusted from another engine or when corrupted', async () => {
    const { folder, cache } = workspace();
    writeFileSync(join(folder, 'versions', 'stray.md'), 'stray');
    await verifyHistory(folder, 'allai', { store: folderSnapshotStore(cache, Promise.resolve('engine-a')) });
    expect(historyRecords(cache)).toEqual([]);
    rmSync(join(folder, 'versions', 'stray.md'));
    await verifyHistory(folder, 'allai', { store: folderSnapshotStore(cache, Promise.resolve('engine-a')) });
    const [record] = historyRecords(cache);
    // Another engine looks the snapshots up again (and records its own verification).
    const other = counting(folderSnapshotStore(cache, Promise.resolve('engine-b')));
    await verifyHistory(folder, 'allai', { store: other.store });
    expect(other.asked).toHaveLength(2);
    // A corrupted record is not trusted: the snapshots are looked up again.
    writeFileSync(join(cache, record!), '{');
    const corrupted = counting(folderSnapshotStore(cache, Promise.resolve('engine-a')));
    await verifyHistory(folder, 'allai', { store: corrupted.store });
    expect(corrupted.asked).toHaveLength(2);
  });

  it('checks a snapshot again when its cache entry is gone: the document is the same', async () => {
    const { folder, cache } = workspace();
    const fresh = await verifyHistory(folder, 'allai');
    await verifyHistory(folder, 'allai', { store: folderSnapshotStore(cache, Promise.resolve('engine-a')) });
    rmSync(cacheFile(cache, folder, '1.0.1'));
    const again = await verifyHistory(folder, 'allai', { store: folderSnapshotStore(cache, Promise.resolve('engine-a')) });
    expect(again.released[1]!.document).toEqual(fresh.released[1]!.document);
  });

  it('is written by a release for the manifest it writes, with the snapshot checked as the draft was', async () => {
    const root = mkdtempSync(join(tmpdir(), 'snapshot-cache-release-'));
    made.push(root);
    const folder = join(root, 'policies', 'minimal');
    cpSync('test/fixtures/policies/minimal', folder, { recursive: true });
    expect((await releasePolicy(folder, '2026-01-01')).entry?.version).toBe('1.0.0');
    const draft = readFileSync(join(folder, 'policy.md'), 'utf8');
    writeFileSync(join(folder, 'policy.md'), draft.replace('version: 1.0.0', 'version: 1.0.1').replace('effective: 2026-01-01', 'effective: 2026-02-01').replace('when you sign up.', 'when you sign up for an account.'));
    expect((await releasePolicy(folder, '2026-02-01')).entry?.version).toBe('1.0.1');
    // The release's store is the working directory's; the next verification answers from its record.
    const store = counting(workspaceSnapshotStore());
    const recorded = await verifyHistory(folder, 'minimal', { store: store.store });
    expect(store.asked).toEqual([]);
    expect(recorded.file.messages).toEqual([]);
    // What the release kept for the new snapshot is what checking the snapshot gives.
    const fresh = await verifyHistory(folder, 'minimal');
    expect(recorded.released.map((version) => version.document)).toEqual(fresh.released.map((version) => version.document));
    expect(recorded.released[1]!.document.meta.version).toBe('1.0.1');
  });
});
