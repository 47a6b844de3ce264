import { formatMessages, policyFolder, releasePolicy, summarise, toRecords } from '../index.ts';

/** `policy release <id>`: the policy's folder is `policies/<id>` unless a folder is given. */
export async function runRelease(target: string, options: { date: string; format: 'pretty' | 'json'; color: boolean; rollback?: boolean }, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const { folder, found } = policyFolder(target);
  if (!found) {
    err(`policy release: no policy at ${folder}/policy.md\n`);
    return 2;
  }
  const result = await releasePolicy(folder, options.date, { rollback: options.rollback ?? false });
  if (result.rolledBack) {
    if (options.format === 'json') out(`${JSON.stringify({ released: false, rolledBack: result.rolledBack }, null, 2)}\n`);
    else err(`policy release: ${result.refusal}\n`);
    return 0;
  }
  const failed = summarise(toRecords(result.files, process.cwd())).errors > 0 || !result.entry;
  if (options.format === 'json') {
    out(`${JSON.stringify({ released: !failed, refusal: result.refusal ?? null, proposedEffective: result.proposedEffective ?? null, entry: result.entry ?? null, event: result.event ?? null, diagnostics: toRecords(result.files, process.cwd()) }, null, 2)}\n`);
    return failed ? 1 : 0;
  }
  if (failed) {
    if (summarise(toRecords(result.files, process.cwd())).errors > 0) out(formatMessages(result.files, 'pretty', { color: options.color, cwd: process.cwd() }));
    err(`policy release: not released${result.refusal ? `: ${result.refusal}` : ''}\n`);
    return 1;
  }
  const { entry, event } = result;
  out(`released ${event!.policy} ${entry!.version} (${entry!.bump}) on ${entry!.released}, effective ${entry!.effective}\n`);
  out(`  snapshot ${folder}/versions/${entry!.file} sha256 ${entry!.sha256}\n`);
  out(`  notification ${folder}/versions/${entry!.event}: ${event!.class}, action ${event!.action}${event!.action === 'none' ? ' (nothing to send)' : event!.noticeDeadline ? `, notify by ${event!.noticeDeadline}` : ''}\n`);
  for (const line of event!.summary) out(`  - ${line}\n`);
  return 0;
}
