/**
 * policy-as-code: privacy policies as structured Markdown, checked, compiled to typed rules,
 * compared and released. This is the library's public API (`import … from 'policy-as-code'`);
 * the compiled rules' runtime has its own entry, `policy-as-code/runtime`.
 *
 * The core functions take data and return data plus diagnostics (messages on a vfile); the
 * workspace functions read and write a folder of policies. Nothing here exits the process,
 * and bad input never throws: it becomes a message with a place, a severity and a rule id.
 *
 * @example
 * ```ts
 * import { checkPaths, formatMessages } from 'policy-as-code';
 * const results = await checkPaths(['policies'], undefined, { today: '2026-11-27' });
 * process.stdout.write(formatMessages(results.map((result) => result.file), 'pretty', { cwd: process.cwd() }));
 * ```
 *
 * @packageDocumentation
 */

// Checking one file (core) and a workspace of policies (reads the disk).
export { checkPolicy, type FileCheck, type FileCheckOptions } from './check.ts';
export { checkPaths, findPolicyFiles, policyFileName, type CheckOptions, type PolicyCheck } from './workspace/check.ts';
export { workspaceCheckCache, type CheckCache } from './workspace/check-cache.ts';
export { policyFolder } from './workspace/policy-folder.ts';
export { readPolicyFile } from './workspace/read.ts';
export { parseYamlSource, type YamlSource } from './parse/yaml-source.ts';
export { validateAgainst } from './validate/schema.ts';
export { fileFromBytes, maxFileBytes, type ReadOptions } from './parse/read.ts';
export { parsePolicy, type DeclarationBlock, type ParsedPolicy } from './parse/policy-file.ts';
export { checkTranslation, type Translation } from './translate/check.ts';

// Diagnostics: the rule catalog and the output formats of `policy check`.
export { catalog, ruleIds, ruleDocPath, type CatalogEntry, type RuleId, type RuleInfo, type Severity } from './diagnostics/catalog.ts';
export { report } from './diagnostics/report.ts';
export { formatMessages, outputFormats, summarise, toRecords, type DiagnosticRecord, type OutputFormat } from './diagnostics/format.ts';

// Compiling a checked document to rules, and all versions of a policy to a module's data.
export { compileRules } from './compile/rules.ts';
export { compilePolicy } from './compile/policy.ts';
export { emitDeclarations, emitModule, versionDataFiles, type VersionDataFile } from './compile/module.ts';
export { buildRules, type BuiltPolicy } from './workspace/build-rules.ts';
export { buildWorkspace, type BuildOptions, type BuildOutcome } from './workspace/build.ts';
export { addPolicy, type AddedPolicy } from './workspace/add-policy.ts';
export { importPolicy, kebabId, type ImportOptions } from './history/import.ts';
export { scaffoldPolicy } from './history/scaffold.ts';

// Comparing two versions and classifying what changed.
export { comparePolicies, sideOf, type Side } from './compare/compare.ts';
export { assembleDiff, mayBeStructured, type DeclarationComparison } from './compare/assemble.ts';
export { sidesToCompare } from './workspace/sides.ts';
export { diffInWorkspace } from './workspace/diff.ts';
export { workspaceDiffCache, type DiffCache } from './workspace/released-diff.ts';
export { renderDiff, renderMarkdown, type DiffFormat } from './compare/render.ts';
export { classifyChanges, classifyChange } from './classify/index.ts';
export { bumpCovers, declaredBump, nextVersion, requiredBump, type Bump, type DeclaredBump, type RequiredBump } from './classify/bump.ts';

// Released history: verifying it, releasing a draft.
export { verifyHistory, type History, type ReleasedVersion } from './history/verify.ts';
export { releasePolicy, type ReleaseResult } from './history/release.ts';
export { compareWithRelease, type PendingChange } from './history/pending.ts';
export { earliestEffective, invalidDate, noticeDeadline, noticePeriodOf } from './history/notice.ts';
export { versionInForce, type DatedVersion, type InForce } from './runtime/in-force.ts';
export { manifestPath } from './history/manifest.ts';
export { tagRelease } from './history/anchor.ts';

// Reviewing a pull request's policy changes.
export { renderReview, reviewChanges, type PolicyReview } from './review/review.ts';

// Delivering release notices: the pending events, the sinks and the delivery state.
export { pendingReleases, trackedByMistake } from './notify/events.ts';
export { releaseEvents } from './notify/cloudevent.ts';
export { deliverEvents } from './notify/deliver.ts';
export { jsonlSink, webhookSink, type Sink } from './notify/sinks.ts';
export { natsSink } from './notify/nats.ts';
export { DeliveryStore, StoreBusy } from './notify/store.ts';
export { longDate } from './notify/text.ts';

// The model, generated from the JSON Schemas.
export type * from './model/policy.generated.ts';
export type { CompiledRules, CompiledCategory, CompiledPurpose, CompiledRecipient, CompiledRetention, CompiledTransfer, CompiledIntegration, CompiledRight } from './model/rules.generated.ts';
export type { ClassifiedChange, Audience } from './model/change.generated.ts';
export type { PolicyDiff, ProseChange, ProseReason } from './model/diff.generated.ts';
export type { VersionManifest, VersionEntry } from './model/manifest.generated.ts';
export type { NotificationEvent } from './model/notification.generated.ts';
export type { NotifyConfig } from './model/notify-config.generated.ts';
// The runtime's types, for code that handles a compiled policy module.
export type { CompiledPolicy, PolicyData, PolicyVersion, UserContext, UseQuery, VersionData } from './runtime/policy-runtime.ts';
