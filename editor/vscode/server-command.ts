import { join } from 'node:path';

/** How to start `policy lsp`: a program, its arguments, and whether it needs a shell. */
export interface ServerCommand {
  command: string;
  args: string[];
  shell: boolean;
}

/**
 * The command that runs the policy language server of the repository open in the editor:
 * its own Node (installed by `npm ci` as the `node` package) running its own CLI, so the
 * editor reports exactly what `policy check` and CI report for that checkout. A configured
 * command (`policyAsCode.server.command`) wins, e.g. for a policy repository that installs the
 * engine as a package.
 */
export function serverCommand(root: string, platform: string = process.platform, configured: readonly string[] = []): ServerCommand {
  if (configured.length > 0) return { command: configured[0]!, args: [...configured.slice(1), 'lsp', '--stdio'], shell: false };
  // npm writes a .cmd shim on Windows, which only a shell can start.
  const node = platform === 'win32' ? join(root, 'node_modules', '.bin', 'node.cmd') : join(root, 'node_modules', '.bin', 'node');
  return { command: node, args: [join(root, 'src', 'cli', 'main.ts'), 'lsp', '--stdio'], shell: platform === 'win32' };
}
