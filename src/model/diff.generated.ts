/* eslint-disable */
// Generated from schema/diff.schema.json by `npm run generate`. Do not edit:
// change the schema and regenerate. A test fails when this file is stale.

/**
 * Output of `policy diff --format json`: the classified declaration changes (when both sides are structured policies) and the noise-free prose diff.
 */
export interface PolicyDiff {
  before: Side;
  after: Side;
  /**
   * True when both sides are structured policies, so declarations were compared.
   */
  structured: boolean;
  changes: ClassifiedChange[];
  requiredBump: 'major' | 'minor' | 'patch' | 'none';
  material: boolean;
  prose: {
    changes: ProseChange[];
    stats: {
      blocksBefore: number;
      blocksAfter: number;
      unchanged: number;
      wordsAdded: number;
      wordsRemoved: number;
    };
  };
  /**
   * The prose on its own, judged by readable rules: is the change material, which way, and why. For plain texts this is the verdict; for structured policies it catches prose that drifts from the declarations.
   */
  proseVerdict: {
    material: boolean;
    /**
     * material, non-material, or review: a reason exists but is not sure enough to decide alone.
     */
    verdict: 'material' | 'non-material' | 'review';
    /**
     * How sure the verdict is, 0 to 1.
     */
    confidence: number;
    direction: '+' | '-' | '+-' | '0';
    reasons: ProseReason[];
    nonMaterial: string[];
  };
  /**
   * For two versions of one policy: the translations that differ between them, by locale (added, removed or changed; a checkout's converted line endings are no change). Translations are released text, so a changed one needs at least a patch version.
   */
  translations?: {
    /**
     * The translation's locale, as in its file name `policy.<locale>.md`.
     */
    locale: string;
    change: 'added' | 'removed' | 'changed';
  }[];
  /**
   * For structured policies: sentences the newer side adds that name data, a recipient, a purpose or a retention period no declaration contains (and no `reviewed` marker covers). The verdict above comes from the declarations alone; `policy check` and `policy release` refuse these sentences until they are declared or marked reviewed.
   */
  undeclaredProse?: {
    /**
     * The line its paragraph starts on, in the newer side.
     */
    line: number;
    sentence: string;
    /**
     * The words naming what no declaration contains.
     */
    terms: string[];
  }[];
}
export interface Side {
  label: string;
  policy?: string;
  version?: string;
  /**
   * The text opens with front matter but is not a valid policy (`policy check` says why): its declarations were not compared, so the verdict reads the prose only.
   */
  invalid?: boolean;
}
/**
 * One change to the declarations between two versions of a policy, classified: is it material, does it widen or narrow processing, what must users be told or asked, and who is concerned.
 */
export interface ClassifiedChange {
  /**
   * What kind of declaration changed.
   */
  kind:
    | 'meta'
    | 'category'
    | 'purpose'
    | 'recipient'
    | 'retention'
    | 'transfer'
    | 'integration'
    | 'rights'
    | 'children'
    | 'cookies'
    | 'contact'
    | 'security'
    | 'third-party-links'
    | 'changes';
  /**
   * How it changed: an item or value added or removed, an id renamed, a value changed, a quantity (a period, an age) increased or decreased, a fact the policy did not state now stated, or a stated fact now left unstated.
   */
  change:
    'added' | 'removed' | 'renamed' | 'changed' | 'increased' | 'decreased' | 'stated' | 'unstated';
  /**
   * Where in the policy schema the change is, e.g. declarations.purposes[].basis: the key of the rule that classified it.
   */
  path: string;
  /**
   * The id (or, for unnamed declarations, a short name) of what changed.
   */
  subject: string;
  /**
   * For a change inside a declaration: the field, e.g. basis or categories.
   */
  field?: string;
  /**
   * The old value (JSON), when there was one.
   */
  before?: unknown;
  /**
   * The new value (JSON), when there is one.
   */
  after?: unknown;
  material: boolean;
  /**
   * Whether processing becomes wider (more data, uses, recipients, time) or narrower.
   */
  direction: 'widens' | 'narrows' | 'neutral';
  /**
   * What users must be given: nothing; information (no deadline); notice before the effective date; a request for consent before the effective date; or a request for explicit consent (special categories of data, children) before the effective date.
   */
  action: 'none' | 'inform' | 'notice' | 'reconsent' | 'explicit-consent';
  /**
   * The smallest semver bump this change requires.
   */
  bump: 'major' | 'minor' | 'patch';
  /**
   * For a new declared item: the declarations that reach it, by id or through `all` (e.g. purposes/analytics). They are consequences of this change, not changes of their own.
   */
  reachedBy?: string[];
  /**
   * For re-consent: the consent-based purposes users must consent to again.
   */
  purposes?: string[];
  audience: Audience;
  /**
   * One plain-language line saying what changed.
   */
  reason: string;
  /**
   * Why the change is classified so, in plain words: the rule table's reason.
   */
  legalReason: string;
}
/**
 * Who a change concerns: everyone, the users of one integration, or the users in one jurisdiction.
 */
export interface Audience {
  scope: 'everyone' | 'integration' | 'jurisdiction';
  integration?: string;
  jurisdiction?: string;
}
export interface ProseChange {
  op: 'added' | 'removed' | 'changed';
  before?: Block;
  after?: Block;
  words?: {
    op: 'equal' | 'added' | 'removed';
    text: string;
  }[];
}
export interface Block {
  text: string;
  key: string;
  line: number;
}
export interface ProseReason {
  /**
   * The slot of the processing fact the reason is about.
   */
  kind:
    | 'data'
    | 'tracking'
    | 'recipient'
    | 'purpose'
    | 'retention'
    | 'condition'
    | 'action'
    | 'transfer'
    | 'children';
  term: string;
  change: 'added' | 'removed' | 'changed';
  sentence: string;
  line: number;
  /**
   * Why this is a reason, in plain words.
   */
  why: string;
  /**
   * The processing fact the sentence states, in short: its actions, data, recipients, purposes and periods ("share: email address → site owner").
   */
  fact: string;
  confidence: number;
  direction: '+' | '-' | '0';
}
