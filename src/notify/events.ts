import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { findPolicyFiles } from '../workspace/check.ts';
import { versionsFolder } from '../history/manifest.ts';
import { verifyHistory } from '../history/verify.ts';
import type { NotificationEvent } from '../model/notification.generated.ts';

/**
 * The release events users must be told about, from every policy under `paths`: those whose
 * action is not `none`. A policy whose history does not verify yields its diagnostics instead.
 */
export async function pendingEvents(paths: readonly string[]): Promise<{ events: NotificationEvent[]; problems: VFile[]; missing: string[] }> {
  const events: NotificationEvent[] = [];
  const problems: VFile[] = [];
  const missing: string[] = [];
  for (const root of paths) {
    if (!existsSync(root)) {
      missing.push(root);
      continue;
    }
    for (const file of await findPolicyFiles(root)) {
      const folder = dirname(file);
      const history = await verifyHistory(folder, basename(resolve(folder)));
      if (history.file.messages.some((message) => message.fatal)) {
        problems.push(history.file);
        continue;
      }
      for (const { entry } of history.released) {
        if (!entry.event) continue;
        const event = JSON.parse(await readFile(join(versionsFolder(folder), entry.event), 'utf8')) as NotificationEvent;
        if (event.action !== 'none') events.push(event);
      }
    }
  }
  return { events, problems, missing };
}
