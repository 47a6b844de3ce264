import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkPaths } from '../files.ts';
import { formatMessages, summarise, toRecords } from '../diagnostics/format.ts';

/**
 * Run `policy build`: check every policy, then write each one's parsed document to
 * `<out>/policies/<id>/<version>/document.json`, the data the rules compiler and site read.
 * Refuses to build when any policy has errors.
 */
export async function runBuild(paths: readonly string[], options: { out: string; color: boolean }, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const results = await checkPaths(paths.length > 0 ? paths : ['policies'], (path) => err(`checking ${path}\n`));
  if (results.length === 0) {
    err(`policy build: no policy files found under ${paths.join(', ')}\n`);
    return 2;
  }
  const files = results.map((result) => result.file);
  if (summarise(toRecords(files)).errors > 0) {
    out(formatMessages(files, 'pretty', { color: options.color }));
    err('policy build: not building, fix the errors above first\n');
    return 1;
  }
  for (const { document } of results) {
    if (!document) continue;
    const folder = join(options.out, 'policies', document.meta.id, document.meta.version);
    await mkdir(folder, { recursive: true });
    const target = join(folder, 'document.json');
    await writeFile(target, `${JSON.stringify(document, null, 2)}\n`);
    err(`built ${document.meta.id} ${document.meta.version} -> ${target}\n`);
  }
  return 0;
}
