import { checkPaths, formatMessages, toRecords, summarise, workspaceCheckCache, type OutputFormat, type PolicyCheck } from '../index.ts';

/** Options of `policy check`. */
export interface CheckCommandOptions {
  format: OutputFormat;
  color: boolean;
  /** The release date assumed for notice periods. */
  today: string;
  /** Date rules that depend on the release day are errors, as in `policy release`. */
  releasing?: boolean;
  /** Released history must be verified against the whole git history (CI). */
  anchored?: boolean;
  /** False: nothing is read from or written to `.policy/cache/` (checks, snapshots, verified histories, git comparisons). */
  cache?: boolean;
}

/**
 * Run `policy check`: print diagnostics and return the exit code (1 when any error, 2 when
 * nothing was found to check, else 0).
 */
export async function runCheck(paths: readonly string[], options: CheckCommandOptions, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const results: PolicyCheck[] = await checkPaths(paths.length > 0 ? paths : ['policies'], undefined, { today: options.today, releasing: options.releasing ?? false, anchor: options.anchored ? 'required' : 'available', ...(options.cache === false ? { store: false } : { cache: workspaceCheckCache() }) });
  if (results.length === 0) {
    err(`policy check: no policy files found under ${paths.join(', ')} (expected policies/<id>/policy.md)\n`);
    return 2;
  }
  const files = results.map((result) => result.file);
  out(formatMessages(files, options.format, { color: options.color, cwd: process.cwd() }));
  return summarise(toRecords(files, process.cwd())).errors > 0 ? 1 : 0;
}
