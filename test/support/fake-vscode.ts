import Module from 'node:module';

type Overrides = Record<string | symbol, unknown>;

/**
 * A stand-in for the `vscode` module, enough for vscode-languageclient to start a server:
 * the parts a test sets are real values; everything else is a callable that accepts anything
 * and returns another stand-in (events, disposables, registrations). No VS Code can be
 * downloaded here, so this runs the real bundled client against the real server.
 */
function stub(path: string, overrides: Overrides = {}): unknown {
  return new Proxy(function () {}, {
    get(_target, prop) {
      if (prop in overrides) return overrides[prop];
      if (prop === 'then') return undefined;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => path;
      if (prop === 'dispose') return () => {};
      return stub(`${path}.${String(prop)}`);
    },
    apply: () => stub(`${path}()`),
    construct: () => stub(`new ${path}`) as object,
    // A bundle's `import * as vscode` copies own keys: list the real parts.
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...Reflect.ownKeys(overrides)])],
    getOwnPropertyDescriptor: (target, prop) =>
      Reflect.getOwnPropertyDescriptor(target, prop) ?? (prop in overrides ? { configurable: true, enumerable: true, value: overrides[prop] } : undefined),
  });
}

/** What a fake VS Code session saw. */
export interface FakeVscode {
  errors: string[];
  /** Stop answering `require('vscode')`. */
  restore(): void;
}

/** Make `require('vscode')` return a fake VS Code with `root` open and these settings. */
export function installFakeVscode(root: string, settings: Record<string, unknown> = {}): FakeVscode {
  const errors: string[] = [];
  const fake = stub('vscode', {
    version: '1.95.0',
    workspace: stub('workspace', {
      workspaceFolders: [{ uri: { fsPath: root, toString: () => `file://${root}` }, name: 'policies', index: 0 }],
      getConfiguration: (section?: string) => ({
        get: (key: string, fallback?: unknown) => settings[section ? `${section}.${key}` : key] ?? fallback,
        has: () => false,
        inspect: () => undefined,
        update: async () => {},
      }),
      textDocuments: [],
      notebookDocuments: [],
    }),
    window: stub('window', {
      showErrorMessage: (message: string) => {
        errors.push(message);
        return Promise.resolve(undefined);
      },
    }),
  });
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fake : original.call(this, request, ...rest);
  };
  return { errors, restore: () => void (loader._load = original) };
}
