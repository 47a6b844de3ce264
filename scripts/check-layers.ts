// Checks that imports point one way (interface -> workspace -> core, and inside the core from
// each step only to the steps below it), that nothing imports in a cycle, and that the core
// reads neither the disk, the network, the clock nor the process. `npm run lint:layers`;
// test/layers.test.ts runs it too.
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';

/** A layer of the code and the folders (path patterns from the repository root) in it. */
export interface Layer {
  name: string;
  paths: string[];
  /** Whether the layer belongs to the pure core: no disk, git, network or child processes. */
  core: boolean;
}

/**
 * The layers from the lowest to the highest. A module may import its own layer and the ones
 * before it, never one after it. The core's steps follow the data: parse -> validate ->
 * document -> labels -> lint, diff -> classify, then compile, the file check and compare on top.
 */
export const layers: readonly Layer[] = [
  { name: 'model', paths: ['^src/model/(?!generate\\.ts$)'], core: true },
  { name: 'diagnostics', paths: ['^src/diagnostics/'], core: true },
  { name: 'runtime', paths: ['^src/runtime/'], core: true },
  { name: 'parse', paths: ['^src/parse/'], core: true },
  { name: 'validate', paths: ['^src/validate/(?!(generate|compile|schemas)\\.ts$)'], core: true },
  { name: 'document', paths: ['^src/document/'], core: true },
  { name: 'labels', paths: ['^src/labels/'], core: true },
  { name: 'translate', paths: ['^src/translate/'], core: true },
  { name: 'lint', paths: ['^src/lint/'], core: true },
  { name: 'diff', paths: ['^src/diff/'], core: true },
  { name: 'classify', paths: ['^src/classify/'], core: true },
  { name: 'compile', paths: ['^src/compile/'], core: true },
  { name: 'check', paths: ['^src/check\\.ts$'], core: true },
  { name: 'compare', paths: ['^src/compare/'], core: true },
  { name: 'workspace', paths: ['^src/workspace/', '^src/history/', '^src/notify/', '^src/review/', '^src/site/'], core: false },
  { name: 'interface', paths: ['^src/cli/', '^src/editor/', '^src/index\\.ts$'], core: false },
];

/**
 * Build-time code generation from the schema (types, precompiled validators): it reads
 * schema files, so the core must not import it; it may import the core.
 */
export const codegen: readonly string[] = ['^src/model/generate\\.ts$', '^src/validate/(generate|compile|schemas)\\.ts$'];

/** Node modules that reach the disk, other processes or the network: never in the core. */
const impureBuiltins = '^(node:)?(fs|fs/promises|child_process|net|http|https|http2|dgram|dns|tls|os|worker_threads|cluster|readline)$';

/** The dependency-cruiser rules the layers imply. */
export function layerRules(): IForbiddenRuleType[] {
  const rules: IForbiddenRuleType[] = [
    { name: 'no-circular', severity: 'error', comment: 'A cycle ties its modules together: neither can change alone.', from: { path: '^src/' }, to: { circular: true } },
  ];
  layers.forEach((layer, index) => {
    const above = layers.slice(index + 1).flatMap((higher) => higher.paths);
    if (above.length > 0) {
      rules.push({ name: `${layer.name}-imports-upward`, severity: 'error', comment: `${layer.name} may import only itself and the layers below it.`, from: { path: layer.paths }, to: { path: above } });
    }
  });
  const core = layers.filter((layer) => layer.core).flatMap((layer) => layer.paths);
  rules.push(
    { name: 'core-imports-codegen', severity: 'error', comment: 'The core must not depend on build-time code generation, which reads files.', from: { path: core }, to: { path: [...codegen] } },
    { name: 'core-touches-the-outside', severity: 'error', comment: 'The core takes data and returns data: the disk, processes and the network belong to the workspace.', from: { path: core }, to: { dependencyTypes: ['core'], path: impureBuiltins } },
  );
  rules.push({
    name: 'yaml-language-server-outside-its-adapter',
    severity: 'error',
    comment: "Only src/editor/yaml-language-server.ts may use yaml-language-server: it reaches into the package's internals, so an upgrade has one file to check.",
    from: { pathNot: '^src/editor/yaml-language-server\\.ts$' },
    to: { path: '^node_modules/yaml-language-server/' },
  });
  return rules;
}

/** One import that breaks a layer rule: which rule, from where, to where. */
export interface LayerViolation {
  rule: string;
  from: string;
  to: string;
  /** For a cycle, the modules around it. */
  cycle?: string[];
}

/**
 * Cruise `src/` under `baseDir` (the repository root by default) and return every import
 * that breaks the layer rules. A TypeScript 7 install has no compiler API for
 * dependency-cruiser's `tsc` parser, so modules are parsed with swc.
 */
export async function checkLayers(baseDir: string = new URL('../', import.meta.url).pathname): Promise<LayerViolation[]> {
  const result = await cruise(['src'], {
    baseDir,
    parser: 'swc',
    tsPreCompilationDeps: true,
    validate: true,
    ruleSet: { forbidden: layerRules() },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
  }, { extensions: ['.ts', '.js', '.mjs'] });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((violation) => ({
    rule: violation.rule.name,
    from: violation.from,
    to: violation.to,
    ...(violation.cycle ? { cycle: violation.cycle.map((step) => (typeof step === 'string' ? step : step.name)) } : {}),
  }));
}

/** What no core module may read: the clock decides nothing there ("today" is passed in), nor does the process. */
const impureGlobals: { rule: string; pattern: RegExp }[] = [
  { rule: 'core-reads-the-clock', pattern: /\bDate\.now\s*\(|\bnew Date\s*\(\s*\)|\bTemporal\.Now\b/ },
  { rule: 'core-reads-the-process', pattern: /\bprocess\.(?:env|cwd|argv|exit|stdout|stderr|stdin)\b/ },
];

/**
 * The layers whose modules must not read the clock or the process. The runtime is left out:
 * it runs inside services, where "now" is the default moment to answer for (a service can
 * pass its own clock).
 */
const clockFree = layers.filter((layer) => layer.core && layer.name !== 'runtime');

/** Every line of a core module (under `baseDir`) that reads the clock or the process. */
export function checkPurity(baseDir: string = new URL('../', import.meta.url).pathname): LayerViolation[] {
  const patterns = clockFree.flatMap((layer) => layer.paths).map((path) => new RegExp(path));
  const codegenPatterns = codegen.map((path) => new RegExp(path));
  const files = (readdirSync(join(baseDir, 'src'), { recursive: true }) as string[])
    .map((name) => `src/${name.split(sep).join('/')}`)
    .filter((path) => /\.ts$/.test(path) && patterns.some((pattern) => pattern.test(path)) && !codegenPatterns.some((pattern) => pattern.test(path)));
  return files.flatMap((path) =>
    readFileSync(join(baseDir, path), 'utf8')
      .split('\n')
      .flatMap((line, index) => {
        const code = line.replace(/\/\/.*$/, '');
        if (/^\s*\*/.test(code)) return [];
        return impureGlobals.filter(({ pattern }) => pattern.test(code)).map(({ rule }) => ({ rule, from: `${path}:${index + 1}`, to: line.trim() }));
      }),
  );
}

if (import.meta.main) {
  const violations = [...(await checkLayers()), ...checkPurity()];
  for (const violation of violations) {
    console.log(`${violation.from} -> ${violation.to}: ${violation.rule}${violation.cycle ? ` (${violation.cycle.join(' -> ')})` : ''}`);
  }
  console.error(violations.length === 0 ? 'layers: every import points downward, no cycles; the core reads neither the clock nor the process' : `layers: ${violations.length} import(s) break the layers`);
  process.exitCode = violations.length === 0 ? 0 : 1;
}
