import { requiredBump } from '../classify/bump.ts';
import type { UndeclaredSentence } from '../classify/declared.ts';
import { classifyProse, type ProseReason } from '../classify/prose.ts';
import type { ClassifiedChange } from '../model/change.generated.ts';
import type { PolicyDiff } from '../model/diff.generated.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';

// This module is all `policy diff A.md B.md` loads for two plain texts: the prose verdict and
// the bump, without the parser, the schema validators or the declaration diff (compare.ts).

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

/** What the declarations of two structured policies say about a change. */
export interface DeclarationComparison {
  /** The classified declaration changes. */
  changes: ClassifiedChange[];
  /** The sentences the prose verdict's reasons name that no declaration of the newer side contains. */
  undeclared: (reasons: ProseReason[]) => UndeclaredSentence[];
}

/**
 * The comparison of two sides from the prose verdict and, when both are structured policies,
 * their declarations (`declared`, from {@link comparePolicies} in compare.ts). Without
 * `declared`, the prose verdict decides: the whole comparison of two plain texts.
 */
export function assembleDiff(before: Side, after: Side, declared?: DeclarationComparison): PolicyDiff {
  const structured = declared !== undefined;
  const changes = declared?.changes ?? [];
  const verdict = classifyProse(before.text, after.text);
  const prose = verdict.diff;
  // The verdict comes from the declarations; prose naming facts they lack is named apart, as check refuses it.
  const undeclared = declared ? declared.undeclared(verdict.reasons) : [];
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
function translationChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): NonNullable<PolicyDiff['translations']> {
  const lf = (text: string) => text.replaceAll('\r\n', '\n');
  return [...new Set([...before.keys(), ...after.keys()])].sort().flatMap((locale): NonNullable<PolicyDiff['translations']> => {
    const from = before.get(locale);
    const to = after.get(locale);
    if (from === undefined) return [{ locale, change: 'added' as const }];
    if (to === undefined) return [{ locale, change: 'removed' as const }];
    return lf(from) === lf(to) ? [] : [{ locale, change: 'changed' as const }];
  });
}
