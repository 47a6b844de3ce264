import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { PolicyDocument } from '../model/policy.generated.ts';
import type { MergedDeclarations } from '../document/declarations.ts';
import type { ParsedPolicy } from '../parse/policy-file.ts';
import { report as reportOn, type Place } from '../diagnostics/report.ts';
import { ruleDocPath, type RuleId } from '../diagnostics/catalog.ts';
import type { RuleInfo } from '../diagnostics/rule-info.ts';

/** Report a finding of the running rule: what is wrong and where; the rule's id, severity and docs are stamped on. */
export type LintReport = (reason: string, place?: Place | undefined, extra?: { cause?: Place | undefined; note?: string }) => VFileMessage;

/** What a lint rule receives: the valid document and the parse it came from, for positions. */
export interface LintContext {
  file: VFile;
  document: PolicyDocument;
  parsed: ParsedPolicy;
  merged: MergedDeclarations;
  report: LintReport;
}

/** A rule's declaration: its permanent id, severity, description and examples (see RuleInfo). */
export interface LintRuleInfo extends RuleInfo {
  id: RuleId;
}

/** A lint rule: its declaration, its docs URL, and the check that reports on the context. */
export interface LintRule extends LintRuleInfo {
  url: string;
  check(context: LintContext): void;
}

/**
 * Define a lint rule the remark-lint way: one file, one id. The rule only says what is
 * wrong and where; this wrapper stamps its id, severity and docs URL on every message.
 */
export function lintRule(info: LintRuleInfo, check: (context: LintContext) => void): LintRule {
  return { ...info, url: ruleDocPath(info.id), check };
}

/** Run one rule on a checked document. */
export function runLintRule(rule: LintRule, context: Omit<LintContext, 'report'>): void {
  rule.check({ ...context, report: (reason, place, extra) => reportOn(context.file, rule.id, reason, place, extra) });
}
