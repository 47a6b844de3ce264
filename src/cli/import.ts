import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { addPolicy, importPolicy, kebabId } from '../index.ts';

/** `policy import <file>`: draft policies/<id>/policy.md from an existing text. */
export function runImport(path: string, options: { id?: string; stdout: boolean; date: string }, out: (text: string) => void, err: (text: string) => void): number {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    err(`policy import: cannot read ${path}\n`);
    return 2;
  }
  const id = options.id ?? kebabId(basename(path).replace(/\.[^.]+$/, ''));
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) {
    err(`policy import: give the policy an id with --id (kebab-case); "${id}" is not one\n`);
    return 2;
  }
  const draft = importPolicy(text, { id, today: options.date });
  if (options.stdout) {
    out(draft);
    return 0;
  }
  const added = addPolicy(id, draft);
  if ('exists' in added) {
    err(`policy import: ${added.exists} already exists (use --stdout to see the draft)\n`);
    return 2;
  }
  out(`wrote ${added.written}: review every block marked \`review\`, then run \`bin/policy check ${added.folder}\`\n`);
  return 0;
}
