import { basename, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import {
  CodeActionKind,
  DiagnosticSeverity,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { severityOf } from '../diagnostics/report.ts';
import { checkPaths } from '../files.ts';
import { PolicyYamlService } from './yaml-service.ts';

/** Where the rule pages live, for the link on each diagnostic's rule id. */
const docsRoot = new URL('../../', import.meta.url);

/** How long to wait after the last keystroke before checking again. */
const checkDelayMs = 250;

/** True for the Markdown files `policy check` reads as policies or translations. */
export function isPolicyPath(path: string): boolean {
  return /^policy(\.[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)?\.md$/.test(basename(path)) || (path.endsWith('.md') && resolve(path).split(/[\\/]/).includes('policies'));
}

/** A checker message as an LSP diagnostic: 0-based range, severity, rule id linked to its page. */
export function toDiagnostic(message: VFileMessage): Diagnostic {
  const place = message.place;
  const start = place && 'start' in place ? place.start : place;
  const end = place && 'end' in place ? place.end : start;
  const severity = severityOf(message);
  const at = (point: { line: number; column: number } | undefined) => ({ line: Math.max((point?.line ?? 1) - 1, 0), character: Math.max((point?.column ?? 1) - 1, 0) });
  return {
    range: { start: at(start), end: at(end) },
    severity: severity === 'error' ? DiagnosticSeverity.Error : severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    source: 'policy',
    ...(message.ruleId ? { code: message.ruleId } : {}),
    ...(message.url ? { codeDescription: { href: new URL(message.url, docsRoot).href } } : {}),
    message: message.note ? `${message.reason}\n${message.note}` : message.reason,
    ...(message.expected?.length ? { data: { expected: [...message.expected] } } : {}),
  };
}

/**
 * Serve the policy language over LSP: `policy check` diagnostics as you type (every rule, with
 * its id and page), quick fixes for "did you mean", and completion and hover docs from the
 * schema inside front matter and ```yaml policy``` blocks. The CLI's `policy lsp` runs this.
 */
export function startLanguageServer(input: Readable = process.stdin, output: Writable = process.stdout): Connection {
  const connection = createConnection(input, output);
  const documents = new TextDocuments(TextDocument);
  const yaml = new PolicyYamlService((error) => connection.console.warn(`policy: the YAML language server failed: ${error instanceof Error ? error.message : String(error)}`));
  const timers = new Map<string, NodeJS.Timeout>();
  /** For each checked document, the URIs it published diagnostics for (itself, its translations). */
  const published = new Map<string, Set<string>>();

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [':', ' ', '-', '[', ','] },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'policy', version: '0.1.0' },
  }));

  const pathOf = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

  async function check(uri: string): Promise<void> {
    const path = pathOf(uri);
    if (!path || !isPolicyPath(path)) return;
    // Every open policy buffer, saved or not, so a translation is checked against the draft being edited.
    const overlay = new Map<string, string>();
    for (const document of documents.all()) {
      const open = pathOf(document.uri);
      if (open) overlay.set(resolve(open), document.getText());
    }
    let files: VFile[];
    try {
      const results = await checkPaths([path], undefined, { overlay, today: new Date().toISOString().slice(0, 10) });
      files = results.map((result) => result.file);
    } catch (error) {
      connection.console.error(`policy: could not check ${path}: ${String(error)}`);
      return;
    }
    const now = new Map<string, Diagnostic[]>([[uri, []]]);
    for (const file of files) {
      // The client's own URI for the document itself: its spelling may differ from ours.
      const key = resolve(file.path) === resolve(path) ? uri : pathToFileURL(resolve(file.path)).href;
      now.set(key, [...(now.get(key) ?? []), ...file.messages.map(toDiagnostic)]);
    }
    for (const stale of published.get(uri) ?? []) if (!now.has(stale)) void connection.sendDiagnostics({ uri: stale, diagnostics: [] });
    published.set(uri, new Set(now.keys()));
    for (const [target, diagnostics] of now) void connection.sendDiagnostics({ uri: target, diagnostics });
  }

  const schedule = (uri: string, delay: number) => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      void check(uri);
    }, delay));
  };

  documents.onDidOpen(({ document }) => schedule(document.uri, 0));
  documents.onDidChangeContent(({ document }) => schedule(document.uri, checkDelayMs));
  documents.onDidSave(({ document }) => schedule(document.uri, 0));
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    for (const target of published.get(document.uri) ?? []) void connection.sendDiagnostics({ uri: target, diagnostics: [] });
    published.delete(document.uri);
  });

  connection.onCompletion(async ({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    return document ? ((await yaml.complete(document.uri, document.getText(), position)) ?? null) : null;
  });
  connection.onHover(async ({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    return document ? yaml.hover(document.uri, document.getText(), position) : null;
  });
  connection.onCodeAction(({ textDocument, context }) => {
    const actions: CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const expected = (diagnostic.data as { expected?: unknown } | undefined)?.expected;
      if (diagnostic.source !== 'policy' || !Array.isArray(expected)) continue;
      expected.forEach((text: string, index) =>
        actions.push({
          title: `Change to \`${text}\``,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: index === 0,
          edit: { changes: { [textDocument.uri]: [{ range: diagnostic.range, newText: text }] } },
        }),
      );
    }
    return actions;
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}
