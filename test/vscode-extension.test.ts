import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { matchesGlob } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { quoteForCmd, serverCommand } from '../editor/vscode/server-command.ts';
import { validatorFor } from '../src/validate/ajv.ts';
import { installFakeVscode, type FakeVscode } from './support/fake-vscode.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const extensionDir = `${root}editor/vscode/`;
const manifest = JSON.parse(readFileSync(`${extensionDir}package.json`, 'utf8'));
const snippets = JSON.parse(readFileSync(`${root}.vscode/policy.code-snippets`, 'utf8')) as Record<string, { prefix: string; body: string[] }>;

interface Client {
  state: number;
  initializeResult?: { capabilities: Record<string, unknown> };
  clientOptions: { documentSelector: { scheme: string; language: string; pattern: string }[] };
}
interface Extension {
  activate(context: { subscriptions: unknown[] }): Promise<void>;
  deactivate(): Promise<void> | undefined;
}

beforeAll(() => {
  const built = spawnSync(process.execPath, ['editor/vscode/build.ts', '--package'], { cwd: root, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
}, 60_000);

describe('the VS Code extension package', () => {
  it('builds one bundle and a .vsix holding only what it needs', () => {
    expect(existsSync(`${extensionDir}${manifest.main}`)).toBe(true);
    expect(statSync(`${extensionDir}dist/policy-as-code.vsix`).size).toBeGreaterThan(10_000);
    const listed = spawnSync(process.execPath, [`${root}node_modules/@vscode/vsce/vsce`, 'ls', '--no-dependencies'], { cwd: extensionDir, encoding: 'utf8' });
    expect(listed.stdout.trim().split('\n').sort()).toEqual(['README.md', 'dist/extension.cjs', 'dist/policy.code-snippets', 'package.json']);
  });

  it('activates in a repository with policies and declares its settings', () => {
    expect(manifest.activationEvents).toEqual(['workspaceContains:**/policies/*/policy.md']);
    // The setting is read in the activation tests below (a configured command that fails).
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(['policyAsCode.server.command', 'policyAsCode.trace.server']);
  });

  it('ships the workspace snippets unchanged', () => {
    const contributed = manifest.contributes.snippets[0];
    expect(contributed.language).toBe('markdown');
    expect(readFileSync(`${extensionDir}${contributed.path}`, 'utf8')).toBe(readFileSync(`${root}.vscode/policy.code-snippets`, 'utf8'));
  });

  it.each(Object.entries(snippets))('snippet %s expands to a declaration block the schema accepts', (_name, snippet) => {
    // Take each placeholder's default text and each choice's first option, as VS Code does.
    const text = snippet.body
      .join('\n')
      .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1');
    const yaml = /^```yaml policy\n([\s\S]*)\n```$/.exec(text)?.[1];
    expect(yaml).toBeDefined();
    const validate = validatorFor('declarationBlock');
    expect(validate(parse(yaml!)), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('the workspace settings', () => {
  it('point JSON files at schemas that exist and describe them', () => {
    const settings = JSON.parse(readFileSync(`${root}.vscode/settings.json`, 'utf8')) as { 'json.schemas': { fileMatch: string[]; url: string }[] };
    const pairs = settings['json.schemas'].map(({ fileMatch, url }) => [fileMatch[0]!, url] as const);
    expect(pairs.length).toBeGreaterThan(0);
    for (const [pattern, url] of pairs) {
      const schema = JSON.parse(readFileSync(`${root}${url}`, 'utf8'));
      expect(schema.$schema).toMatch(/json-schema/);
      // A real file matching the pattern validates against it, where the repository has one.
      if (pattern.includes('manifest.json')) {
        const validate = validatorFor(url.split('/').pop()!);
        expect(validate(JSON.parse(readFileSync(`${root}test/fixtures/workspace/policies/allai/versions/manifest.json`, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
      }
    }
  });
});

describe('the server command', () => {
  it('runs the repository\'s own Node and CLI', () => {
    expect(serverCommand('/repo', 'linux')).toEqual({ command: '/repo/node_modules/.bin/node', args: ['/repo/src/cli/main.ts', 'lsp', '--stdio'], shell: false });
    const windows = serverCommand('C:\\Users\\First Last\\policies', 'win32');
    expect(windows.shell).toBe(true);
    // cmd.exe joins the words as they are: a path with a space must arrive quoted.
    expect(windows.command).toMatch(/^"C:\\Users\\First Last\\policies[\\/]node_modules[\\/]\.bin[\\/]node\.cmd"$/);
    expect(windows.args[0]).toMatch(/^".*First Last.*main\.ts"$/);
    expect(windows.args.slice(1)).toEqual(['lsp', '--stdio']);
  });

  it('honours a configured command, through a shell on Windows (npx is a .cmd there)', () => {
    expect(serverCommand('/repo', 'linux', ['npx', 'policy'])).toEqual({ command: 'npx', args: ['policy', 'lsp', '--stdio'], shell: false });
    expect(serverCommand('C:\\r', 'win32', ['npx', 'policy'])).toEqual({ command: 'npx', args: ['policy', 'lsp', '--stdio'], shell: true });
  });

  it('quotes words for cmd.exe only when needed', () => {
    expect(quoteForCmd('plain')).toBe('plain');
    expect(quoteForCmd('with space')).toBe('"with space"');
    expect(quoteForCmd('a"b c')).toBe('"a""b c"');
    expect(quoteForCmd('x&y')).toBe('"x&y"');
  });

  it('names a command that exists in this checkout', () => {
    const { command, args } = serverCommand(root.replace(/\/$/, ''));
    expect(existsSync(command)).toBe(true);
    expect(existsSync(args[0]!)).toBe(true);
  });
});

describe('the bundled client against the real server', () => {
  let fake: FakeVscode | undefined;
  afterEach(() => fake?.restore());

  /** Load a fresh copy of the bundle, so each test activates its own client. */
  function load(): Extension {
    const require = createRequire(import.meta.url);
    const path = `${extensionDir}${manifest.main}`;
    delete require.cache[require.resolve(path)];
    return require(path) as Extension;
  }

  it('starts `policy lsp`, completes the handshake and stops it', async () => {
    fake = installFakeVscode(root.replace(/\/$/, ''));
    const extension = load();
    const context = { subscriptions: [] as unknown[] };
    await extension.activate(context);
    const client = context.subscriptions[0] as Client;
    expect(fake.errors).toEqual([]);
    expect(client.state).toBe(2); // Running
    expect(client.initializeResult!.capabilities).toMatchObject({ hoverProvider: true, codeActionProvider: { codeActionKinds: ['quickfix'] } });
    // It hands the server the files `policy check` reads, and no other Markdown.
    const [selector] = client.clientOptions.documentSelector;
    expect(client.clientOptions.documentSelector).toHaveLength(1);
    expect(selector).toMatchObject({ scheme: 'file', language: 'markdown' });
    const matches = (path: string) => matchesGlob(path, selector!.pattern);
    expect(['/r/policies/allai/policy.md', '/r/policies/allai/policy.de.md'].every(matches)).toBe(true);
    expect(['/r/README.md', '/r/policies/allai/versions/1.0.0.md', '/r/docs/editing.md'].some(matches)).toBe(false);
    await extension.deactivate();
    expect(client.state).toBe(1); // Stopped
  }, 30_000);

  it('says how to fix it when the server cannot start', async () => {
    fake = installFakeVscode(root.replace(/\/$/, ''), { 'policyAsCode.server.command': ['/nonexistent/policy'] });
    const extension = load();
    await extension.activate({ subscriptions: [] });
    // vscode-languageclient reports the failure too; ours says what to do.
    expect(fake.errors).toContainEqual(expect.stringMatching(/could not start `\/nonexistent\/policy lsp --stdio`\. Run `npm ci`/));
  }, 30_000);
});
