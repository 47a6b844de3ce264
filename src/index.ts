/**
 * policy-as-code: privacy policies as structured Markdown.
 * The library the CLI, the site and the tests share.
 */
export { checkPolicy, type CheckResult } from './check.ts';
export { checkPaths, findPolicyFiles } from './files.ts';
export { fileFromBytes, readPolicyFile, maxFileBytes } from './parse/read.ts';
export { parsePolicy, type ParsedPolicy } from './parse/policy-file.ts';
export { catalog, ruleIds, type RuleId, type RuleInfo, type Severity } from './diagnostics/catalog.ts';
export { formatMessages, type OutputFormat } from './diagnostics/format.ts';
export type * from './model/policy.generated.ts';
