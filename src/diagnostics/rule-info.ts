/** How bad a finding is: an error fails the check, a warning does not. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * What each example on a rule's page shows, in Markdown. The examples themselves are the
 * rule's fixtures (`test/fixtures/rules/<id>/`): the page shows their relevant parts and the
 * messages the checker prints for them, so the page cannot drift from what the rule does.
 */
export interface RuleExamples {
  /** Said before the failing example. */
  fail?: string;
  /** Said before the passing example. */
  pass?: string;
}

/** A rule's permanent description, in the style of Astro's error catalog. */
export interface RuleInfo {
  /** Kebab-case, permanent. */
  id: string;
  severity: Severity;
  /** What the rule looks for, in one line. */
  title: string;
  /** What an editor should do about it. */
  hint: string;
  examples?: RuleExamples;
}

/** Where a rule's documentation page lives, relative to the repository root: its docs URL. */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}
