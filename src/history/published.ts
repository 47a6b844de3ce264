import type { PolicyCheck } from '../workspace/check.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';

/**
 * The documents to build from checked policies: every released version, since those are
 * what services and visitors get; a policy never released builds from its draft.
 */
export function publishedDocuments(results: readonly PolicyCheck[], log: (line: string) => void = () => {}): PolicyDocument[] {
  return results.flatMap((result) => {
    if (!result.document) return [];
    const released = result.history?.released.map((version) => version.document) ?? [];
    if (released.length === 0) {
      log(`${result.document.meta.id}: no released version yet, building the draft ${result.document.meta.version}`);
      return [result.document];
    }
    if (result.pending && result.pending.required !== 'none') log(`${result.document.meta.id}: draft ${result.document.meta.version} is not released yet; building the released versions`);
    return released;
  });
}
