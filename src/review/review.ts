import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import semver from 'semver';
import { checkPaths } from '../workspace/check.ts';
import { comparePolicies, sideOf } from '../compare/compare.ts';
import { toRecords, type DiagnosticRecord } from '../diagnostics/format.ts';
import { defaultNoticePeriod } from '../document/build.ts';
import { buildNotificationEvent } from '../notify/event.ts';
import { codeSpan, escapeInline } from '../compare/escape.ts';
import { translationText } from '../compare/render.ts';
import { actionWords, audienceWords } from '../classify/words.ts';
import { bumpCovers, declaredBump, type DeclaredBump } from '../classify/bump.ts';
import { draftDates } from '../history/pending.ts';
import { noticePeriodOf } from '../history/notice.ts';
import { earliestSentence, type EffectiveDateVerdict } from '../history/effective-date.ts';
import { versionInForce } from '../runtime/in-force.ts';
import type { PolicyDiff } from '../model/diff.generated.ts';
import type { NotificationEvent } from '../model/notification.generated.ts';
import { ensureRef, git, showAt } from '../workspace/git.ts';
import { draftTranslations, translationsAt } from '../workspace/sides.ts';

/** The review of one policy changed by a pull request. */
export interface PolicyReview {
  id: string;
  path: string;
  before: string | null;
  after: string;
  diff: PolicyDiff;
  declaredBump: DeclaredBump | 'new';
  event: NotificationEvent | null;
  earliestEffective: string | null;
  /** The date rules' verdict for a release today; null for a first release, whose date is as given. */
  dates: EffectiveDateVerdict | null;
  /** The release day the dates assume. */
  today: string;
  /** The released version in force on that day and the one taking effect next (see versionInForce). */
  inForce: { version: string; effective: string } | null;
  upcoming: { version: string; effective: string } | null;
  noticePeriod: string;
  /** Every finding of the check on the branch. */
  findings: DiagnosticRecord[];
  /** The findings the pull request brings: not found when the base's text is checked the same way. */
  introduced: DiagnosticRecord[];
  /** The findings already there on the base. */
  existing: DiagnosticRecord[];
}

/** Marks the comment, so the workflow updates it rather than adding another. */
export const reviewMarker = '<!-- policy-review -->';

/** GitHub refuses a comment body longer than 65,536 characters. */
const commentLimit = 65_536;

/**
 * Review every policy a branch changes against `base`: the classified changes, the required
 * and declared version bumps, the notice and effective dates, who will be notified with what
 * summary, and the check's findings. `today` is the date a release would happen.
 */
export async function reviewChanges(cwd: string, base: string, today: string): Promise<PolicyReview[]> {
  await ensureRef(cwd, base);
  // Compare with where the branch left the base (as a pull request does); a shallow clone
  // without that history falls back to the base itself.
  const since = (await git(cwd, 'merge-base', base, 'HEAD').catch(() => base)).trim() || base;
  const changed = (await git(cwd, 'diff', '--name-only', since, '--', 'policies'))
    .split('\n')
    .map((path) => /^policies\/([^/]+)\//.exec(path)?.[1])
    .filter((id): id is string => Boolean(id));
  const reviews: PolicyReview[] = [];
  for (const id of [...new Set(changed)].sort()) {
    const path = `policies/${id}/policy.md`;
    if (!existsSync(join(cwd, path))) continue;
    const afterText = readFileSync(join(cwd, path), 'utf8');
    const beforeText = await showAt(cwd, since, path);
    // Translations are released text: one changed by the pull request needs a version too.
    const after = { ...sideOf(path, afterText), translations: draftTranslations(join(cwd, `policies/${id}`)) };
    const before = beforeText === undefined ? undefined : { ...sideOf(`${path}@${base}`, beforeText), translations: await translationsAt(cwd, since, `policies/${id}`) };
    const diff = comparePolicies(before ?? sideOf(`${path}@${base}`, ''), after);
    const from = before?.document?.meta.version ?? null;
    const to = after.document?.meta.version ?? '?';
    const declared: PolicyReview['declaredBump'] = !from ? 'new' : !semver.valid(to) ? 'none' : declaredBump(from, to);
    const results = await checkPaths([join(cwd, path)], undefined, { today });
    const findings = toRecords(results.map((result) => result.file), cwd);
    // The base's text, checked in place (same history, same day), tells old findings from new.
    const baseResults = beforeText === undefined ? [] : await checkPaths([join(cwd, path)], undefined, { today, overlay: new Map([[resolve(join(cwd, path)), beforeText]]) });
    const { introduced, existing } = splitFindings(findings, toRecords(baseResults.map((result) => result.file), cwd));
    let event: NotificationEvent | null = null;
    let earliestEffective: string | null = null;
    let dates: EffectiveDateVerdict | null = null;
    const noticePeriod = after.document ? noticePeriodOf(after.document.meta) : defaultNoticePeriod;
    if (after.document && diff.requiredBump !== 'none') {
      event = buildNotificationEvent(after.document, from, today, from ? (diff.requiredBump as 'major' | 'minor' | 'patch') : 'initial', diff.changes);
      // The same verdict as `policy check` and `policy release` give for this release day.
      const checked = results.find((result) => result.history);
      const released = checked?.history?.released ?? [];
      if (released.length > 0) {
        dates = draftDates(after.document, checked?.pending, released.map((version) => version.entry), today);
        earliestEffective = dates.earliest.date;
      }
    }
    // What the draft's release would follow: the same answer as the site and the rules module.
    const history = results.find((result) => result.history)?.history?.released.map((version) => version.entry) ?? [];
    const selected = versionInForce(history, today);
    const dated = (entry: { version: string; effective: string } | null) => (entry ? { version: entry.version, effective: entry.effective } : null);
    reviews.push({ id, path, before: from, after: to, diff, declaredBump: declared, event, earliestEffective, dates, today, inForce: dated(selected.inForce), upcoming: dated(selected.upcoming), noticePeriod, findings, introduced, existing });
  }
  return reviews;
}

/**
 * Split a branch's findings into those the pull request introduced and those already on the
 * base. Findings are matched by rule and message, not by line (an edit above moves the lines),
 * and counted, so a second copy of an old finding is new.
 */
function splitFindings(findings: readonly DiagnosticRecord[], base: readonly DiagnosticRecord[]): { introduced: DiagnosticRecord[]; existing: DiagnosticRecord[] } {
  const key = (finding: DiagnosticRecord) => `${finding.severity}\u0000${finding.ruleId}\u0000${finding.message}`;
  const left = new Map<string, number>();
  for (const finding of base) left.set(key(finding), (left.get(key(finding)) ?? 0) + 1);
  const introduced: DiagnosticRecord[] = [];
  const existing: DiagnosticRecord[] = [];
  for (const finding of findings) {
    const count = left.get(key(finding)) ?? 0;
    if (count > 0) {
      left.set(key(finding), count - 1);
      existing.push(finding);
    } else introduced.push(finding);
  }
  return { introduced, existing };
}

/** One finding as a list item: place, rule, message and the fix when the check knows it. */
function findingLine(finding: DiagnosticRecord): string {
  const md = escapeInline;
  const fix = finding.hint ? ` Fix: ${md(finding.hint)}` : finding.expected?.length ? ` Did you mean ${finding.expected.map((word) => codeSpan(word)).join(' or ')}?` : '';
  const message = /[.!?]$/.test(finding.message) ? finding.message : `${finding.message}.`;
  return `- ${finding.severity === 'error' ? '❌' : finding.severity === 'warning' ? '⚠️' : 'ℹ️'} ${codeSpan(`${finding.file}:${finding.line}:${finding.column}`)} ${md(finding.ruleId)}: ${md(message)}${fix}`;
}

/**
 * The review as one Markdown comment for the pull request, at most `limit` characters long
 * (GitHub's limit): a longer one is cut at a line and says where the full review is.
 */
export function renderReview(reviews: readonly PolicyReview[], base: string, limit = commentLimit): string {
  // Everything from a pull request (ids, versions, labels, prose, paths) is escaped.
  const md = escapeInline;
  const lines = [reviewMarker, '## Privacy policy review', ''];
  if (reviews.length === 0) lines.push(`No policy changed compared with ${codeSpan(base)}.`);
  for (const review of reviews) {
    const { diff } = review;
    const required = diff.requiredBump;
    lines.push(`### ${md(review.id)}: ${md(review.before ?? 'new')} → ${md(review.after)}`, '');
    const bumpOk = review.declaredBump === 'new' || bumpCovers(review.declaredBump, required);
    const verdict = required === 'none' ? 'No change.' : `**${diff.material ? 'Material' : 'Non-material'} change: needs a ${required} version.**`;
    lines.push(`${verdict} Declared: ${review.declaredBump === 'new' ? 'a new policy' : `${review.declaredBump} (${md(review.before ?? '')} → ${md(review.after)})`} ${bumpOk ? '✅' : '❌ too low'}`, '');
    if (review.earliestEffective) lines.push(`**Earliest effective date:** ${review.earliestEffective}, if merged and released on ${review.today}.`, '');
    // What the pull request broke comes first: the editor acts on it; older findings are folded.
    const count = (items: readonly DiagnosticRecord[], severity: string) => items.filter((finding) => finding.severity === severity).length;
    const tally = (items: readonly DiagnosticRecord[]) => `${count(items, 'error')} error${count(items, 'error') === 1 ? '' : 's'}, ${count(items, 'warning')} warning${count(items, 'warning') === 1 ? '' : 's'}`;
    lines.push(`**Check.** This pull request brings ${tally(review.introduced)}.`);
    lines.push(...review.introduced.map(findingLine));
    if (review.existing.length > 0) lines.push('', `<details><summary>Already on the base: ${tally(review.existing)}</summary>`, '', ...review.existing.map(findingLine), '', '</details>');
    lines.push('');
    if (diff.translations?.length) lines.push(`**Translations.** ${diff.translations.map((translation) => md(translationText(translation))).join('; ')}: translations are released text.`, '');
    if (diff.changes.length > 0) {
      lines.push('| | change | class | users get | who | why |', '|---|---|---|---|---|---|');
      for (const change of diff.changes) {
        const who = audienceWords(change.audience);
        lines.push(`| ${change.direction === 'widens' ? '➕' : change.direction === 'narrows' ? '➖' : '↔'} | ${md(change.reason)} | ${change.material ? 'material' : 'non-material'} (${change.bump}) | ${actionWords[change.action]} | ${md(who)} | ${md(change.legalReason)} |`);
      }
      lines.push('');
    }
    if (review.event) {
      const effective = review.event.effective;
      if (review.dates) {
        const ok = review.dates.broken.length === 0;
        lines.push(`**Dates.** If merged and released on ${review.today}, effective ${effective}: ${md(earliestSentence(review.dates))} ${ok ? '✅' : '❌'}`, '');
        const inForce = review.inForce ? `version ${md(review.inForce.version)} (effective ${review.inForce.effective})` : 'no version yet';
        lines.push(`**In force on ${review.today}:** ${inForce}${review.upcoming ? `; released and not yet in force: version ${md(review.upcoming.version)}, effective ${review.upcoming.effective}` : ''}.`, '');
      } else {
        lines.push(`**Dates.** First release, effective ${effective}.`, '');
      }
      lines.push(`**Notification.** ${review.event.action === 'none' ? 'Nothing to send.' : `Send ${actionWords[review.event.action]}, to ${md(review.event.audiences.map(audienceWords).join(', '))}${noticeBy(review)}.`}`);
      if (review.event.summary.length > 0) lines.push('', ...review.event.summary.map((line) => `> - ${md(line)}`));
      lines.push('');
    }
    const prose = diff.prose.changes.slice(0, 8);
    if (prose.length > 0) {
      lines.push(`<details><summary>Prose: ${diff.prose.stats.wordsAdded} words added, ${diff.prose.stats.wordsRemoved} removed</summary>`, '');
      for (const change of prose) {
        if (change.op === 'added') lines.push(`- **added (line ${change.after!.line}):** ${md(clip(change.after!.text))}`);
        else if (change.op === 'removed') lines.push(`- **removed:** ~~${md(clip(change.before!.text))}~~`);
        else lines.push(`- **changed (line ${change.after!.line}):** ${change.words!.filter((word) => word.op !== 'equal').map((word) => (word.op === 'added' ? `**${md(word.text)}**` : `~~${md(word.text)}~~`)).join(' ')}`);
      }
      if (diff.prose.changes.length > prose.length) lines.push(`- … and ${diff.prose.changes.length - prose.length} more`);
      lines.push('', '</details>', '');
    }
    lines.push('');
  }
  return capComment(lines, base, limit);
}

/**
 * The comment's lines joined, cut to `limit` when longer. Cut between lines, which are escaped
 * one by one, so no escape is split; an open `<details>` is closed, and a note says where the
 * full review is. Measured in UTF-8 bytes, which no count of characters exceeds.
 */
function capComment(lines: readonly string[], base: string, limit: number): string {
  const text = `${lines.join('\n').trimEnd()}\n`;
  const size = (value: string) => Buffer.byteLength(value, 'utf8');
  if (size(text) <= limit) return text;
  const note = `**This review is cut short**: GitHub takes at most ${limit.toLocaleString('en-US')} characters in a comment. The full review is this workflow run's ${codeSpan('policy-review')} artifact, which ${codeSpan(`bin/policy review --base ${base} --format json`)} writes; ${codeSpan('bin/policy check policies')} lists every finding.`;
  const closing = '</details>';
  const budget = limit - size(note) - 2;
  const kept: string[] = [];
  let used = 0;
  let open = 0;
  for (const line of lines) {
    // Room for this line and for closing every <details> still open after it.
    const opens = open + (line.startsWith('<details>') ? 1 : line === closing ? -1 : 0);
    if (used + size(line) + 1 + opens * (size(closing) + 2) > budget) break;
    kept.push(line);
    used += size(line) + 1;
    open = opens;
  }
  for (; open > 0; open--) kept.push('', closing);
  return `${kept.join('\n').trimEnd()}\n\n${note}\n`;
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** The notice deadline, unless it is already past on the release day: then it says which date to move `effective` to, rather than contradict the dates line. */
function noticeBy(review: PolicyReview): string {
  const deadline = review.event?.noticeDeadline;
  if (!deadline) return '';
  if (deadline >= review.today) return `, by ${deadline}`;
  return `; with this effective date the notice would be due on ${deadline}, before the release day, so move \`effective\` to ${review.dates?.earliest.date ?? 'a later date'} or later first`;
}
