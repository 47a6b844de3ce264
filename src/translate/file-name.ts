// Translation file names (a module of its own, so that naming one loads no parser).

/** A BCP 47 language tag as a file name carries it (`de`, `pt-BR`): the schema's `locale` pattern. */
export const localeTag = '[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*';

/** A translation file: `policy.<locale>.md` beside `policy.md`. */
export const translationFile = new RegExp(`^policy\\.(${localeTag})\\.md$`);

/** The snapshot names of a version's translations in versions/: `<version>.<locale>.md`. */
export function translationSnapshot(version: string): RegExp {
  return new RegExp(`^${version.replace(/[.+]/g, '\\$&')}\\.${localeTag}\\.md$`);
}
