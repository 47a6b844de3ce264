import { existsSync, readFileSync, statSync } from 'node:fs';

/** A file's text with its path as the label, as `policy diff` shows it. */
export interface NamedText {
  label: string;
  text: string;
}

/**
 * The two files `policy diff A B` names, read as text; undefined when the arguments are not
 * two existing files (then they name a policy and its versions). Kept apart from sides.ts so
 * that diffing two files loads neither the history nor the snapshot cache.
 */
export function filesToCompare(args: readonly string[]): [NamedText, NamedText] | undefined {
  const isFile = (path: string) => existsSync(path) && statSync(path).isFile();
  if (args.length !== 2 || !isFile(args[0]!) || !isFile(args[1]!)) return undefined;
  return [
    { label: args[0]!, text: readFileSync(args[0]!, 'utf8') },
    { label: args[1]!, text: readFileSync(args[1]!, 'utf8') },
  ];
}
