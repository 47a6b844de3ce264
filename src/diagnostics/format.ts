import { relative } from 'node:path';
import pc from 'picocolors';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { severityOf } from './report.ts';

/** Output formats of `policy check`. */
export type OutputFormat = 'pretty' | 'json';

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
}

/** Messages of all files as plain records, sorted by file then position. */
export function toRecords(files: readonly VFile[], cwd = process.cwd()): DiagnosticRecord[] {
  return files.flatMap((file) =>
    [...file.messages].sort(byPlace).map((message): DiagnosticRecord => {
      const start = message.place && 'start' in message.place ? message.place.start : message.place;
      const end = message.place && 'end' in message.place ? message.place.end : start;
      return {
        file: relative(cwd, file.path) || file.path,
        line: start?.line ?? 1,
        column: start?.column ?? 1,
        endLine: end?.line ?? start?.line ?? 1,
        endColumn: end?.column ?? start?.column ?? 1,
        severity: severityOf(message),
        ruleId: message.ruleId ?? 'unknown',
        message: message.reason,
        ...(message.note ? { hint: message.note } : {}),
        ...(message.url ? { url: message.url } : {}),
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
    return `${JSON.stringify({ files: files.map((file) => relative(options.cwd ?? process.cwd(), file.path) || file.path), diagnostics: records, summary }, null, 2)}\n`;
  }
  const colors = pc.createColors(options.color ?? false);
  const paint = { error: colors.red, warning: colors.yellow, info: colors.blue };
  const lines: string[] = [];
  const hinted = new Set<string>();
  for (const record of records) {
    lines.push(`${record.file}:${record.line}:${record.column} ${paint[record.severity](record.severity)} ${colors.dim(record.ruleId)} ${record.message}`);
    // A hint once per rule is enough: fifteen copies of the same advice hide the findings.
    if (record.hint && !hinted.has(record.ruleId)) lines.push(colors.dim(`  hint: ${record.hint}`));
    hinted.add(record.ruleId);
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const total = `${plural(files.length, 'file')} checked: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`;
  lines.push(summary.errors > 0 ? colors.red(total) : summary.warnings > 0 ? colors.yellow(total) : colors.green(total));
  return `${lines.join('\n')}\n`;
}

function byPlace(a: VFileMessage, b: VFileMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
