import standalone from 'ajv/dist/standalone/index.js';
import { createAjv, schemaId } from './compile.ts';
import { precompiledValidators } from './precompiled.ts';

/** Where the precompiled validators live, beside the module that loads them. */
export const validatorsPath = new URL('./validators.generated.js', import.meta.url);
/** Their type declarations, so TypeScript knows the exports. */
export const validatorsTypesPath = new URL('./validators.generated.d.ts', import.meta.url);

const banner = `// Generated from schema/*.schema.json by \`npm run generate\`. Do not edit: change the
// schema and regenerate. A test fails when this file is stale.`;

/**
 * The check's validators as one ES module of plain functions (ajv standalone code), so a
 * process validates without compiling the schema first. Formats come from `formats.ts`.
 */
export function generateValidators(): { code: string; types: string } {
  const ajv = createAjv({ standalone: true });
  const exports = Object.fromEntries(Object.entries(precompiledValidators).map(([definition, name]) => [name, schemaId(definition)]));
  // ajv's standalone module is CommonJS: under Node's ESM loader its function may arrive wrapped.
  type Standalone = (ajv: ReturnType<typeof createAjv>, exports: Record<string, string>) => string;
  const standaloneCode = ((standalone as unknown as { default?: Standalone }).default ?? standalone) as Standalone;
  const moduleCode = standaloneCode(ajv, exports);
  // ajv writes `require()` for its runtime helpers even in ES module output: import them instead.
  const helpers = new Map<string, string>();
  // Node hands a CommonJS module's exports object to a default import, bundlers its `default`.
  const body = moduleCode.replace(/^"use strict";/, '').replace(/require\("(ajv\/dist\/runtime\/[\w-]+)"\)\.default/g, (_match: string, path: string) => {
    const name = `runtime_${path.split('/').pop()!.replace(/-/g, '_')}`;
    helpers.set(name, path);
    return `(${name}.default ?? ${name})`;
  });
  if (body.includes('require(')) throw new Error('ajv standalone code requires a module this generator does not import');
  const imports = [`import { formats } from './formats.ts';`, ...[...helpers].map(([name, path]) => `import ${name} from '${path}.js';`)];
  const code = `${banner}\n${imports.join('\n')}\n${body}\n`;
  const names = Object.values(precompiledValidators);
  const types = `${banner}\nimport type { ValidateFunction } from 'ajv';\n${names.map((name) => `export declare const ${name}: ValidateFunction;`).join('\n')}\n`;
  return { code, types };
}
