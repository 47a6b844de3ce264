import { relative } from 'node:path';
import { colors } from './colors.ts';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { severityOf } from './report.ts';
import { catalog, ruleDocPath, type RuleId } from './catalog.ts';
import type { OutputFormat } from './output-formats.ts';

export { outputFormats, type OutputFormat } from './output-formats.ts';

/** One diagnostic as programs read it (`--format json`). */
export interface DiagnosticRecord {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  ruleId: string;
  message: string;
  hint?: string;
  url?: string;
  /** Likely replacements for the text at the place ("did you mean"), best first. */
  expected?: string[];
}

/** A file's path as shown: relative to `cwd` when one is given (the CLI passes its own). */
function shownPath(path: string, cwd: string | undefined): string {
  return cwd === undefined ? path : relative(cwd, path) || path;
}

/** Messages of all files as plain records, sorted by file then position; paths relative to `cwd` when given. */
export function toRecords(files: readonly VFile[], cwd?: string): DiagnosticRecord[] {
  return files.flatMap((file) =>
    [...file.messages].sort(byPlace).map((message): DiagnosticRecord => {
      const start = message.place && 'start' in message.place ? message.place.start : message.place;
      const end = message.place && 'end' in message.place ? message.place.end : start;
      return {
        file: shownPath(file.path, cwd),
        line: start?.line ?? 1,
        column: start?.column ?? 1,
        endLine: end?.line ?? start?.line ?? 1,
        endColumn: end?.column ?? start?.column ?? 1,
        severity: severityOf(message),
        ruleId: message.ruleId ?? 'unknown',
        message: message.reason,
        ...(message.note ? { hint: message.note } : {}),
        ...(message.url ? { url: message.url } : {}),
        ...(message.expected?.length ? { expected: [...message.expected] } : {}),
      };
    }),
  );
}

/** Counts of each severity. */
export function summarise(records: readonly DiagnosticRecord[]) {
  const count = (severity: DiagnosticRecord['severity']) => records.filter((record) => record.severity === severity).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}

/**
 * Render diagnostics. `pretty`: one `file:line:col severity rule-id message` line each, the
 * hint below it, then a summary; `json`: `{ files, diagnostics, summary }`.
 */
export function formatMessages(files: readonly VFile[], format: OutputFormat, options: { color?: boolean; cwd?: string } = {}): string {
  const records = toRecords(files, options.cwd);
  const summary = summarise(records);
  if (format === 'json') {
    return `${JSON.stringify({ files: files.map((file) => shownPath(file.path, options.cwd)), diagnostics: records, summary }, null, 2)}\n`;
  }
  if (format === 'sarif') return `${JSON.stringify(toSarif(records), null, 2)}\n`;
  if (format === 'github') return records.map(toGithubCommand).join('');
  const palette = colors(options.color ?? false);
  const paint = { error: palette.red, warning: palette.yellow, info: palette.blue };
  const lines: string[] = [];
  const hinted = new Set<string>();
  for (const record of records) {
    lines.push(`${record.file}:${record.line}:${record.column} ${paint[record.severity](record.severity)} ${palette.dim(record.ruleId)} ${record.message}`);
    // A hint once per rule is enough: fifteen copies of the same advice hide the findings.
    if (record.hint && !hinted.has(record.ruleId)) lines.push(palette.dim(`  hint: ${record.hint}`));
    hinted.add(record.ruleId);
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const total = `${plural(files.length, 'file')} checked: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`;
  lines.push(summary.errors > 0 ? palette.red(total) : summary.warnings > 0 ? palette.yellow(total) : palette.green(total));
  return `${lines.join('\n')}\n`;
}

const sarifLevel = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0, for code-scanning annotations. */
function toSarif(records: readonly DiagnosticRecord[]): object {
  const used = [...new Set(records.map((record) => record.ruleId))];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'policy',
            rules: used.map((id) => {
              const info = catalog.get(id as RuleId);
              return {
                id,
                shortDescription: { text: info?.title ?? id },
                help: { text: `${info?.hint ?? ''} See ${ruleDocPath(id as RuleId)}.`, markdown: `${info?.hint ?? ''} See [${ruleDocPath(id as RuleId)}](${ruleDocPath(id as RuleId)}).` },
                defaultConfiguration: { level: sarifLevel[info?.severity ?? 'error'] },
              };
            }),
          },
        },
        results: records.map((record) => {
          const artifactLocation = { uri: record.file.split('\\').join('/') };
          const region = { startLine: record.line, startColumn: record.column, endLine: record.endLine, endColumn: Math.max(record.endColumn, record.column) };
          return {
            ruleId: record.ruleId,
            ruleIndex: used.indexOf(record.ruleId),
            level: sarifLevel[record.severity],
            message: { text: record.hint ? `${record.message}. ${record.hint}` : record.message },
            locations: [{ physicalLocation: { artifactLocation, region } }],
            ...(record.expected
              ? { fixes: record.expected.map((text) => ({ description: { text: `Replace with \`${text}\`` }, artifactChanges: [{ artifactLocation, replacements: [{ deletedRegion: region, insertedContent: { text } }] }] })) }
              : {}),
          };
        }),
      },
    ],
  };
}

/** A GitHub Actions workflow command, so the finding shows on the changed line of the pull request. */
function toGithubCommand(record: DiagnosticRecord): string {
  const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const level = record.severity === 'info' ? 'notice' : record.severity;
  return `::${level} file=${property(record.file)},line=${record.line},col=${record.column},endLine=${record.endLine},endColumn=${record.endColumn},title=${property(`${record.ruleId}`)}::${data(record.hint ? `${record.message}. ${record.hint}` : record.message)}\n`;
}

function byPlace(a: VFileMessage, b: VFileMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
