import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scaffoldPolicy } from '../history/scaffold.ts';

/** `policy new <id>`: write policies/<id>/policy.md from the starter template. */
export function runNew(id: string, options: { controller: string; title?: string; email?: string; date: string }, out: (text: string) => void, err: (text: string) => void): number {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) {
    err(`policy new: the id must be kebab-case (lower-case letters, digits and dashes), not "${id}"\n`);
    return 2;
  }
  const folder = join('policies', id);
  if (existsSync(join(folder, 'policy.md'))) {
    err(`policy new: ${folder}/policy.md already exists\n`);
    return 2;
  }
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'policy.md'), scaffoldPolicy({ id, ...options }));
  out(`wrote ${folder}/policy.md: fill in the sections, replace each \`unstated\` the text states, then run \`bin/policy check ${folder}\`\n`);
  return 0;
}
