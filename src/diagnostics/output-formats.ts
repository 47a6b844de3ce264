// The names of `policy check`'s output formats, apart from the formatters: the command table
// (src/cli/program.ts) lists them in every call's option parsing, including `--help`, which
// should not load the formatters, their colours and the rule catalog.

/** Output formats of `policy check`. */
export type OutputFormat = 'pretty' | 'json' | 'sarif' | 'github';

/** Every output format, for option parsing. */
export const outputFormats: readonly OutputFormat[] = ['pretty', 'json', 'sarif', 'github'];
