// The VS Code side of the policy language server: it starts `policy lsp` from the open
// repository and hands it the policy Markdown files. Everything else happens in the server.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { serverCommand } from './server-command.ts';

let client: LanguageClient | undefined;

/** Start the language server for the first workspace folder that holds policies. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  const configured = vscode.workspace.getConfiguration('policyAsCode').get<string[]>('server.command') ?? [];
  const { command, args, shell } = serverCommand(folder.uri.fsPath, process.platform, configured);
  const server: ServerOptions = { command, args, options: { cwd: folder.uri.fsPath, shell } };
  const options: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown', pattern: '**/policies/*/policy{,.*}.md' }],
    diagnosticCollectionName: 'policy',
  };
  client = new LanguageClient('policyAsCode', 'Privacy policy', server, options);
  context.subscriptions.push(client);
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(`Privacy policy: could not start \`${[command, ...args].join(' ')}\`. Run \`npm ci\` in the repository, or set policyAsCode.server.command. (${String(error)})`);
  }
}

/** Stop the server with the editor. */
export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
