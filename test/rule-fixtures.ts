// Shared by test/rules.test.ts and scripts/update-rule-fixtures.ts: how a rule's fixture
// folder is checked and how its expected output is rendered.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPaths } from '../src/workspace/check.ts';
import { toRecords } from '../src/diagnostics/format.ts';
import type { RuleId } from '../src/diagnostics/catalog.ts';

export const fixturesRoot = 'test/fixtures/rules';

/** Per-fixture settings, from an optional `options.json`. */
interface FixtureOptions {
  /** Read limit, so `file-too-large` needs no 5 MB file in git. */
  maxBytes?: number;
  /** Check this path (relative to the fixture folder) instead of `fail.md`. */
  failPath?: string;
  /** The release date assumed for notice periods; fixtures must not depend on the day they run. */
  today?: string;
  /** Check as `policy release` does (date rules that depend on the release day are errors). */
  release?: boolean;
  /** Make reading the failing case throw, as a bug or a failing disk would: `internal-error`. */
  injectFault?: string;
}

/** An overlay whose every lookup throws `reason`: a fault injected into the checker's reads. */
function faultyOverlay(reason: string): ReadonlyMap<string, string> {
  const fail = () => {
    throw new Error(reason);
  };
  return { get: fail, has: fail } as unknown as ReadonlyMap<string, string>;
}

function options(dir: string): FixtureOptions {
  const path = join(dir, 'options.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as FixtureOptions) : {};
}

/** The case to check: `fail/` (a policies tree) when present, else `fail.md`, or `pass.md`. */
function target(dir: string, kind: 'fail' | 'pass'): string {
  const settings = options(dir);
  if (kind === 'fail' && settings.failPath) return join(dir, settings.failPath);
  return existsSync(join(dir, kind)) ? join(dir, kind) : join(dir, `${kind}.md`);
}

/** `file:line:col severity rule-id message` lines for one rule on one fixture case. */
export async function linesFor(rule: RuleId, kind: 'fail' | 'pass'): Promise<{ lines: string[]; all: string[] }> {
  const dir = join(fixturesRoot, rule);
  const settings = options(dir);
  const results = await checkPaths([target(dir, kind)], undefined, {
    today: settings.today ?? '2026-11-27',
    releasing: settings.release ?? false,
    ...(settings.maxBytes === undefined ? {} : { maxBytes: settings.maxBytes }),
    ...(settings.injectFault !== undefined && kind === 'fail' ? { overlay: faultyOverlay(settings.injectFault) } : {}),
  });
  const records = toRecords(results.map((result) => result.file));
  const render = (record: (typeof records)[number]) => `${record.file}:${record.line}:${record.column} ${record.severity} ${record.ruleId} ${record.message}`;
  return { lines: records.filter((record) => record.ruleId === rule).map(render), all: records.map(render) };
}

export function expectedPath(rule: RuleId): string {
  return join(fixturesRoot, rule, 'expected.txt');
}
