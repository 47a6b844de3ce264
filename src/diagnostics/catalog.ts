/**
 * Every diagnostic `policy check` can report. Ids are permanent: each has a page at
 * docs/rules/<id>.md and fixtures at test/fixtures/rules/<id>/.
 */
export type Severity = 'error' | 'warning' | 'info';

/** A rule's permanent description, in the style of Astro's error catalog. */
export interface RuleInfo {
  /** Kebab-case, permanent. */
  id: string;
  severity: Severity;
  /** What the rule looks for, in one line. */
  title: string;
  /** What an editor should do about it. */
  hint: string;
}

const rules = [
  // The file itself.
  { id: 'missing-file', severity: 'error', title: 'The path does not exist.', hint: 'Check the path; policies live in policies/<id>/policy.md.' },
  { id: 'empty-file', severity: 'error', title: 'The file is empty.', hint: 'Copy an existing policy, such as test/fixtures/policies/minimal/policy.md, and edit it.' },
  { id: 'binary-file', severity: 'error', title: 'The file is not UTF-8 text.', hint: 'Save the policy as UTF-8 Markdown (.md).' },
  { id: 'file-too-large', severity: 'error', title: 'The file is larger than the size limit.', hint: 'A policy should be far smaller; check that the right file was added.' },
  { id: 'missing-front-matter', severity: 'error', title: 'The file has no YAML front matter.', hint: 'Start the file with a `---` block holding id, title, version, effective, updated, locale and controller.' },
  { id: 'yaml-syntax', severity: 'error', title: 'The YAML cannot be read.', hint: 'Check indentation, colons and quotes near the position shown.' },
  // The schema.
  { id: 'unknown-key', severity: 'error', title: 'A key the format does not know.', hint: 'Fix the spelling, or remove the key.' },
  { id: 'missing-key', severity: 'error', title: 'A required key is missing.', hint: 'Add the key; write `unstated` where the policy text does not say.' },
  { id: 'wrong-type', severity: 'error', title: 'A value has the wrong type.', hint: 'Use the shape shown in the message (a list, a text, a number, ...).' },
  { id: 'invalid-value', severity: 'error', title: 'A value is not one of those allowed.', hint: 'Use one of the values listed in the message.' },
  { id: 'invalid-date', severity: 'error', title: 'A date is not a real calendar date.', hint: 'Write dates as YYYY-MM-DD, e.g. 2025-06-04.' },
  { id: 'invalid-duration', severity: 'error', title: 'A duration is not ISO 8601.', hint: 'Write durations like P30D (30 days), P6M (6 months) or P2Y (2 years).' },
  { id: 'invalid-version', severity: 'error', title: 'A version is not semantic versioning.', hint: 'Write versions as MAJOR.MINOR.PATCH, e.g. 1.0.0.' },
  // The model.
  { id: 'policy-id-mismatch', severity: 'error', title: 'The policy id differs from its folder name.', hint: 'Make the front matter `id` equal the folder name under policies/.' },
  { id: 'duplicate-id', severity: 'error', title: 'An id or anchor is used twice.', hint: 'Give each category, purpose, recipient, integration, right and section its own id.' },
  { id: 'duplicate-declaration', severity: 'error', title: 'A single declaration appears in two blocks.', hint: 'Keep one block for it; merge the two.' },
  { id: 'unknown-reference', severity: 'error', title: 'A reference to an id that is not declared.', hint: 'Declare the id, or fix the spelling.' },
  { id: 'uncollected-category', severity: 'error', title: 'Data is shared or transferred that the policy never says it collects.', hint: 'Declare the category under "Information We Collect", or stop sharing it.' },
  { id: 'missing-retention', severity: 'warning', title: 'A category has no retention rule.', hint: 'Add a retention rule naming a period, an event or the criteria used (GDPR Art. 13(2)(a)).' },
  { id: 'consent-without-withdrawal', severity: 'warning', title: 'A consent-based purpose with no way to withdraw consent.', hint: 'State the right to withdraw consent (GDPR Art. 7(3)) and declare it under rights.' },
  { id: 'unstated-declaration', severity: 'warning', title: 'The policy text does not state a fact it should.', hint: 'Ask the policy owner; when the text states it, replace `unstated` with the value.' },
  { id: 'acceptance-by-use', severity: 'warning', title: 'Continued use is treated as accepting a changed policy.', hint: 'Under GDPR Art. 4(11) and 7 consent needs a clear affirmative act: ask for consent again for material changes to consent-based processing.' },
  // Versions.
  { id: 'history-tampered', severity: 'error', title: 'Released history was edited or deleted.', hint: 'Restore versions/ from git: released versions never change. Make edits in policy.md and release a new version.' },
  { id: 'history-line-endings', severity: 'error', title: 'A released file\'s line endings were converted when it was checked out.', hint: 'Git converted line endings (core.autocrlf): keep .gitattributes\' `policies/** -text`, delete the versions/ folder named and run `git checkout -- <that folder>` to get the released bytes back.' },
  { id: 'released-version-modified', severity: 'error', title: 'A released version was edited without a new version number.', hint: 'Raise `version` in the front matter: a released version never changes.' },
  { id: 'version-bump-too-small', severity: 'error', title: 'The version number does not match the size of the change.', hint: 'Raise `version` as the message says: a material widening needs a new major version, a material narrowing a new minor version.' },
  { id: 'effective-date-out-of-order', severity: 'error', title: 'A version takes effect before a lower released version does.', hint: 'Set `effective` to the date the message names, or later: versions take effect in the order of their numbers.' },
  { id: 'effective-date-backdated', severity: 'error', title: 'A version is released with an effective date before its release day.', hint: 'Set `effective` to the release day or later; to keep an earlier date, state why in the front matter as `effectiveReason` (it is shown on the site).' },
  { id: 'effective-date-too-early', severity: 'warning', title: 'Released today, the draft\'s effective date would break a date rule.', hint: 'Change `effective` to the date the message names, or later, before `policy release`; the release refuses the date.' },
  { id: 'notice-period-too-short', severity: 'error', title: 'A material change takes effect before users can be told.', hint: 'Move `effective` later: at least the notice period after the release date.' },
  { id: 'undeclared-prose-change', severity: 'warning', title: 'New prose names data, a recipient, a purpose or a retention period no declaration contains.', hint: 'Declare it next to the sentence, so the rules, the site and the change notice know of it; or reword the sentence.' },
  { id: 'unreviewed-declaration', severity: 'warning', title: 'Declarations drafted by `policy import` that no editor has checked yet.', hint: 'Check each value against the prose next to it, then remove `review` from the block\'s first line (```yaml policy).' },
  // Translations.
  { id: 'translation-missing-section', severity: 'warning', title: 'A translation lacks a section of the policy.', hint: 'Translate the section, with the same anchor as the original heading: `## Titel {#anchor}`.' },
  { id: 'translation-anchor-mismatch', severity: 'warning', title: 'A translated section has an anchor the policy does not have.', hint: 'Give the heading the anchor of the section it translates: `## Titel {#anchor}`, so links work in every language.' },
  { id: 'translation-outdated', severity: 'warning', title: 'A translation follows an older version of the policy.', hint: 'Translate what changed (`policy diff <id> <old> <new>` lists it), then set `translates` to the current version.' },
  // The prose.
  { id: 'duplicate-section', severity: 'warning', title: 'Two sections say nearly the same thing.', hint: 'Keep one of them; a near-copy drifts apart over time.' },
  { id: 'empty-contact', severity: 'warning', title: 'The contact section names no way to reach the company.', hint: 'Add an email address, a form URL or a postal address, and declare it under contact.channels.' },
  { id: 'retention-without-period', severity: 'warning', title: 'A retention rule gives neither a period nor criteria.', hint: 'Add `period`, `until` or `criteria` from the policy text.' },
  { id: 'placeholder-text', severity: 'warning', title: 'Placeholder text left in the prose.', hint: 'Replace the placeholder with the real text.' },
] as const satisfies readonly RuleInfo[];

/** A rule id known to the checker. */
export type RuleId = (typeof rules)[number]['id'];

/** The catalog, by id. */
export const catalog: ReadonlyMap<RuleId, RuleInfo> = new Map(rules.map((rule) => [rule.id, rule]));

/** Every rule id, in catalog order. */
export const ruleIds: readonly RuleId[] = rules.map((rule) => rule.id);

/** Where a rule's documentation page lives, relative to the repository root. */
export function ruleDocPath(id: RuleId): string {
  return `docs/rules/${id}.md`;
}
