import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PolicyCheck } from './check.ts';
import { comparePolicies, sideOf } from '../compare/compare.ts';
import { renderMarkdown } from '../compare/render.ts';
import { manifestPath, versionsFolder } from '../history/manifest.ts';
import { sha256 } from '../model/canonical.ts';
import type { PolicyDiff } from '../model/diff.generated.ts';
import { cacheFolderName, folderDerivedStore, type DerivedStore } from './snapshot-cache.ts';

/**
 * Write what changed between consecutive released versions (`diffs/<id>/<from>..<to>.json`
 * and `.md`), each release's notification event (`notifications/<id>/<version>.json`) and
 * the manifest, for the site and for anyone auditing the history.
 */
export async function buildHistory(results: readonly PolicyCheck[], out: string, log: (line: string) => void = () => {}, diffs: DerivedStore<PolicyDiff> = folderDerivedStore(cacheFolderName, 'diff')): Promise<void> {
  for (const result of results) {
    const history = result.history;
    if (!history || history.released.length === 0 || !result.document) continue;
    const id = result.document.meta.id;
    const folder = result.file.dirname!;
    await mkdir(join(out, 'diffs', id), { recursive: true });
    await mkdir(join(out, 'notifications', id), { recursive: true });
    await mkdir(join(out, 'policies', id), { recursive: true });
    await copyFile(manifestPath(folder), join(out, 'policies', id, 'manifest.json'));
    for (const [index, released] of history.released.entries()) {
      if (released.entry.event) await copyFile(join(versionsFolder(folder), released.entry.event), join(out, 'notifications', id, `${released.entry.version}.json`));
      const previous = history.released[index - 1];
      if (!previous) continue;
      // Two released snapshots, pinned by their hashes, always compare the same: compared once.
      const key = sha256(`${previous.entry.file}\0${previous.entry.sha256}\0${released.entry.file}\0${released.entry.sha256}`);
      let diff = await diffs.get(key);
      if (!diff) {
        diff = comparePolicies(sideOf(previous.entry.file, previous.text), sideOf(released.entry.file, released.text));
        await diffs.set(key, diff);
      }
      const name = `${previous.entry.version}..${released.entry.version}`;
      await writeFile(join(out, 'diffs', id, `${name}.json`), `${JSON.stringify(diff, null, 2)}\n`);
      await writeFile(join(out, 'diffs', id, `${name}.md`), renderMarkdown(diff));
      log(`diffed ${id} ${name}: ${diff.requiredBump === 'none' ? 'no change' : `${diff.material ? 'material' : 'non-material'}, ${diff.requiredBump}`}`);
    }
  }
}
