import { addPolicy, scaffoldPolicy } from '../index.ts';

/** `policy new <id>`: write policies/<id>/policy.md from the starter template. */
export function runNew(id: string, options: { controller: string; title?: string; email?: string; date: string }, out: (text: string) => void, err: (text: string) => void): number {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) {
    err(`policy new: the id must be kebab-case (lower-case letters, digits and dashes), not "${id}"\n`);
    return 2;
  }
  const added = addPolicy(id, scaffoldPolicy({ id, ...options }));
  if ('exists' in added) {
    err(`policy new: ${added.exists} already exists\n`);
    return 2;
  }
  out(`wrote ${added.written}: fill in the sections, replace each \`unstated\` the text states, then run \`bin/policy check ${added.folder}\`\n`);
  return 0;
}
