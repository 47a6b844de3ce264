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
      // Two released versions, pinned by the hashes of their snapshots and translations, always
      // compare the same: compared once. The translations are compared as `policy diff` does.
      const side = (version: typeof released) => ({ ...sideOf(version.entry.file, version.text), translations: new Map(version.translations.map((translation) => [translation.locale, translation.text])) });
      const pinned = (version: typeof released) => [version.entry.file, version.entry.sha256, ...version.translations.map((translation) => `${translation.locale}\0${sha256(translation.text)}`)].join('\0');
      const key = sha256(`translations\0${pinned(previous)}\n${pinned(released)}`);
      let diff = await diffs.get(key);
      if (!diff) {
        diff = comparePolicies(side(previous), side(released));
        await diffs.set(key, diff);
      }
      const name = `${previous.entry.version}..${released.entry.version}`;
      await writeFile(join(out, 'diffs', id, `${name}.json`), `${JSON.stringify(diff, null, 2)}\n`);
      await writeFile(join(out, 'diffs', id, `${name}.md`), renderMarkdown(diff));
      log(`diffed ${id} ${name}: ${diff.requiredBump === 'none' ? 'no change' : `${diff.material ? 'material' : 'non-material'}, ${diff.requiredBump}`}`);
    }
  }
}
