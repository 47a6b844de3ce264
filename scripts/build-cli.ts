// Bundles the `policy` command with esbuild into build/cli/, so that bin/policy starts one
// JavaScript file instead of type-stripping some two hundred TypeScript modules. Code splitting
// keeps each command's dynamic import (src/cli/program.ts) a chunk of its own: `policy --help`
// loads none of them. Run by `npm run build:cli`, `npm run build` and .ci/run (npm ci runs no
// scripts, not even the project's own prepare: .npmrc has ignore-scripts).
//
// The output sits two folders below the repository root, as every src/<layer>/ module does, so
// their `new URL('../../schema/…', import.meta.url)` still finds the repository's files.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire, isBuiltin } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

/**
 * The command modules import the library through its public API, src/index.ts, which
 * re-exports every module. esbuild would put everything the barrel re-exports into chunks that
 * every command shares (with code splitting it assigns whole files to chunks, and the barrel
 * reaches them all), so `policy check` would load notify's code. This plugin rewrites, in the
 * command modules only, each `import { … } from '../index.ts'` into imports from the modules
 * that define the names (the barrel's own `export { … } from` lines say where): each command's
 * chunk then holds only what it uses. Names the barrel does not list one by one (its
 * `export type *`) are types, which esbuild erases.
 */
export function barrelImports(root: string): esbuild.Plugin {
  const barrel = join(root, 'src/index.ts');
  const origins = new Map<string, string>();
  for (const match of readFileSync(barrel, 'utf8').matchAll(/^export\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'([^']+)';/gm)) {
    for (const name of namesOf(match[1]!)) origins.set(name.exported, `${match[2]}#${name.local}`);
  }
  return {
    name: 'barrel-imports',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]cli[\\/][^\\/]+\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const contents = text.replace(/^import\s*\{([^}]*)\}\s*from\s*'\.\.\/index\.ts';/gm, (_statement, list: string) => {
          const byModule = new Map<string, string[]>();
          for (const name of namesOf(list)) {
            if (name.type) continue;
            const origin = origins.get(name.local);
            if (origin === undefined) throw new Error(`${args.path}: src/index.ts does not export ${name.local} from a module by name`);
            const [module, local] = origin.split('#') as [string, string];
            const specifier = `../${module.slice(2)}`;
            byModule.set(specifier, [...(byModule.get(specifier) ?? []), local === name.local ? name.local : `${local} as ${name.local}`]);
          }
          return [...byModule].map(([module, names]) => `import { ${names.join(', ')} } from '${module}';`).join(' ');
        });
        return { contents: builtinImportsAsConstants(contents, args.path), loader: 'ts' };
      });
    },
  };
}

/**
 * commander imports node:child_process when loaded, for executable subcommands (`git-style`
 * separate programs), which `policy` has none of; loading that module and what it pulls in
 * (net, dgram, ...) is a good part of `policy --help`'s time. Its import is replaced by one
 * that loads the module when a process is first started.
 */
export const lazyChildProcessForCommander: esbuild.Plugin = {
  name: 'lazy-child-process-for-commander',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "const load = () => process.getBuiltinModule('node:child_process');\nexport default new Proxy({}, { get: (_target, key) => load()[key] });\n",
      loader: 'js',
    }));
  },
};

/** What every bundle of the CLI's code shares (the CLI's own build and bench:model's programs). */
export const bundleBase = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // Dependencies written as CommonJS call require(); an ES module has none of its own.
  // Made when first called, from process.getBuiltinModule (see builtinImportsAsConstants):
  // every chunk has one, and most never call it.
  banner: { js: "const require = (...args) => (require.made ??= process.getBuiltinModule('node:module').createRequire(import.meta.url))(...args);" },
  // The language server's YAML engine loads its parts at run time; it stays in node_modules.
  external: ['yaml-language-server', 'vscode-languageserver', 'vscode-languageserver-textdocument', 'vscode-languageserver-types', 'vscode-json-languageservice', 'prettier'],
  logLevel: 'warning',
} satisfies esbuild.BuildOptions;

/**
 * src/classify/nlp.ts loads wink-nlp and its model's modules on first use through a require of
 * its own (createRequire), which esbuild leaves to Node: some forty files found, read and
 * compiled one by one by every `policy diff` that reads prose. In the bundle those calls, where
 * they name a wink package literally, become require() calls, which esbuild bundles; a bundled
 * module is still evaluated only when the call is made.
 */
export const bundledLanguageModules: esbuild.Plugin = {
  name: 'bundled-language-modules',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]classify[\\/]nlp\.ts$/ }, (args) => ({
      contents: builtinImportsAsConstants(readFileSync(args.path, 'utf8').replace(/\bload\('(wink-[^']+)'\)/g, "require('$1')"), args.path),
      loader: 'ts',
    }));
  },
};

/**
 * wink-eng-lite-web-model's lemmatizer reads WordNet's exceptions from three modules of some two
 * thousand assignments each (wn-adjective-exceptions.js, ...), which took a fifth of the model's
 * load to run. In the bundle each becomes its table packed into one string at build time, read
 * in place for the words a text holds (src/classify/exception-table.ts); lemmatize.js itself is
 * the package's own.
 */
export function packedLemmaExceptions(root: string): esbuild.Plugin {
  const helper = join(root, 'src/classify/exception-table.ts');
  return {
    name: 'packed-lemma-exceptions',
    setup(build) {
      build.onLoad({ filter: /[\\/]wink-eng-lite-web-model[\\/]dist[\\/]wn-(adjective|noun|verb)-exceptions\.js$/ }, async (args) => {
        const { packExceptionTable } = (await import(pathToFileURL(helper).href)) as typeof import('../src/classify/exception-table.ts');
        const table = createRequire(import.meta.url)(args.path) as Record<string, string>;
        return { contents: `module.exports = require(${JSON.stringify(helper)}).exceptionTable(${JSON.stringify(packExceptionTable(table))});\n`, loader: 'js' };
      });
    },
  };
}

/** Built-ins whose functions are loaded on first use in the bundle (see builtinImportsAsConstants): each costs a warm `policy check` milliseconds of CPU to load (node:child_process 5 to 12 ms, node:fs/promises 2 to 6). */
export const lazyBuiltins: ReadonlySet<string> = new Set(['node:child_process', 'node:fs/promises']);

/** An expression: a function of a module's name and function names giving one stand-in per name, which loads the module when used. */
const lazyFunctions = '((module, ...names) => names.map((name) => { const real = () => globalThis.process.getBuiltinModule(module)[name]; return new Proxy(function () {}, { apply: (_, self, args) => Reflect.apply(real(), self, args), construct: (_, args, target) => Reflect.construct(real(), args, target), get: (_, key) => real()[key] }); }))';

/**
 * An ES module import of a Node built-in (`import { readFileSync } from 'node:fs'`) builds the
 * module's namespace, which reads every export; reading `fs.promises`, `util.parseArgs` and the
 * like loads their modules (streams, readline, worker_threads, ...). esbuild's interop for a
 * CommonJS module copies every export the same way. For the built-ins `policy --help` imports
 * that is some 10 ms of CPU, a quarter of `node -e 0`. So each static import of a built-in is
 * rewritten into a constant from `process.getBuiltinModule(…)`, which reads only the names the
 * module imports: `import fs, { statSync as stat } from 'node:fs'` becomes
 * `const fs = globalThis.process.getBuiltinModule("node:fs"); const { statSync: stat } = fs;`
 * (globalThis: a module may name its import of node:process `process`). Imports are at the top
 * of a module, before any code that could use them, so hoisting changes nothing.
 * commander's `node:child_process` is left to lazyChildProcessForCommander.
 *
 * The functions named from a built-in in {@link lazyBuiltins} load it when first used, not when
 * the module is evaluated: `import { readdir } from 'node:fs/promises'` becomes a stand-in that
 * forwards every call, `new` and property read to the real function (a Proxy, so
 * `util.promisify(execFile)` still finds its custom form). A warm `policy check` evaluates
 * modules that import both, to use them only when the cache has no answer.
 */
export function builtinImportsAsConstants(text: string, path: string): string {
  return text.replace(/^import\s+(?!type\s)([\w$*{][^'";]*?)\s+from\s*(['"])([\w:/]+)\2;?/gm, (statement, clause: string, _quote, specifier: string) => {
    if (!isBuiltin(specifier) || (/child_process$/.test(specifier) && /[\\/]node_modules[\\/]commander[\\/]/.test(path))) return statement;
    const module = specifier.startsWith('node:') ? specifier : `node:${specifier}`;
    const builtin = `globalThis.process.getBuiltinModule(${JSON.stringify(module)})`;
    const parts = /^(?:([\w$]+)|\*\s*as\s+([\w$]+))?\s*,?\s*(?:\{([^}]*)\})?$/.exec(clause.trim());
    if (parts === null) return statement;
    const whole = parts[1] ?? parts[2];
    const names = namesOf(parts[3] ?? '').filter((name) => !name.type);
    const destructure = (of: typeof names) => of.map((name) => (name.local === name.exported ? name.local : `${name.local}: ${name.exported}`)).join(', ');
    const list = destructure(names);
    if (whole === undefined && lazyBuiltins.has(module)) {
      const exports = process.getBuiltinModule(module) as Record<string, unknown>;
      const lazy = names.filter((name) => typeof exports[name.local] === 'function');
      const eager = names.filter((name) => typeof exports[name.local] !== 'function');
      const stand = lazy.length === 0 ? '' : `const [${lazy.map((name) => name.exported).join(', ')}] = ${lazyFunctions}(${[module, ...lazy.map((name) => name.local)].map((item) => JSON.stringify(item)).join(', ')});`;
      return [stand, eager.length === 0 ? '' : `const { ${destructure(eager)} } = ${builtin};`].filter(Boolean).join(' ');
    }
    if (whole === undefined) return names.length === 0 ? '' : `const { ${list} } = ${builtin};`;
    return `const ${whole} = ${builtin};${names.length === 0 ? '' : ` const { ${list} } = ${whole};`}`;
  }).replace(/^export\s*\{([^}]*)\}\s*from\s*(['"])([\w:/]+)\2;?/gm, (statement, list: string, _quote, specifier: string) => {
    // `export { default as minpath } from 'node:path'` (vfile): the same, as exported constants.
    if (!isBuiltin(specifier)) return statement;
    const builtin = `globalThis.process.getBuiltinModule(${JSON.stringify(specifier.startsWith('node:') ? specifier : `node:${specifier}`)})`;
    return namesOf(list)
      .filter((name) => !name.type)
      .map((name) => (name.local === 'default' ? `export const ${name.exported} = ${builtin};` : `export const { ${name.local}: ${name.exported} } = ${builtin};`))
      .join(' ');
  });
}

/** builtinImportsAsConstants for every module but the command modules, which barrelImports loads. */
export const builtinsWithoutNamespaces: esbuild.Plugin = {
  name: 'builtins-without-namespaces',
  setup(build) {
    build.onLoad({ filter: /\.(m?[jt]s|cjs)$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!/^(import|export)\s[^;]*?from\s*['"](node:|[a-z_]+['"])/m.test(text)) return undefined;
      return { contents: builtinImportsAsConstants(text, args.path), loader: /\.m?ts$/.test(args.path) ? 'ts' : 'js' };
    });
  },
};

/** The names of an import or export list: `a, b as c, type D`. */
function namesOf(list: string): { local: string; exported: string; type: boolean }[] {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const type = /^type\s/.test(part);
      const [local, exported = local] = part.replace(/^type\s+/, '').split(/\s+as\s+/) as [string, string?];
      return { local, exported: exported!, type };
    });
}

/** The version of the code at `root`, as src/workspace/snapshot-cache.ts computes it (the Node running the bundle is added at run time). */
async function engineVersionOf(root: string): Promise<string> {
  const { codeVersion } = (await import(pathToFileURL(join(root, 'src/workspace/snapshot-cache.ts')).href)) as typeof import('../src/workspace/snapshot-cache.ts');
  return codeVersion();
}

/** The derived language model of the sources at `root` (see englishModelBytes in src/classify/nlp.ts). */
async function englishModelBytesOf(root: string): Promise<Uint8Array> {
  const { englishModelBytes } = (await import(pathToFileURL(join(root, 'src/classify/nlp.ts')).href)) as typeof import('../src/classify/nlp.ts');
  return englishModelBytes();
}

/**
 * What `policy --help` prints from the sources at `root` when its output is no terminal, for
 * src/cli/main.ts to print without loading commander (see POLICY_HELP there). Taken from a run of
 * the sources, so it is commander's own text; test/cli-start.test.ts compares the two.
 */
function helpTextOf(root: string): string {
  const run = spawnSync(process.execPath, [join(root, 'src/cli/main.ts'), '--help'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (run.status !== 0 || run.stdout === '' || run.stderr !== '') throw new Error(`policy --help from the sources failed (exit ${run.status}): ${run.stderr}`);
  return run.stdout;
}

/** Where bin/policy looks for the bundle. */
export const bundleFolder = 'build/cli';

/** Build the bundle into `outdir` (relative to the repository root); returns the entry file. */
export async function buildCli(root: string, outdir = bundleFolder): Promise<string> {
  const target = join(root, outdir);
  rmSync(target, { recursive: true, force: true });
  const builtAt = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir,
    ...bundleBase,
    splitting: true,
    legalComments: 'none',
    metafile: true,
    // bundledLanguageModules and packedLemmaExceptions before builtinsWithoutNamespaces: the first to load a file wins.
    plugins: [barrelImports(root), lazyChildProcessForCommander, bundledLanguageModules, packedLemmaExceptions(root), builtinsWithoutNamespaces],
    // The engine's version (a hash of the sources, schemas and lockfile, which the caches in
    // .policy/cache/ are stamped with), computed here once instead of on every call.
    define: { POLICY_ENGINE_VERSION: JSON.stringify(await engineVersionOf(root)), POLICY_HELP: JSON.stringify(helpTextOf(root)) },
  });
  writeFileSync(join(target, 'package.json'), '{ "type": "module" }\n');
  // The language model's core in a form that loads in a few milliseconds instead of a hundred
  // (src/cli/main.ts reads it from beside the bundle's modules; the sources read the JSON).
  writeFileSync(join(target, 'english-model.bin'), await englishModelBytesOf(root));
  // Which modules each chunk holds and imports: test/cli-bundle.test.ts reads it to check that
  // a command loads only what it uses.
  writeFileSync(join(target, 'meta.json'), `${JSON.stringify(result.metafile)}\n`);
  // What bin/policy.mjs compares with the build time to tell a stale bundle: the project's files
  // bundled, the folders holding them (a folder's time changes when a file is added to it), and
  // the lockfile, which every change of a dependency rewrites (one stat call instead of three
  // hundred for the dependencies' files).
  // Modules a plugin made up (`lazy-builtin:child_process`) are no files.
  const own = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/') && !file.includes(':'));
  const files = [...own, 'package-lock.json'];
  const folders = [...new Set(own.map((file) => dirname(file)))];
  writeFileSync(join(target, 'inputs.json'), `${JSON.stringify({ builtAt, files, folders })}\n`);
  return join(target, 'main.js');
}

if (import.meta.main) {
  const started = performance.now();
  const entry = await buildCli(process.cwd());
  process.stderr.write(`built ${entry} in ${Math.round(performance.now() - started)} ms\n`);
}
