// The data shared beside the repository (../shared: bench texts, corpus, seed), which some
// tests read. Missing, those tests skip saying what is missing; under CI=true they fail.
import { existsSync, readFileSync } from 'node:fs';

/**
 * The texts at `paths` (relative to the repository root), or undefined when one is missing
 * and the tests reading them should skip; under CI=true a missing file is an error naming it.
 */
export function sharedTexts(paths: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length === 0) return paths.map((path) => readFileSync(path, 'utf8'));
  const message = `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: these tests read the data shared beside the repository (../shared)`;
  if (env.CI === 'true') throw new Error(`${message}; under CI=true they must run`);
  console.warn(`Skipped: ${message}`);
  return undefined;
}
