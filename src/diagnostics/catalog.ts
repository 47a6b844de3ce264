/**
 * Every diagnostic `policy check` can report. Ids are permanent: each has a page at
 * docs/rules/<id>.md and fixtures at test/fixtures/rules/<id>/. The list is generated from
 * the rules' own declarations (src/diagnostics/checker-rules.ts and src/lint/*.ts).
 */
import { rules } from './catalog.generated.ts';

export { ruleDocPath, type RuleInfo, type Severity } from './rule-info.ts';

/** A rule id known to the checker. */
export type RuleId = (typeof rules)[number]['id'];

/** One catalog entry: the rule's description and its docs URL. */
export type CatalogEntry = (typeof rules)[number];

/** The catalog, by id. */
export const catalog: ReadonlyMap<RuleId, CatalogEntry> = new Map(rules.map((rule) => [rule.id, rule]));

/** Every rule id, in catalog order. */
export const ruleIds: readonly RuleId[] = rules.map((rule) => rule.id);
