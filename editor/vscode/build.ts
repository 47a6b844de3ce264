// Builds the VS Code extension into editor/vscode/dist: the client bundled into one CommonJS
// file (VS Code loads `vscode` itself), and the snippets copied from .vscode/ so there is one
// copy of them. `--package` also writes the .vsix to install with `code --install-extension`.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('./', import.meta.url));
const dist = `${here}dist/`;
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [`${here}extension.ts`],
  outfile: `${dist}extension.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // The Node inside VS Code 1.91's Electron.
  target: 'node20',
  external: ['vscode'],
  minify: true,
  logLevel: 'warning',
});
copyFileSync(`${here}../../.vscode/policy.code-snippets`, `${dist}policy.code-snippets`);
console.log(`wrote ${dist}extension.cjs and ${dist}policy.code-snippets`);

if (process.argv.includes('--package')) {
  const vsce = fileURLToPath(new URL('../../node_modules/@vscode/vsce/vsce', import.meta.url));
  // Everything is bundled, so the extension ships no node_modules.
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--out', `${dist}policy-as-code.vsix`], { cwd: here, stdio: 'inherit' });
}
