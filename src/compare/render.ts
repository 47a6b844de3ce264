import { colors } from '../diagnostics/colors.ts';
import type { PolicyDiff } from '../model/diff.generated.ts';
import type { ClassifiedChange } from '../model/change.generated.ts';
import { actionWords, audienceWords, factKindWords } from '../classify/words.ts';
import { escapeInline } from './escape.ts';

/** Output formats of `policy diff`. */
export type DiffFormat = 'pretty' | 'markdown' | 'json';



function title(diff: PolicyDiff): string {
  const name = (side: PolicyDiff['before']) => (side.version ? `${side.policy} ${side.version}` : side.label);
  return `${name(diff.before)} → ${name(diff.after)}`;
}

function verdict(diff: PolicyDiff): string {
  if (diff.requiredBump === 'none') return 'no change';
  if (!diff.structured) {
    const verdict = diff.proseVerdict;
    const invalid = [diff.before, diff.after].filter((side) => side.invalid).map((side) => side.label);
    // A policy with errors must not look like a harmless prose edit: its declarations were never compared.
    if (invalid.length > 0) return `declarations not compared: ${invalid.join(' and ')} ${invalid.length > 1 ? 'are not valid policies' : 'is not a valid policy'} (run \`policy check\`); the prose alone says ${verdict.material ? 'material' : verdict.verdict === 'review' ? 'needs review' : 'non-material'}`;
    const direction = { '+': 'widens processing', '-': 'narrows processing', '+-': 'widens and narrows processing', '0': 'neither widens nor narrows' }[verdict.direction];
    if (verdict.verdict === 'review') return `needs review (judged from the prose): ${verdict.reasons[0]?.why ?? ''}`;
    return verdict.material ? `material (judged from the prose): ${direction}` : `non-material (judged from the prose): ${verdict.nonMaterial.join(', ')}`;
  }
  if (diff.undeclaredProse?.length) return `${diff.changes.length === 0 ? 'prose only' : diff.material ? 'material' : 'non-material'}, but the prose names what no declaration says: check and release refuse it until it is declared`;
  if (diff.changes.length === 0) return `${diff.translations?.length ? (diff.prose.changes.length > 0 ? 'prose and translations' : 'translations') : 'prose'} only: a patch version`;
  return `${diff.material ? 'material' : 'non-material'}: needs a ${diff.requiredBump} version`;
}

/** Render a diff for a terminal: classified changes first, then the prose redline. */
export function renderPretty(diff: PolicyDiff, color: boolean): string {
  const c = colors(color);
  const lines = [c.bold(title(diff)), verdict(diff), ''];
  if (diff.structured) {
    lines.push(c.bold('Declarations'));
    if (diff.changes.length === 0) lines.push('  no change');
    for (const change of diff.changes) {
      const mark = change.direction === 'widens' ? c.red('+') : change.direction === 'narrows' ? c.green('-') : c.yellow('~');
      const tag = change.material ? c.yellow(`material, ${change.bump}`) : c.dim(`non-material, ${change.bump}`);
      lines.push(`  ${mark} ${change.reason} ${c.dim('(')}${tag}${c.dim(`; ${actionWords[change.action]}`)}${change.audience.scope === 'everyone' ? '' : c.dim(`; ${audienceText(change)}`)}${c.dim(')')}`);
      // The legal reason says why the change is classified so: the reviewer checks the judgement, not only the verdict.
      if (change.legalReason) lines.push(`    ${c.dim(`why: ${change.legalReason}`)}`);
    }
    lines.push('');
  }
  if (diff.translations?.length) {
    lines.push(c.bold('Translations'));
    for (const translation of diff.translations) lines.push(`  ${c.yellow('~')} ${translationText(translation)}`);
    lines.push('');
  }
  if (diff.undeclaredProse?.length) {
    lines.push(c.bold('Undeclared prose'), c.dim('  The verdict above reads the declarations only. Declare what these sentences say, or mark each reviewed with a reason (<!-- reviewed: ... -->):'));
    for (const entry of diff.undeclaredProse) lines.push(`  ${c.red('!')} ${undeclaredText(entry)} ${c.dim(`(line ${entry.line}: "${clip(entry.sentence)}")`)}`);
    lines.push('');
  }
  if (!diff.structured && diff.proseVerdict.reasons.length > 0) {
    lines.push(c.bold('Why it is material'));
    for (const reason of diff.proseVerdict.reasons) lines.push(`  ${reason.change === 'added' ? c.red('+') : reason.change === 'removed' ? c.green('-') : c.yellow('~')} ${reasonText(reason)} ${c.dim(`(line ${reason.line}: "${clip(reason.sentence)}")`)}`);
    lines.push('');
  }
  lines.push(c.bold('Prose'));
  if (diff.prose.changes.length === 0) lines.push('  no change (formatting, whitespace, typography and case are ignored)');
  for (const change of diff.prose.changes) {
    if (change.op === 'added') lines.push(`  ${c.green(`+ ${change.after!.text}`)} ${c.dim(`(line ${change.after!.line})`)}`);
    else if (change.op === 'removed') lines.push(`  ${c.red(`- ${change.before!.text}`)} ${c.dim(`(line ${change.before!.line})`)}`);
    else {
      const words = change.words!.map((word) => (word.op === 'added' ? c.green(c.underline(`{+${word.text}+}`)) : word.op === 'removed' ? c.red(c.strikethrough(`[-${word.text}-]`)) : word.text)).join(' ');
      lines.push(`  ~ ${words} ${c.dim(`(line ${change.after!.line})`)}`);
    }
  }
  const { stats } = diff.prose;
  lines.push('', c.dim(`${stats.unchanged} of ${stats.blocksAfter} blocks unchanged; ${stats.wordsAdded} words added, ${stats.wordsRemoved} removed`));
  return `${lines.join('\n')}\n`;
}

/** Render a diff as Markdown for a pull-request comment. Policy text is escaped, never raw. */
export function renderMarkdown(diff: PolicyDiff): string {
  const md = escapeInline;
  const lines = [`### ${md(title(diff))}`, '', `**${md(verdict(diff))}**`, ''];
  if (diff.structured && diff.changes.length > 0) {
    lines.push('| | change | class | users must get | who | why |', '|---|---|---|---|---|---|');
    for (const change of diff.changes) {
      const mark = change.direction === 'widens' ? '➕ widens' : change.direction === 'narrows' ? '➖ narrows' : '↔';
      lines.push(`| ${mark} | ${md(change.reason)} | ${change.material ? `material (${change.bump})` : `non-material (${change.bump})`} | ${actionWords[change.action]} | ${md(audienceText(change))} | ${md(change.legalReason)} |`);
    }
    lines.push('');
  }
  if (diff.translations?.length) {
    lines.push(`**Translations.** ${diff.translations.map((translation) => md(translationText(translation))).join('; ')}.`, '');
  }
  if (diff.undeclaredProse?.length) {
    lines.push('**Undeclared prose.** The verdict above reads the declarations only; `policy check` and `policy release` refuse these sentences until what they say is declared, or each is marked reviewed with a reason.', '', '| | names, undeclared | sentence |', '|---|---|---|');
    for (const entry of diff.undeclaredProse) lines.push(`| ❗ | ${md(entry.terms.map((term) => `"${term}"`).join(', '))} | ${md(clip(entry.sentence))} (line ${entry.line}) |`);
    lines.push('');
  }
  if (!diff.structured && diff.proseVerdict.reasons.length > 0) {
    lines.push(`| | ${diff.proseVerdict.verdict === 'review' ? 'why it needs review' : 'why it is material'} | sentence |`, '|---|---|---|');
    for (const reason of diff.proseVerdict.reasons) lines.push(`| ${reason.change === 'added' ? '➕' : reason.change === 'removed' ? '➖' : '✏️'} | ${md(reasonText(reason))}: ${md(reason.why)} | ${md(clip(reason.sentence))} (line ${reason.line}) |`);
    lines.push('');
  }
  if (diff.prose.changes.length > 0) {
    lines.push('<details open><summary>Prose changes</summary>', '');
    for (const change of diff.prose.changes) {
      if (change.op === 'added') lines.push(`- **added:** ${md(change.after!.text)}`);
      else if (change.op === 'removed') lines.push(`- **removed:** ~~${md(change.before!.text)}~~`);
      else lines.push(`- **changed:** ${change.words!.map((word) => (word.op === 'added' ? `**${md(word.text)}**` : word.op === 'removed' ? `~~${md(word.text)}~~` : md(word.text))).join(' ')}`);
    }
    lines.push('', '</details>');
  } else {
    lines.push('_No prose change (formatting, whitespace, typography and case are ignored)._');
  }
  return `${lines.join('\n')}\n`;
}

function reasonText(reason: PolicyDiff['proseVerdict']['reasons'][number]): string {
  return `${reason.change === 'added' ? 'adds' : reason.change === 'removed' ? 'drops' : 'changes'} ${factKindWords[reason.kind]}: "${reason.term}"`;
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function audienceText(change: ClassifiedChange): string {
  return audienceWords(change.audience);
}

/** Render in the requested format. */
export function renderDiff(diff: PolicyDiff, format: DiffFormat, color = false): string {
  if (format === 'json') return `${JSON.stringify(diff, null, 2)}\n`;
  return format === 'markdown' ? renderMarkdown(diff) : renderPretty(diff, color);
}

/** One translation's change in words ("the de translation changed"): translations are released text, so any change counts. */
export function translationText(translation: NonNullable<PolicyDiff['translations']>[number]): string {
  return `the ${translation.locale} translation ${translation.change === 'changed' ? 'changed' : translation.change === 'added' ? 'was added' : 'was removed'}`;
}

/** One undeclared sentence's terms, for the terminal. */
function undeclaredText(entry: NonNullable<PolicyDiff['undeclaredProse']>[number]): string {
  return `names ${entry.terms.map((term) => `"${term}"`).join(', ')}, which no declaration contains`;
}
