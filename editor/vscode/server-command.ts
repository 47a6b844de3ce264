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
  const windows = platform === 'win32';
  const [command, ...args] = configured.length > 0 ? [...configured, 'lsp', '--stdio'] : [join(root, 'node_modules', '.bin', windows ? 'node.cmd' : 'node'), join(root, 'src', 'cli', 'main.ts'), 'lsp', '--stdio'];
  // On Windows, npm's shims (node.cmd, npx.cmd) start only through a shell, which joins the
  // words unquoted: quote them, for paths such as C:\Users\First Last\...
  if (windows) return { command: quoteForCmd(command!), args: args.map(quoteForCmd), shell: true };
  return { command: command!, args, shell: false };
}

/** A word for cmd.exe: in double quotes (inner ones doubled) when it has spaces or specials. */
export function quoteForCmd(word: string): string {
  return /[\s"&|<>^()%!]/.test(word) ? `"${word.replace(/"/g, '""')}"` : word;
}
