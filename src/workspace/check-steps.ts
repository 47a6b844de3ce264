// The steps of checking a policy in its folder that need the parser, the validators, the
// linter or the classifier. src/workspace/check.ts imports them only when it checks (not when
// the check cache answers), so a cached `policy check` loads none of them.
export { checkPolicy } from '../check.ts';
export { nextVersion } from '../classify/index.ts';
export { checkDrift, checkTranslationDrift } from '../history/drift.ts';
export { checkIds } from '../history/ids.ts';
export { firstChangedLine } from '../history/line-endings.ts';
export { checkEffectiveDate, checkPending, checkUpdated, compareWithRelease } from '../history/pending.ts';
export { verifyHistory } from '../history/verify.ts';
export { labelDrift, labelFiles, labelOutputs } from '../labels/outputs.ts';
export { checkTranslation, translationFile } from '../translate/check.ts';
