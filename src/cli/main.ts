#!/usr/bin/env node
// Entry of the `policy` command. Node's compile cache keeps the type-stripped and compiled
// modules between runs (a third of a check's start-up); it must be on before they load.
import { enableCompileCache } from 'node:module';
import { provideEnglishModelFile } from '../classify/english-model-file.ts';

/**
 * The text `policy --help` prints when its output is no terminal, written into the bundle by
 * scripts/build-cli.ts from these sources' own answer; undefined when the sources run. Printing
 * it spares loading commander and defining every command and option (about a quarter of the
 * command's start-up). At a terminal commander fits the text to its width, so it runs there.
 */
declare const POLICY_HELP: string | undefined;

/**
 * Print the built-in help text, when this call asks for it and its output is no terminal; false
 * otherwise. Written straight to file descriptor 1: making `process.stdout` for a pipe loads
 * node:net and the streams, a tenth of `node -e 0`.
 */
function printedHelp(args: readonly string[]): boolean {
  if (typeof POLICY_HELP !== 'string' || args.length !== 1 || (args[0] !== '--help' && args[0] !== '-h')) return false;
  const { isatty } = process.getBuiltinModule('node:tty');
  if (isatty(1)) return false;
  const { writeSync } = process.getBuiltinModule('node:fs');
  const bytes = Buffer.from(POLICY_HELP);
  try {
    for (let written = 0; written < bytes.length; ) written += writeSync(1, bytes, written);
  } catch (error) {
    // `policy --help | head -1` closing the pipe is no error worth a stack trace (as program.ts).
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return true;
    // A descriptor that would block (a non-blocking pipe, full) or anything else: commander answers.
    return false;
  }
  return true;
}

/**
 * The derived English model beside this module: build/cli/english-model.bin in the bundle
 * (scripts/build-cli.ts), read when the model first loads; the sources have none.
 */
function readEnglishModelFile(): Uint8Array | undefined {
  try {
    return process.getBuiltinModule('node:fs').readFileSync(new URL('./english-model.bin', import.meta.url));
  } catch {
    return undefined;
  }
}

if (!printedHelp(process.argv.slice(2))) {
  enableCompileCache();
  provideEnglishModelFile(readEnglishModelFile);
  await import('./program.ts');
}
