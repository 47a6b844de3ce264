// Runs the esbuild bundle in build/cli/ (built by `npm run build:cli` and `npm run build`),
// which starts in a fraction of the time the TypeScript sources take. The bundle lists the files
// it was built from (build/cli/inputs.json); when any of them changed since (an edit, a pull, a
// checkout, a rename), or one was added under src/, this runs the sources instead, so the command
// never answers from out-of-date code. `npm run build:cli` makes it fast again.
//
// This runs on every call, before anything else: built-ins come from process.getBuiltinModule,
// since an `import` of node:fs builds its ES module namespace, which loads fs/promises, streams
// and readline (some 5 ms of CPU, an eighth of `node -e 0`).
const { readFileSync, statSync } = process.getBuiltinModule('node:fs');

const root = `${import.meta.dirname}/../`;

/**
 * When the file or folder last changed, in ms; Infinity when it is gone. The later of the
 * modification time and the status change time (ctime): ctime moves too when a file is renamed
 * over another or copied with its old modification time kept (`cp -p`, an archive), and nothing
 * can set it back; the modification time covers a clock that was ahead.
 */
function changedAt(path) {
  try {
    const stats = statSync(root + path, { throwIfNoEntry: false });
    return stats === undefined ? Infinity : Math.max(stats.mtimeMs, stats.ctimeMs);
  } catch {
    return Infinity;
  }
}

/** Why the bundle cannot be used, or undefined when it is up to date. */
function staleness() {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(`${root}build/cli/inputs.json`, 'utf8'));
  } catch {
    return 'there is no bundle in build/cli/';
  }
  // Folders too: a file added to one changes the folder's time.
  for (const path of inputs.files) if (changedAt(path) > inputs.builtAt) return `${path} changed since build/cli/ was built`;
  for (const path of inputs.folders) if (changedAt(path) > inputs.builtAt) return `${path} changed since build/cli/ was built`;
  return undefined;
}

const reason = staleness();
if (reason === undefined) {
  await import('../build/cli/main.js');
} else {
  if (!reason.startsWith('there is no bundle')) process.stderr.write(`policy: ${reason}; running the sources (slower until \`npm run build:cli\`)\n`);
  await import('../src/cli/main.ts');
}
