import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import {
  CodeActionKind,
  DiagnosticSeverity,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { severityOf, unquoteScalar } from '../diagnostics/report.ts';
import { checkPaths, policyFileName } from '../workspace/check.ts';
import { translationFile } from '../translate/check.ts';
import { PolicyYamlService } from './yaml-service.ts';
import { fileOverLimit, maxFileBytes } from '../parse/read.ts';

/** Where the rule pages live, for the link on each diagnostic's rule id. */
const docsRoot = new URL('../../', import.meta.url);

/** How long to wait after the last keystroke before checking again. */
const checkDelayMs = 250;

/** True for the Markdown files `policy check` reads in a policy folder: `policy.md` and its translations `policy.<locale>.md`. */
export function isPolicyPath(path: string): boolean {
  const name = basename(path);
  return name === policyFileName || translationFile.test(name);
}

/** A checker message as an LSP diagnostic: 0-based range, severity, rule id linked to its page. */
function toDiagnostic(message: VFileMessage): Diagnostic {
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
    ...(message.expected?.length && typeof message.actual === 'string' ? { data: { expected: [...message.expected], actual: message.actual } } : {}),
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
  const yaml = new PolicyYamlService({ onError: (error) => connection.console.warn(`policy: the YAML language server failed: ${error instanceof Error ? error.message : String(error)}`) });
  const timers = new Map<string, NodeJS.Timeout>();
  /** Bumped on every change of a document: a check whose number is no longer current publishes nothing. */
  const generation = new Map<string, number>();
  /** One counter for every document and every open: numbers are never reused, even after a close. */
  let checks = 0;
  const opened = new Set<string>();
  /** For each checked document, the other files it published diagnostics for (translations, the manifest). */
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
  const isPolicy = (uri: string) => {
    const path = pathOf(uri);
    return path !== undefined && isPolicyPath(path);
  };
  /** The open document at a file path, if any, by the client's own URI. */
  const openAt = (path: string) => documents.all().find((document) => pathOf(document.uri) === path);

  async function check(uri: string, current: number): Promise<void> {
    const path = pathOf(uri);
    if (!path || !isPolicyPath(path)) return;
    const buffer = documents.get(uri);
    if (buffer && buffer.getText().length > maxFileBytes) {
      // Certainly over the byte limit: one clear finding, without copying or parsing the text.
      const file = fileOverLimit(path, Buffer.byteLength(buffer.getText()))!;
      void connection.sendDiagnostics({ uri, version: buffer.version, diagnostics: file.messages.map(toDiagnostic) });
      return;
    }
    // Every open policy buffer, saved or not, so a translation is checked against the draft being edited.
    const overlay = new Map<string, string>();
    for (const document of documents.all()) {
      const open = pathOf(document.uri);
      if (open) overlay.set(resolve(open), document.getText());
    }
    const version = documents.get(uri)?.version;
    let files: VFile[];
    try {
      const results = await checkPaths([path], undefined, { overlay, today: new Date().toISOString().slice(0, 10) });
      files = results.map((result) => result.file);
    } catch (error) {
      connection.console.error(`policy: could not check ${path}: ${String(error)}`);
      return;
    }
    // Typed on or closed while this ran: a newer check (or none) has the say.
    if (generation.get(uri) !== current || !documents.get(uri)) return;
    const own: Diagnostic[] = [];
    const others = new Map<string, Diagnostic[]>();
    for (const file of files) {
      const target = resolve(file.path);
      if (target === resolve(path)) {
        own.push(...file.messages.map(toDiagnostic));
        continue;
      }
      const open = openAt(target);
      // An open translation speaks for itself: check it again against this text.
      if (open) schedule(open.uri, 0);
      else others.set(pathToFileURL(target).href, [...(others.get(pathToFileURL(target).href) ?? []), ...file.messages.map(toDiagnostic)]);
    }
    for (const stale of published.get(uri) ?? []) if (!others.has(stale) && !openAt(pathOf(stale) ?? '')) void connection.sendDiagnostics({ uri: stale, diagnostics: [] });
    published.set(uri, new Set(others.keys()));
    void connection.sendDiagnostics({ uri, ...(version === undefined ? {} : { version }), diagnostics: own });
    for (const [target, diagnostics] of others) void connection.sendDiagnostics({ uri: target, diagnostics });
  }

  function schedule(uri: string, delay: number): void {
    const current = ++checks;
    generation.set(uri, current);
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void check(uri, current);
      }, delay),
    );
  }

  // Opening fires a change too: check a document at once the first time, then after a pause in typing.
  documents.onDidChangeContent(({ document }) => schedule(document.uri, opened.has(document.uri) ? checkDelayMs : (opened.add(document.uri), 0)));
  documents.onDidSave(({ document }) => schedule(document.uri, 0));
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    generation.delete(document.uri);
    opened.delete(document.uri);
    yaml.forget(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    for (const target of published.get(document.uri) ?? []) if (!openAt(pathOf(target) ?? '')) void connection.sendDiagnostics({ uri: target, diagnostics: [] });
    published.delete(document.uri);
    // Its open translations were checked against the closed buffer: check them against the saved file.
    const folder = dirname(pathOf(document.uri) ?? '');
    for (const other of documents.all()) if (other.uri !== document.uri && dirname(pathOf(other.uri) ?? '') === folder) schedule(other.uri, 0);
  });

  // A request the client has cancelled, or on a document over the size limit (which the check
  // reports once), gets no work: nothing to parse, nothing to keep.
  const workable = (document: { uri: string; getText(): string } | undefined, token: CancellationToken) =>
    document !== undefined && isPolicy(document.uri) && !token.isCancellationRequested && document.getText().length <= maxFileBytes;
  connection.onCompletion(async ({ textDocument, position }, token) => {
    const document = documents.get(textDocument.uri);
    if (!workable(document, token)) return null;
    const list = await yaml.complete(document!.uri, document!.getText(), position);
    return token.isCancellationRequested ? null : (list ?? null);
  });
  connection.onHover(async ({ textDocument, position }, token) => {
    const document = documents.get(textDocument.uri);
    if (!workable(document, token)) return null;
    const hover = await yaml.hover(document!.uri, document!.getText(), position);
    return token.isCancellationRequested ? null : hover;
  });
  connection.onCodeAction(({ textDocument, context }) => {
    const document = documents.get(textDocument.uri);
    const actions: CodeAction[] = [];
    if (!document) return actions;
    for (const diagnostic of context.diagnostics) {
      const { expected, actual } = (diagnostic.data ?? {}) as { expected?: unknown; actual?: unknown };
      if (diagnostic.source !== 'policy' || !Array.isArray(expected) || typeof actual !== 'string') continue;
      // Only while the text there is still what the finding is about: ranges go stale as one types.
      if (unquoteScalar(document.getText(diagnostic.range)) !== actual) continue;
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
