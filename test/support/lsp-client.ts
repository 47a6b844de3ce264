import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A diagnostic as the server publishes it. */
export interface PublishedDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code?: string;
  source?: string;
  message: string;
  codeDescription?: { href: string };
  data?: { expected?: string[] };
}

/**
 * `policy lsp --stdio` in a child process, driven over JSON-RPC the way an editor does.
 * `diagnostics(uri, until)` waits for the next publication for `uri` that satisfies `until`.
 */
export class LspSession {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  readonly stderr: string[] = [];
  readonly #published = new Map<string, PublishedDiagnostic[][]>();
  /** The document version each publication was for, when the server gave one. */
  readonly versions = new Map<string, (number | undefined)[]>();
  readonly #waiters: { uri: string; until: (list: PublishedDiagnostic[]) => boolean; resolve: (list: PublishedDiagnostic[]) => void }[] = [];

  constructor() {
    this.process = spawn(process.execPath, ['src/cli/main.ts', 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', ({ uri, version, diagnostics }: { uri: string; version?: number; diagnostics: PublishedDiagnostic[] }) => {
      this.#published.set(uri, [...(this.#published.get(uri) ?? []), diagnostics]);
      this.versions.set(uri, [...(this.versions.get(uri) ?? []), version]);
      for (const waiter of [...this.#waiters]) {
        if (waiter.uri === uri && waiter.until(diagnostics)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(diagnostics);
        }
      }
    });
    this.connection.listen();
  }

  async initialize(): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', { processId: process.pid, rootUri: `file://${root}`, capabilities: {} });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Every publication so far for `uri`, oldest first. */
  published(uri: string): PublishedDiagnostic[][] {
    return this.#published.get(uri) ?? [];
  }

  diagnostics(uri: string, until: (list: PublishedDiagnostic[]) => boolean = () => true, timeoutMs = 20_000): Promise<PublishedDiagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; got ${JSON.stringify(this.published(uri).at(-1))}; stderr: ${this.stderr.join('')}`)), timeoutMs);
      this.#waiters.push({ uri, until, resolve: (list) => (clearTimeout(timer), resolve(list)) });
    });
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  save(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  closeDocument(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  async close(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
