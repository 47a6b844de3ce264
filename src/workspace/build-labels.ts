import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decideStoreLabels } from '../labels/decide.ts';
import { labelFiles, labelOutputs } from '../labels/outputs.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';

export { labelFiles, labelOutputs };

/**
 * Write the store labels and the Art. 30 record of each policy's newest built version into
 * `out/labels/<policy>/`, and log what each policy still has to declare.
 */
export async function buildLabels(documents: readonly PolicyDocument[], out: string, log: (line: string) => void): Promise<void> {
  const newest = new Map<string, PolicyDocument>();
  for (const document of documents) newest.set(document.meta.id, document);
  for (const document of newest.values()) {
    const folder = join(out, 'labels', document.meta.id);
    await mkdir(folder, { recursive: true });
    const outputs = labelOutputs(document);
    for (const [name, text] of Object.entries(outputs)) await writeFile(join(folder, name), text);
    const missing = decideStoreLabels(document).undecided.length;
    const skipped = [labelFiles.apple, labelFiles.manifest].filter((name) => !(name in outputs));
    log(`built ${document.meta.id} ${document.meta.version} store labels -> ${folder}${missing > 0 ? ` (${missing} answers to declare, see ${labelFiles.undecided}${skipped.length > 0 ? `; not written until declared: ${skipped.join(', ')}` : ''})` : ''}`);
  }
}
