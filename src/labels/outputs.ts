// Every label file of a policy, by name, and the drift between a committed copy and the policy.
import { decideStoreLabels } from './decide.ts';
import { recordOfProcessingCsv } from './record.ts';
import { appPrivacyDetailsJson, playDataSafetyCsv, privacyManifest, undecidedReport } from './writers.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';

/** The file names `policy build` writes under `labels/<policy>/`. */
export const labelFiles = {
  googlePlay: 'data-safety.csv',
  apple: 'app_privacy_details.json',
  manifest: 'PrivacyInfo.xcprivacy',
  record: 'record-of-processing.csv',
  undecided: 'to-declare.md',
} as const;

/** Every label file of one policy document, by name; Apple's are absent while an Apple answer is undecided. */
export function labelOutputs(document: PolicyDocument): Record<string, string> {
  const labels = decideStoreLabels(document);
  const apple = appPrivacyDetailsJson(labels);
  const manifest = privacyManifest(labels);
  return {
    [labelFiles.googlePlay]: playDataSafetyCsv(labels),
    ...(apple !== undefined ? { [labelFiles.apple]: apple } : {}),
    ...(manifest !== undefined ? { [labelFiles.manifest]: manifest } : {}),
    [labelFiles.record]: recordOfProcessingCsv(document),
    [labelFiles.undecided]: undecidedReport(labels),
  };
}

/**
 * How a committed label file differs from what the policy states now, in plain words, and the
 * line where it first does; undefined
 * when it matches. Line endings do not count: git may convert them on checkout.
 */
export function labelDrift(name: string, committed: string, outputs: Record<string, string>): { message: string; line: number } | undefined {
  const expected = outputs[name];
  if (expected === undefined) return { line: 1, message: `\`${name}\` is committed, but the policy does not decide every answer it holds (see \`policy build\`'s ${labelFiles.undecided}): it claims what the policy does not state` };
  const lines = (text: string) => text.replaceAll('\r\n', '\n').split('\n');
  const have = lines(committed);
  const want = lines(expected);
  const at = have.findIndex((line, index) => line !== want[index]);
  const first = at === -1 ? (have.length === want.length ? -1 : Math.min(have.length, want.length)) : at;
  if (first === -1) return undefined;
  const shown = (line: string | undefined) => (line === undefined ? 'nothing' : `\`${line.trim().slice(0, 120)}\``);
  return { line: first + 1, message: `\`${name}\` no longer matches the policy: line ${first + 1} is ${shown(have[first])}, the policy gives ${shown(want[first])}; copy it again from the output of \`policy build\` (labels/<policy>/${name})` };
}
