// Loads checked policy documents for tests, failing loudly if a fixture does not check.
import { checkPaths } from '../../src/workspace/check.ts';
import type { PolicyDocument } from '../../src/model/policy.generated.ts';
import { classifyChanges } from '../../src/classify/index.ts';

/** The parsed documents of the given policy files or folders; throws if one has errors. */
export async function documentsOf(...paths: string[]): Promise<PolicyDocument[]> {
  const results = await checkPaths(paths);
  return results.map((result) => {
    if (!result.document) throw new Error(`${result.file.path} does not check: ${result.file.messages.map(String).join('; ')}`);
    return result.document;
  });
}

/** ALLAI 1.0.0 as published, then the hypothetical 1.1.0 (a narrowing) and 2.0.0 (widenings). */
export const allaiVersions = ['test/fixtures/workspace/policies/allai/versions/1.0.0.md', 'test/fixtures/allai-versions/1.1.0/policy.md', 'test/fixtures/allai-versions/2.0.0/policy.md'];

/** Apply an edit to a copy of `from` and classify the difference. */
export function classifyEdit(from: PolicyDocument, edit: (document: PolicyDocument) => void) {
  const next = structuredClone(from);
  edit(next);
  return classifyChanges(from, next);
}
