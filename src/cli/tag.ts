import { readFileSync } from 'node:fs';
import { manifestPath, policyFolder, tagRelease, type VersionManifest } from '../index.ts';

/** `policy tag <id> [version]`: sign a committed release with git's signed tag (the newest release by default). */
export async function runTag(target: string, version: string | undefined, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const { folder, found } = policyFolder(target);
  if (!found) {
    err(`policy tag: no policy at ${folder}/policy.md\n`);
    return 2;
  }
  let manifest: VersionManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath(folder), 'utf8')) as VersionManifest;
  } catch {
    err(`policy tag: no released versions at ${manifestPath(folder)}\n`);
    return 2;
  }
  // A manifest that parses but is not one (edited by hand, say) is refused, not a crash:
  // `policy check` places what is wrong in it.
  if (typeof manifest !== 'object' || manifest === null || !Array.isArray(manifest.versions)) {
    err(`policy tag: ${manifestPath(folder)} is not a version manifest (no "versions" list); run \`policy check ${folder}\` to see what is wrong\n`);
    return 2;
  }
  const chosen = version ?? manifest.versions.at(-1)?.version;
  if (!chosen) {
    err(`policy tag: ${manifest.policy} has no released version\n`);
    return 2;
  }
  const result = await tagRelease(folder, manifest, chosen);
  if ('refusal' in result) {
    err(`policy tag: not tagged: ${result.refusal}\n`);
    return 1;
  }
  out(`tagged ${result.tag} on ${result.commit.slice(0, 12)} (signed); push it with: git push origin ${result.tag}\n`);
  return 0;
}
