import { classifyChanges, requiredBump } from '../classify/index.ts';
import { checkPolicy } from '../check.ts';
import type { PolicyDiff } from '../model/diff.generated.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';
import { fileFromBytes } from '../parse/read.ts';
import { classifyProse } from '../classify/prose.ts';
import { undeclaredSentences } from '../classify/declared.ts';

/** One side of a comparison: its text, a label for output, and its document if it is a structured policy. */
export interface Side {
  label: string;
  text: string;
  document?: PolicyDocument | undefined;
  /** Its translations' texts by locale, when it is a version of a policy folder (released or the draft). */
  translations?: ReadonlyMap<string, string> | undefined;
}

/**
 * Whether a text may be a structured policy: only a text that opens with a front-matter fence
 * (`---`, after a byte-order mark) can have the front matter a policy's document needs.
 */
export function mayBeStructured(text: string): boolean {
  return text.replace(/^\uFEFF/, '').startsWith('---');
}

/**
 * Read a text as a side, parsing it as a policy when it is one (plain text stays prose only).
 * A text without front matter is never a structured policy, so it is not parsed or checked as one.
 */
export function sideOf(label: string, text: string): Side {
  if (!mayBeStructured(text)) return { label, text };
  const { document } = checkPolicy(fileFromBytes(label, new TextEncoder().encode(text)));
  return { label, text, document };
}

/**
 * Compare two versions: the classified declaration changes when both are structured
 * policies, the noise-free prose diff always, and the version bump they require.
 */
export function comparePolicies(before: Side, after: Side): PolicyDiff {
  const structured = before.document !== undefined && after.document !== undefined;
  const changes = structured ? classifyChanges(before.document!, after.document!) : [];
  const verdict = classifyProse(before.text, after.text);
  const prose = verdict.diff;
  // The verdict comes from the declarations; prose naming facts they lack is named apart, as check refuses it.
  const undeclared = structured ? undeclaredSentences(verdict.reasons, after.document!.declarations, after.text) : [];
  const translations = before.translations && after.translations ? translationChanges(before.translations, after.translations) : [];
  const side = (input: Side) => ({
    label: input.label,
    ...(input.document ? { policy: input.document.meta.id, version: input.document.meta.version } : {}),
    ...(!input.document && mayBeStructured(input.text) ? { invalid: true } : {}),
  });
  return {
    before: side(before),
    after: side(after),
    structured,
    changes,
    // Translations are released text: a changed one needs a version, as `policy check` says.
    requiredBump: requiredBump(changes, before.text !== after.text || translations.length > 0),
    // Declarations decide for structured policies; for plain texts the prose verdict does.
    material: structured ? changes.some((change) => change.material) : verdict.material,
    prose: { changes: prose.changes, stats: prose.stats },
    proseVerdict: { material: verdict.material, verdict: verdict.verdict, confidence: verdict.confidence, direction: verdict.direction, reasons: verdict.reasons, nonMaterial: verdict.nonMaterial },
    ...(translations.length > 0 ? { translations } : {}),
    ...(undeclared.length > 0 ? { undeclaredProse: undeclared } : {}),
  };
}

/** The translations that differ between two versions, by locale; line endings a checkout converted are no change. */
export function translationChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): NonNullable<PolicyDiff['translations']> {
  const lf = (text: string) => text.replaceAll('\r\n', '\n');
  return [...new Set([...before.keys(), ...after.keys()])].sort().flatMap((locale): NonNullable<PolicyDiff['translations']> => {
    const from = before.get(locale);
    const to = after.get(locale);
    if (from === undefined) return [{ locale, change: 'added' as const }];
    if (to === undefined) return [{ locale, change: 'removed' as const }];
    return lf(from) === lf(to) ? [] : [{ locale, change: 'changed' as const }];
  });
}
