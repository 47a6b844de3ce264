import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { sideOf, type Side } from '../compare/compare.ts';
import { verifyHistory } from '../history/verify.ts';
import { translationFile } from '../translate/file-name.ts';
import { filesToCompare } from './file-pair.ts';
import { git, showAt } from './git.ts';
import { policyFolder } from './policy-folder.ts';
import { workspaceSnapshotStore } from './snapshot-cache.ts';

/**
 * The two sides `policy diff` compares, read from the workspace: two files; a policy's two
 * versions (`allai 1.0.0 1.0.1`, `draft` for the working draft); or a policy's draft against
 * a git ref (`allai` with `base`). Throws an Error whose message says what to name instead.
 */
export async function sidesToCompare(args: readonly string[], base: string | undefined): Promise<[Side, Side]> {
  const files = filesToCompare(args);
  if (files) return [sideOf(files[0].label, files[0].text), sideOf(files[1].label, files[1].text)];
  const [id, from, to] = args;
  if (!id) throw new Error('name two files, or a policy and two versions (policy diff allai 1.0.0 1.0.1), or a policy and --base <git-ref>');
  const { folder, found } = policyFolder(id);
  if (!found) throw new Error(`no policy at ${folder}/policy.md and no file ${id}`);
  const draftPath = join(folder, 'policy.md');
  if (base !== undefined) {
    const text = await gitShow(base, draftPath);
    return [
      { ...sideOf(`${draftPath}@${base}`, text), translations: await translationsAt(process.cwd(), base, folder) },
      { ...sideOf(draftPath, readFileSync(draftPath, 'utf8')), translations: draftTranslations(folder) },
    ];
  }
  if (!from) throw new Error(`name the versions to compare (policy diff ${id} 1.0.0 1.0.1) or a git ref (--base main)`);
  // Only the two versions compared are read; the manifest's chain is verified in full.
  const history = await verifyHistory(folder, basename(resolve(folder)), { store: workspaceSnapshotStore(), versions: new Set([from, to ?? 'draft']) });
  const version = (name: string): Side => {
    if (name === 'draft') return { ...sideOf(draftPath, readFileSync(draftPath, 'utf8')), translations: draftTranslations(folder) };
    const found = history.released.find((released) => released.entry.version === name);
    if (!found) throw new Error(unverifiedVersion(id, name, history, folder));
    // Verifying the history checked the snapshot already (or took its check from the cache): its document is the side's.
    const label = `${folder}/versions/${found.entry.file}`;
    return { label, text: found.text, document: { ...found.document, path: label }, translations: new Map(found.translations.map((translation) => [translation.locale, translation.text])) };
  };
  return [version(from), version(to ?? 'draft')];
}

/**
 * Why a version named to `policy diff` has no verified snapshot: never released (the versions
 * that were are listed), or released but failing verification, whose findings are quoted with
 * their place: comparing a snapshot modified after release would show changes that were never
 * released.
 */
function unverifiedVersion(id: string, name: string, history: Awaited<ReturnType<typeof verifyHistory>>, folder: string): string {
  const listed = history.manifest?.versions.map((entry) => entry.version) ?? [];
  if (!listed.includes(name)) return `${id} has no released version ${name}; released: ${listed.join(', ') || 'none'}`;
  const findings = history.file.messages.filter((message) => message.fatal === true).map((message) => `  ${history.file.path}:${message.line ?? 1}:${message.column ?? 1} error ${message.ruleId ?? 'history'} ${message.reason}`);
  return [`${id} ${name} was released, but its release does not verify, so it is not compared:`, ...findings, `Run \`policy check ${folder}\` for the whole history, and restore the released files from git.`].join('\n');
}

/** The draft translations beside a policy (`policy.<locale>.md`), by locale. */
export function draftTranslations(folder: string): Map<string, string> {
  const names = readdirSync(folder).filter((name) => translationFile.test(name)).sort();
  return new Map(names.map((name) => [translationFile.exec(name)![1]!, readFileSync(join(folder, name), 'utf8')]));
}

/** The translations beside a policy at a git ref, by locale; `folder` is relative to the top of the repository at `cwd`. */
export async function translationsAt(cwd: string, ref: string, folder: string): Promise<Map<string, string>> {
  const names = (await git(cwd, 'ls-tree', '--name-only', '--full-name', ref, '--', `${folder}/`)).split('\n').map((path) => basename(path)).filter((name) => translationFile.test(name)).sort();
  const texts = await Promise.all(names.map(async (name) => [translationFile.exec(name)![1]!, await showAt(cwd, ref, join(folder, name))] as const));
  return new Map(texts.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
}

/** A file's text at a git ref; says what to fetch when a shallow clone lacks it. */
async function gitShow(ref: string, path: string): Promise<string> {
  try {
    return await git(process.cwd(), 'show', `${ref}:${path}`);
  } catch (error) {
    const message = (error as { stderr?: string }).stderr?.trim() ?? String(error);
    throw new Error(`cannot read ${path} at ${ref} (${message}). In a shallow clone, fetch the base first: git fetch --depth=1 origin ${ref}`);
  }
}
