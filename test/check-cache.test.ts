import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessages, outputFormats, toRecords } from '../src/diagnostics/format.ts';
import { checkPaths, type CheckOptions } from '../src/workspace/check.ts';
import type { CachedPolicyCheck, CheckCache } from '../src/workspace/check-cache.ts';
import { diffInWorkspace, type CachedDiff } from '../src/workspace/diff.ts';
import { folderDerivedStore, type DerivedStore } from '../src/workspace/snapshot-cache.ts';
import { allaiFolder, copyPolicy } from './support/workspace.ts';

// `policy check` and `policy diff` answer a repeated question from .policy/cache/ (ESLint's
// --cache, for policies): the same findings as a fresh check, and a fresh check whenever an
// input changed or an entry cannot be trusted.

const today = '2026-11-27';

/** A cache of `kind` (a check, a diff) in a fresh folder, counting what it is asked and told. */
function countingStore<T>(kind: string, folder = mkdtempSync(join(tmpdir(), `${kind}-cache-`)), engine = 'engine-a') {
  const store = folderDerivedStore<T>(folder, kind, Promise.resolve(engine));
  const counts = { hits: 0, writes: 0 };
  const cache: DerivedStore<T> = {
    async get(key) {
      const entry = await store.get(key);
      if (entry) counts.hits++;
      return entry;
    },
    async set(key, value) {
      counts.writes++;
      await store.set(key, value);
    },
  };
  return { cache, counts, folder };
}

/** A check cache in a fresh folder, counting what it is asked and told. */
const countingCache = (folder?: string, engine?: string) => countingStore<CachedPolicyCheck>('check', folder, engine);

/** What `policy check` prints, as records, and whether each result came from the cache. */
async function check(paths: string[], options: CheckOptions = {}) {
  const results = await checkPaths(paths, undefined, { today, store: false, anchor: 'off', ...options });
  return { records: toRecords(results.map((result) => result.file)), cached: results.map((result) => result.cached === true), results };
}

/** A copy of ALLAI whose draft has findings on the draft, on a translation, on a label file and on the history. */
function busyPolicy(): string {
  const folder = copyPolicy(allaiFolder, 'allai');
  const draft = join(folder, 'policy.md');
  // A changed declaration without a new version: errors on the draft from the pending change.
  writeFileSync(draft, readFileSync(draft, 'utf8').replace('      - enforce our agreements\n', '      - enforce our agreements\n      - keep tax records\n'));
  cpSync(join(import.meta.dirname, 'fixtures/translations/policies/example/policy.de.md'), join(folder, 'policy.de.md'));
  mkdirSync(join(folder, 'labels'));
  writeFileSync(join(folder, 'labels', 'record-of-processing.csv'), 'not the record\n');
  writeFileSync(join(folder, 'versions', 'stray.md'), 'a file no manifest entry names\n');
  return folder;
}

describe('the check cache', () => {
  it('answers a repeated check with exactly the findings of a fresh one, for every kind of file in the folder', async () => {
    const folder = busyPolicy();
    const fresh = await check([folder]);
    const { cache, counts } = countingCache();
    const first = await check([folder], { cache });
    const second = await check([folder], { cache });
    // The fixture really exercises each kind of result: the draft, a translation, a label file and the manifest.
    expect(new Set(fresh.records.map((record) => record.file.slice(folder.length + 1)))).toEqual(new Set(['policy.md', 'policy.de.md', join('labels', 'record-of-processing.csv'), join('versions', 'manifest.json')]));
    expect(fresh.records.some((record) => record.severity === 'error' && record.file.endsWith('policy.md'))).toBe(true);
    expect(first.records).toEqual(fresh.records);
    expect(first.cached.some(Boolean)).toBe(false);
    expect(second.records).toEqual(fresh.records);
    expect(second.cached[0]).toBe(true);
    expect(counts).toEqual({ hits: 1, writes: 1 });
    // The document is kept: a program reading the result still gets what was checked.
    expect(second.results[0]!.document?.meta.id).toBe('allai');
  });

  it('checks again when any file in the policy folder, the date or --release changed', async () => {
    const folder = copyPolicy(allaiFolder, 'allai');
    const { cache, counts } = countingCache();
    await check([folder], { cache });
    expect((await check([folder], { cache })).cached[0]).toBe(true);
    // A changed draft: its new finding is reported, not the old answer.
    const draft = join(folder, 'policy.md');
    writeFileSync(draft, readFileSync(draft, 'utf8').replace(/^version: .*$/m, 'version: 0.0.1'));
    const edited = await check([folder], { cache });
    expect(edited.cached[0]).toBe(false);
    expect(edited.records.map((record) => record.ruleId)).toContain('version-bump-too-small');
    // A released file touched, the date, --release: each is an input.
    appendFileSync(join(folder, 'versions', '1.0.0.event.json'), ' ');
    expect((await check([folder], { cache })).cached[0]).toBe(false);
    expect((await check([folder], { cache, today: '2026-12-01' })).cached[0]).toBe(false);
    expect((await check([folder], { cache, today: '2026-12-01', releasing: true })).cached[0]).toBe(false);
    expect((await check([folder], { cache, today: '2026-12-01', releasing: true })).cached[0]).toBe(true);
    // A reading limit is an option that changes findings too.
    expect((await check([folder], { cache, today: '2026-12-01', releasing: true, maxBytes: 1000 })).records.map((record) => record.ruleId)).toContain('file-too-large');
    // Each fresh check replaced the entry for its file and options.
    expect(counts.writes).toBe(6);
  });

  it('rebuilds a corrupted entry, and one written by another engine, instead of trusting it', async () => {
    const folder = copyPolicy(allaiFolder, 'allai');
    const fresh = await check([folder]);
    const { cache, folder: cacheFolder } = countingCache();
    await check([folder], { cache });
    const [entryName] = readdirSync(cacheFolder).filter((name) => name.startsWith('check-'));
    const entryPath = join(cacheFolder, entryName!);
    // Findings dropped from the stored JSON: the checksum no longer holds.
    const text = readFileSync(entryPath, 'utf8');
    writeFileSync(entryPath, text.replace(/"ruleId":"[a-z-]+"/, '"ruleId":"forged"'));
    const afterCorruption = await check([folder], { cache });
    expect(afterCorruption.cached[0]).toBe(false);
    expect(afterCorruption.records).toEqual(fresh.records);
    expect(readFileSync(entryPath, 'utf8')).toBe(text);
    // Truncated mid-write (a crash): not JSON at all.
    writeFileSync(entryPath, text.slice(0, 100));
    expect((await check([folder], { cache })).cached[0]).toBe(false);
    expect((await check([folder], { cache })).cached[0]).toBe(true);
    // The same folder read by another engine (the code changed): checked again.
    const other = countingCache(cacheFolder, 'engine-b');
    const byOther = await check([folder], { cache: other.cache });
    expect(byOther.cached[0]).toBe(false);
    expect(byOther.records).toEqual(fresh.records);
  });

  it('asks git on every run: what git says about the history is never taken from the cache', async () => {
    // Outside any git repository, an anchored check (CI's --anchored) is an error each time.
    const folder = copyPolicy(allaiFolder, 'allai');
    const { cache } = countingCache();
    const anchored = (cached: boolean) => ({ cached, records: [expect.objectContaining({ ruleId: 'history-tampered', message: expect.stringContaining('not in a git repository') })] });
    const first = await check([folder], { cache, anchor: 'required' });
    const second = await check([folder], { cache, anchor: 'required' });
    expect({ cached: first.cached[0], records: first.records.filter((record) => record.file.endsWith('manifest.json')) }).toEqual(anchored(false));
    expect({ cached: second.cached[0], records: second.records.filter((record) => record.file.endsWith('manifest.json')) }).toEqual(anchored(true));
    // Without --anchored the same cached entry answers, with no such error.
    const unanchored = await check([folder], { cache, anchor: 'available' });
    expect(unanchored.cached[0]).toBe(true);
    expect(unanchored.records.filter((record) => record.ruleId === 'history-tampered')).toEqual([]);
  });

  it('is not used for a folder with a symbolic link, whose target can change unseen', async () => {
    const folder = copyPolicy(allaiFolder, 'allai');
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'linked-')), 'policy.md');
    renameSync(join(folder, 'policy.md'), elsewhere);
    symlinkSync(elsewhere, join(folder, 'policy.md'));
    const { cache, counts } = countingCache();
    await check([folder], { cache });
    writeFileSync(elsewhere, readFileSync(elsewhere, 'utf8').replace(/^version: .*$/m, 'version: 0.0.1'));
    expect((await check([folder], { cache })).records.map((record) => record.ruleId)).toContain('version-bump-too-small');
    expect(counts.writes).toBe(0);
  });

  it('is not used for an editor\'s unsaved text', async () => {
    const folder = copyPolicy(allaiFolder, 'allai');
    const { cache, counts } = countingCache();
    const draft = join(folder, 'policy.md');
    const overlay = new Map([[draft, readFileSync(draft, 'utf8')]]);
    await check([folder], { cache, overlay });
    await check([folder], { cache, overlay });
    expect(counts).toEqual({ hits: 0, writes: 0 });
  });
});

describe('the diff cache', () => {
  /** A diff cache in a fresh folder, counting what it is asked and told. */
  const countingDiffCache = () => countingStore<CachedDiff>('released-diff');

  /** Run `fn` in `cwd`, as the CLI runs in the workspace. */
  async function inFolder<T>(cwd: string, fn: () => Promise<T>): Promise<T> {
    const before = process.cwd();
    process.chdir(cwd);
    try {
      return await fn();
    } finally {
      process.chdir(before);
    }
  }

  it('answers a repeated diff between released versions from the cache, and checks again when versions/ changed or the entry is corrupt', async () => {
    const workspace = dirname(dirname(copyPolicy(allaiFolder, 'allai')));
    const { cache, counts, folder } = countingDiffCache();
    const fresh = await inFolder(workspace, () => diffInWorkspace(['allai', '1.0.0', '1.0.1'], undefined, false));
    expect(fresh.prose.changes.length).toBeGreaterThan(0);
    expect(await inFolder(workspace, () => diffInWorkspace(['allai', '1.0.0', '1.0.1'], undefined, cache))).toEqual(fresh);
    expect(await inFolder(workspace, () => diffInWorkspace(['allai', '1.0.0', '1.0.1'], undefined, cache))).toEqual(fresh);
    expect(counts).toEqual({ hits: 1, writes: 1 });
    // A draft is not immutable: never kept.
    await inFolder(workspace, () => diffInWorkspace(['allai', '1.0.0', 'draft'], undefined, cache));
    expect(counts).toEqual({ hits: 1, writes: 1 });
    // Corrupted: computed again and rewritten.
    const [entry] = readdirSync(folder).filter((name) => name.startsWith('released-diff-'));
    writeFileSync(join(folder, entry!), readFileSync(join(folder, entry!), 'utf8').replace('"material":', '"material" :'));
    expect(await inFolder(workspace, () => diffInWorkspace(['allai', '1.0.0', '1.0.1'], undefined, cache))).toEqual(fresh);
    expect(counts).toEqual({ hits: 1, writes: 2 });
    // A file of versions/ changed: computed again.
    appendFileSync(join(workspace, 'policies/allai/versions/1.0.1.event.json'), ' ');
    await inFolder(workspace, () => diffInWorkspace(['allai', '1.0.0', '1.0.1'], undefined, cache));
    expect(counts.writes).toBe(3);
  });
});

// Inputs a cached answer must not miss: each of these once let a cached check say what a
// fresh one would not.
describe('the check cache and what it must see', () => {
  it('checks again when a folder appears in versions/, which no file of the folder shows', async () => {
    const folder = copyPolicy(allaiFolder, 'allai');
    const { cache } = countingCache();
    expect((await check([folder], { cache })).records.filter((record) => record.severity === 'error')).toEqual([]);
    // An empty folder in versions/ is debris a fresh check reports; its name is part of the key.
    mkdirSync(join(folder, 'versions', 'extra'));
    const fresh = await check([folder]);
    expect(fresh.records.filter((record) => record.severity === 'error')).toEqual([expect.objectContaining({ ruleId: 'history-tampered', message: expect.stringContaining('versions/extra is not a released version') })]);
    const cached = await check([folder], { cache });
    expect(cached.records).toEqual(fresh.records);
    expect(cached.cached[0]).toBe(false);
  });

  it('does not keep a check under the bytes read before a file changed during the check', async () => {
    const folder = copyPolicy(allaiFolder, 'allai');
    const draft = join(folder, 'policy.md');
    const clean = readFileSync(draft, 'utf8');
    const broken = clean.replace(/^version: .*$/m, 'version: 0.0.1');
    writeFileSync(draft, broken);
    const { cache: store } = countingCache();
    // An editor saves the fixed draft after the key was read and before the check read the draft.
    let saves = 0;
    const cache: CheckCache = {
      async get(key) {
        if (saves++ === 0) writeFileSync(draft, clean);
        return store.get(key);
      },
      set: (key, value) => store.set(key, value),
    };
    await check([folder], { cache });
    // Back to the broken bytes (undo, checkout): the answer must be theirs, not the fixed draft's.
    writeFileSync(draft, broken);
    const again = await check([folder], { cache });
    expect(again.records.map((record) => record.ruleId)).toContain('version-bump-too-small');
    expect(again.records).toEqual((await check([folder])).records);
  });

  it('checks again under another Node (its Unicode tables can change what a pattern matches)', async () => {
    const folder = copyPolicy(allaiFolder, 'allai');
    const { cache } = countingCache();
    await check([folder], { cache });
    expect((await check([folder], { cache })).cached[0]).toBe(true);
    const unicode = Object.getOwnPropertyDescriptor(process.versions, 'unicode')!;
    Object.defineProperty(process.versions, 'unicode', { ...unicode, value: '99.0' });
    try {
      expect((await check([folder], { cache })).cached[0]).toBe(false);
    } finally {
      Object.defineProperty(process.versions, 'unicode', unicode);
    }
  });

  it('keeps one entry per file and options whatever the date: a daily run replaces it', async () => {
    const folder = copyPolicy(allaiFolder, 'allai');
    const { cache, folder: cacheFolder } = countingCache();
    for (const day of ['2026-11-27', '2026-11-28', '2026-11-29']) expect((await check([folder], { cache, today: day })).cached[0]).toBe(false);
    expect(readdirSync(cacheFolder).filter((name) => name.startsWith('check-'))).toHaveLength(1);
    expect((await check([folder], { cache, today: '2026-11-29' })).cached[0]).toBe(true);
  });

  it('prints the same in every output format, cached and fresh', async () => {
    const folder = busyPolicy();
    const fresh = await check([folder]);
    const { cache } = countingCache();
    await check([folder], { cache });
    const cached = await check([folder], { cache });
    expect(cached.cached[0]).toBe(true);
    for (const format of outputFormats) {
      const files = (run: typeof fresh) => run.results.map((result) => result.file);
      expect({ format, output: formatMessages(files(cached), format, { cwd: folder }) }).toEqual({ format, output: formatMessages(files(fresh), format, { cwd: folder }) });
    }
  });
});

describe('policy check --no-cache', () => {
  it('checks afresh and leaves .policy/cache/ alone; without it, the cache is written', async () => {
    const { runCheck } = await import('../src/cli/check.ts');
    const workspace = dirname(dirname(copyPolicy(allaiFolder, 'allai')));
    const before = process.cwd();
    process.chdir(workspace);
    try {
      const run = async (cache: boolean) => {
        let output = '';
        const code = await runCheck(['policies'], { format: 'json', color: false, today, cache }, (text) => (output += text), () => {});
        return { code, output };
      };
      const uncached = await run(false);
      expect(existsSync(join(workspace, '.policy'))).toBe(false);
      expect(await run(true)).toEqual(uncached);
      expect(readdirSync(join(workspace, '.policy', 'cache')).some((name) => name.startsWith('check-'))).toBe(true);
      expect(await run(true)).toEqual(uncached);
    } finally {
      process.chdir(before);
    }
  });
});
