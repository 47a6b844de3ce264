import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The part of esbuild's metafile (build/cli/meta.json) that says which chunk holds which modules. */
interface Metafile {
  outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }>;
}

/**
 * The project modules (src/…) that loading a module's chunk of the CLI bundle in `folder`
 * evaluates: its chunk and the chunks it imports statically, not those it imports on demand.
 */
export function bundledModules(folder: string, module: string): string[] {
  const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as Metafile;
  const start = Object.keys(meta.outputs).find((output) => meta.outputs[output]!.entryPoint === module);
  if (start === undefined) throw new Error(`no chunk of the bundle starts at ${module}`);
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const output = stack.pop()!;
    if (seen.has(output)) continue;
    seen.add(output);
    for (const imported of meta.outputs[output]!.imports) if (imported.kind === 'import-statement' && meta.outputs[imported.path]) stack.push(imported.path);
  }
  return [...seen].flatMap((output) => Object.keys(meta.outputs[output]!.inputs)).filter((input) => input.startsWith('src/'));
}
