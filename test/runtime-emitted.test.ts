import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuntime, emitRuntime, emittedRuntimeFolder, listFiles } from '../src/workspace/build-rules.ts';

/** Every file below a folder, by its path inside it, with its text. */
async function contents(folder: string): Promise<Record<string, string>> {
  const files = (await listFiles(folder)).sort();
  return Object.fromEntries(files.map((file) => [relative(folder, file), readFileSync(file, 'utf8')]));
}

describe('the emitted rules runtime (generated/runtime/)', () => {
  it('is what the TypeScript compiler emits from src/runtime/ now (else run npm run generate)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'runtime-'));
    try {
      await compileRuntime(folder);
      const fresh = await contents(folder);
      expect(Object.keys(fresh)).toContain(join('runtime', 'policy-runtime.js'));
      expect(await contents(emittedRuntimeFolder)).toEqual(fresh);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('is one file for a rules module to import: policy-runtime.js imports nothing, and still exports what verify.ts does', async () => {
    const text = readFileSync(join(emittedRuntimeFolder, 'runtime', 'policy-runtime.js'), 'utf8');
    expect(text).not.toMatch(/^\s*(import|export .* from)\b/m);
    const runtime = await import(join(emittedRuntimeFolder, 'runtime', 'policy-runtime.js'));
    expect(runtime.verifyAgainst('p', { '1.0.0': 'a' }, { policy: 'p', versions: [{ version: '1.0.0', rulesSha256: 'a' }] })).toEqual({ ok: true, matched: ['1.0.0'], problems: [], newer: [] });
  });

  it('is what a build writes, copied rather than compiled', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'runtime-'));
    try {
      await emitRuntime(join(folder, 'lib'));
      expect(await contents(join(folder, 'lib'))).toEqual(await contents(emittedRuntimeFolder));
      const runtime = await import(join(folder, 'lib', 'runtime', 'policy-runtime.js'));
      expect(typeof runtime.createPolicy).toBe('function');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
