// Runs the esbuild bundle in build/cli/ (built by `npm run build:cli` and `npm run build`),
// which starts in a fraction of the time the TypeScript sources take. The bundle lists the files
// it was built from (build/cli/inputs.json); when any of them changed since (an edit, a pull, a
// checkout), or one was added under src/, this runs the sources instead, so the command never
// answers from out-of-date code. `npm run build:cli` makes it fast again.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
// Plain paths, not URLs: this runs on every call, for some 160 files.
const rootPath = fileURLToPath(root);
const mtime = (path) => {
  try {
    return statSync(rootPath + path, { throwIfNoEntry: false })?.mtimeMs ?? Infinity;
  } catch {
    return Infinity;
  }
};

/** Why the bundle cannot be used, or undefined when it is up to date. */
function staleness() {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(`${rootPath}build/cli/inputs.json`, 'utf8'));
  } catch {
    return 'there is no bundle in build/cli/';
  }
  // Folders too: a file added to one changes the folder's time.
  const changed = [...inputs.files, ...inputs.folders].find((path) => mtime(path) > inputs.builtAt);
  return changed === undefined ? undefined : `${changed} changed since build/cli/ was built`;
}

const reason = staleness();
if (reason === undefined) {
  await import(new URL('build/cli/main.js', root).href);
} else {
  if (!reason.startsWith('there is no bundle')) process.stderr.write(`policy: ${reason}; running the sources (slower until \`npm run build:cli\`)\n`);
  await import(new URL('src/cli/main.ts', root).href);
}
