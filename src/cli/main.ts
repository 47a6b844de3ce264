#!/usr/bin/env node
// Entry of the `policy` command. Node's compile cache keeps the type-stripped and compiled
// modules between runs (a third of a check's start-up); it must be on before they load.
import { enableCompileCache } from 'node:module';

/**
 * The text `policy --help` prints when its output is no terminal, written into the bundle by
 * scripts/build-cli.ts from these sources' own answer; undefined when the sources run. Printing
 * it spares loading commander and defining every command and option (about a quarter of the
 * command's start-up). At a terminal commander fits the text to its width, so it runs there.
 */
declare const POLICY_HELP: string | undefined;

const args = process.argv.slice(2);
if (typeof POLICY_HELP === 'string' && args.length === 1 && (args[0] === '--help' || args[0] === '-h') && !process.stdout.isTTY) {
  // As program.ts does: `policy --help | head -1` closing the pipe is no error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 2));
  process.stdout.write(POLICY_HELP);
} else {
  enableCompileCache();
  await import('./program.ts');
}
