import { buildWorkspace, formatMessages } from '../index.ts';

/**
 * Run `policy build` (see `buildWorkspace`): progress on stderr; the errors that stop the
 * build on stdout, exit 1; nothing to build or a bad package name, exit 2. The package name
 * comes from `--package-scope`/`--package-name`, else package.json's `policy.packages`.
 */
export async function runBuild(paths: readonly string[], options: { out: string; color: boolean; packageScope?: string; packageName?: string; pack?: boolean }, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const outcome = await buildWorkspace(paths.length > 0 ? paths : ['policies'], options, (line) => err(`${line}\n`));
  if (!outcome.built && outcome.reason === 'no-policies') {
    err(`policy build: no policy files found under ${paths.join(', ')}\n`);
    return 2;
  }
  if (!outcome.built && outcome.reason === 'errors') {
    out(formatMessages(outcome.files, 'pretty', { color: options.color, cwd: process.cwd() }));
    err('policy build: not building, fix the errors above first\n');
    return 1;
  }
  if (!outcome.built) {
    err(`policy build: ${outcome.message}\n`);
    return 2;
  }
  if (outcome.warnings > 0) err(`${outcome.warnings} warning(s); run \`policy check\` to see them\n`);
  return 0;
}
