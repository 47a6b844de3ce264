import { plainInline } from '../diff/blocks.ts';
import { diffProse, type ProseDiff } from '../diff/prose.ts';
import { factsOfBlock, periodsIn, type FactValue, type ProcessingFact } from './facts.ts';
import { namesWholeWord, startsWord, wordStartsOf } from './term-pattern.ts';
import { foldForMatching, mentionsConceptFolded, mentionsFolded, usesAction, type FactKind } from './vocabulary.ts';

export type { FactKind } from './vocabulary.ts';

/** One reason a prose change matters: a slot of a processing fact that the edit adds, drops or changes. */
export interface ProseReason {
  /** The slot of the fact: data, recipient, purpose, retention, condition, action, transfer, ... */
  kind: FactKind;
  /** The value, in the sentence's words ("Acoustic", "6 months → 18 months"). */
  term: string;
  change: 'added' | 'removed' | 'changed';
  /** The sentence, quoted from the version it is in (after for added, before for removed). */
  sentence: string;
  /** Line of the sentence's block in its file. */
  line: number;
  /** Why this is a reason, in plain words. */
  why: string;
  /** The processing fact the sentence states, in short ("share: email address → site owner"). */
  fact: string;
  /** How sure the rule is that this changes processing, 0 to 1. */
  confidence: number;
  /** + widens processing, - narrows it, 0 neither or unknown. */
  direction: '+' | '-' | '0';
}

/** The judgement on a prose change. */
export interface ProseVerdict {
  /** The verdict is "material". */
  material: boolean;
  /** material, non-material, or needs review: a reason exists but is not sure enough to decide alone. */
  verdict: 'material' | 'non-material' | 'review';
  /** How sure the verdict is, 0 to 1. */
  confidence: number;
  /** + widens, - narrows, +- both, 0 neither. */
  direction: '+' | '-' | '+-' | '0';
  reasons: ProseReason[];
  /** For a change that is not material: what kinds of edit it is made of. */
  nonMaterial: string[];
  diff: ProseDiff;
}

/** Options of {@link classifyProse}. */
export interface ProseOptions {
  /**
   * Reasons at least this sure make a change material; weaker ones send it to review.
   * Chosen by leave-one-service-out tuning on the corpus (docs/prose-classification.md).
   */
  threshold?: number;
}

/** The threshold the leave-one-service-out tuning picks on the corpus: see docs/benchmarks.md. */
export const defaultThreshold = 0.7;

/**
 * Is a change between two policy texts material? The language pipeline reads each sentence
 * the edit adds or drops into a processing fact (action, data, recipient, purpose, period,
 * condition); the change is material when a fact's slot gains or loses a value that the
 * other version does not state with the same action anywhere. Tables of figures, names of
 * people, dates, headings, links and contact details state no processing and never count.
 */
export function classifyProse(beforeText: string, afterText: string, options: ProseOptions = {}): ProseVerdict {
  const threshold = options.threshold ?? defaultThreshold;
  const diff = diffProse(beforeText, afterText);
  if (diff.changes.length === 0) return { material: false, verdict: 'non-material', confidence: 1, direction: '0', reasons: [], nonMaterial: ['formatting or markup only'], diff };
  // The two versions share most lines: each distinct line is split into folded sentences once.
  const lineSentences = new Map<string, string[]>();
  const before = documentOf(beforeText, lineSentences);
  const after = documentOf(afterText, lineSentences);
  const reasons: ProseReason[] = [];
  // What each change's new and dropped sentences are made of, read only if the change is not material.
  const edited: [added: string[], removed: string[]][] = [];
  let processingTouched = false;
  // The same sentence is keyed several times (its block's parts, its fact, its pairing): once is enough.
  const keys = new Map<string, string>();
  const keyOf = (sentence: string) => {
    let key = keys.get(sentence);
    if (key === undefined) keys.set(sentence, (key = sentenceKey(sentence)));
    return key;
  };

  for (const change of diff.changes) {
    // Only the sentences an edited block changes are read by the model: the others state the same facts.
    const [afterText, beforeText] = change.op === 'changed' ? changedParts(change.after.text, change.before.text, keyOf) : [change.op === 'added' ? change.after.text : '', change.op === 'removed' ? change.before.text : ''];
    const added = change.op === 'removed' ? [] : factsOfBlock(afterText, { line: change.after.line, leadIn: leadIn(after, change.after.line), head: firstCell(after, change.after.line) });
    const removed = change.op === 'added' ? [] : factsOfBlock(beforeText, { line: change.before.line, leadIn: leadIn(before, change.before.line), head: firstCell(before, change.before.line) });
    // A sentence found on both sides is no change; an added or dropped block has one side only, and nothing to key.
    const beforeKeys = new Set(added.length === 0 ? [] : removed.map((fact) => keyOf(fact.sentence)));
    const afterKeys = new Set(removed.length === 0 ? [] : added.map((fact) => keyOf(fact.sentence)));
    const newFacts = beforeKeys.size === 0 ? added : added.filter((fact) => !beforeKeys.has(keyOf(fact.sentence)));
    const oldFacts = afterKeys.size === 0 ? removed : removed.filter((fact) => !afterKeys.has(keyOf(fact.sentence)));
    if ([...newFacts, ...oldFacts].some((fact) => fact.processing)) processingTouched = true;
    const pairs = pairUp(newFacts, oldFacts, keyOf);
    for (const fact of newFacts) reasons.push(...compare(fact, pairs.get(fact), 'added', before));
    const reverse = new Map([...pairs].map(([next, previous]) => [previous, next]));
    for (const fact of oldFacts) reasons.push(...compare(fact, reverse.get(fact), 'removed', after));
    edited.push([newFacts.map((fact) => fact.sentence), oldFacts.map((fact) => fact.sentence)]);
  }

  const unique = dedupeReasons(reasons);
  const confidence = Math.max(0, ...unique.map((reason) => reason.confidence));
  const verdict = unique.length === 0 ? 'non-material' : confidence >= threshold ? 'material' : 'review';
  const counted = verdict === 'material' ? unique.filter((reason) => reason.confidence >= threshold) : unique;
  const widens = counted.some((reason) => reason.direction === '+');
  const narrows = counted.some((reason) => reason.direction === '-');
  return {
    material: verdict === 'material',
    verdict,
    confidence: verdict === 'non-material' ? (processingTouched ? 0.8 : 0.95) : confidence,
    direction: verdict === 'non-material' ? '0' : widens && narrows ? '+-' : widens ? '+' : narrows ? '-' : '0',
    reasons: unique,
    nonMaterial: verdict === 'material' ? [] : [...new Set(edited.flatMap(([added, removed]) => editKinds(added, removed)))],
    diff,
  };
}

/** One version, prepared for "does it state this anywhere?". */
interface PolicyText {
  raw: string;
  lines: string[];
  /** Folded sentences, split cheaply: only searched, never read by the model. */
  readonly sentences: string[];
  /** Concept id → the sentences mentioning it, filled on demand. */
  byConcept: Map<string, string[]>;
  /** Named party → whether the text names it. */
  names: Map<string, boolean>;
  /** Value, actions and data of a statement → whether some sentence states it ({@link statedElsewhere}). */
  stated: Map<string, boolean>;
  /** Action or concept id → sentence → whether the sentence uses the action or mentions the concept ({@link uses}, {@link mentionsIn}). */
  asked: Map<string, Map<string, boolean>>;
  /** The sentences that keep or erase data, found on first use. */
  keeping: string[] | undefined;
  /** The sentences joined by line breaks, and where each ends, for one search over all of them; made on first use. */
  joined: { text: string; ends: number[] } | undefined;
}

/**
 * The other version's sentences that mention a concept, indexed on first use in one pass over
 * all of them, joined by line breaks (half the time of a pass per sentence): a folded sentence
 * holds none, no term matches one, and a term's word boundaries hold at one as at the ends of a
 * sentence, so each sentence's mentions are what a pass over it alone would find.
 */
function sentencesMentioning(text: PolicyText, id: string): string[] {
  if (text.byConcept.size === 0) {
    const sentences = text.sentences;
    const { text: joined, ends } = joinedSentences(text);
    let at = 0;
    const lastSentence = new Map<string, number>();
    for (const mention of mentionsFolded(joined)) {
      while (ends[at]! < mention.index) at++;
      const concept = mention.concept.id;
      if (lastSentence.get(concept) === at) continue;
      lastSentence.set(concept, at);
      const list = text.byConcept.get(concept);
      if (list) list.push(sentences[at]!);
      else text.byConcept.set(concept, [sentences[at]!]);
    }
    text.byConcept.set('', []);
  }
  return text.byConcept.get(id) ?? [];
}

/** The version's sentences joined by line breaks (no folded sentence holds one), and the place of each one's end. */
function joinedSentences(text: PolicyText): { text: string; ends: number[] } {
  if (!text.joined) {
    const ends: number[] = [];
    let end = -1;
    for (const sentence of text.sentences) ends.push((end += sentence.length + 1));
    text.joined = { text: text.sentences.join('\n'), ends };
  }
  return text.joined;
}

/** A version of the text; `lineSentences` caches each line's folded sentences, shared between the two versions. */
function documentOf(text: string, lineSentences: Map<string, string[]>): PolicyText {
  const lines = text.split(/\r?\n|\r/);
  let sentences: string[] | undefined;
  return {
    raw: text,
    lines,
    // Most edits are judged without searching the other version: split it only when asked.
    get sentences() {
      if (!sentences) {
        sentences = [];
        for (const line of lines) {
          let split = lineSentences.get(line);
          if (!split) lineSentences.set(line, (split = foldForMatching(plainInline(line)).split(/(?<=[.!?;])\s+/).filter((sentence) => sentence.length > 0)));
          for (const sentence of split) sentences.push(sentence);
        }
      }
      return sentences;
    },
    byConcept: new Map(),
    names: new Map(),
    stated: new Map(),
    asked: new Map(),
    keeping: undefined,
    joined: undefined,
  };
}

const listLine = /^\s*(?:[*+-]|\d{1,3}[.)])\s+|^\s*\|/;

/** For a list item or table row: the paragraph that introduces the list (its lead-in). */
function leadIn(text: PolicyText, line: number): string | undefined {
  const own = text.lines[line - 1];
  if (own === undefined || !listLine.test(own)) return undefined;
  for (let index = line - 2, seen = 0; index >= 0 && seen < 80; index--, seen++) {
    const candidate = text.lines[index]!;
    if (candidate.trim() === '' || listLine.test(candidate) || /^\s*[-=|:\s]+$/.test(candidate)) continue;
    // The lead-in paragraph may span lines: collect it back to its blank line.
    const paragraph: string[] = [];
    for (let back = index; back >= 0 && text.lines[back]!.trim() !== '' && !listLine.test(text.lines[back]!); back--) paragraph.unshift(text.lines[back]!);
    return plainInline(paragraph.join(' ').replace(/^#+\s*/, ''));
  }
  return undefined;
}

/** The first cell of a list item or table row as written: "Metronome" of "* Metronome | Billing | United States". */
function firstCell(text: PolicyText, line: number): string | undefined {
  const own = text.lines[line - 1];
  if (own === undefined || !listLine.test(own)) return undefined;
  const cells = own.replace(/^\s*(?:[*+-]|\d{1,3}[.)])\s+/, '').split('|').map((cell) => plainInline(cell)).filter(Boolean);
  return cells.length > 1 ? cells[0] : undefined;
}

/** The parts of two versions of a block that differ, split roughly at sentence ends (the model splits them again). */
function changedParts(next: string, previous: string, keyOf: (sentence: string) => string): [string, string] {
  const split = (text: string) => text.split(/(?<=[.!?])\s+(?=[\p{Lu}"“(])/u);
  const a = split(next);
  const b = split(previous);
  const aKeys = new Set(a.map(keyOf));
  const bKeys = new Set(b.map(keyOf));
  return [a.filter((part) => !bKeys.has(keyOf(part))).join(' '), b.filter((part) => !aKeys.has(keyOf(part))).join(' ')];
}

/** A sentence's words, folded, one space between: what two sentences must share to be the same one. */
function sentenceKey(sentence: string): string {
  const folded = foldForMatching(sentence);
  // On ASCII text the Unicode classes hold exactly the ASCII letters and digits; their pattern costs more to build.
  return (/[^\x00-\x7f]/.test(folded) ? folded.replace(/[^\p{L}\p{N}]+/gu, ' ') : folded.replace(/[^a-zA-Z0-9]+/g, ' ')).trim();
}

/** Pair each new sentence with the dropped sentence it most resembles (an edit of it), if any. */
function pairUp(added: ProcessingFact[], removed: ProcessingFact[], keyOf: (sentence: string) => string): Map<ProcessingFact, ProcessingFact> {
  const pairs = new Map<ProcessingFact, ProcessingFact>();
  const taken = new Set<ProcessingFact>();
  if (added.length === 0 || removed.length === 0) return pairs;
  const cache = new Map<ProcessingFact, Set<string>>();
  const words = (fact: ProcessingFact) => {
    let set = cache.get(fact);
    if (!set) cache.set(fact, (set = new Set(keyOf(fact.sentence).split(' '))));
    return set;
  };
  for (const next of added) {
    const a = words(next);
    let best: ProcessingFact | undefined;
    let bestScore = 0.5;
    for (const previous of removed) {
      if (taken.has(previous)) continue;
      const b = words(previous);
      const shared = [...a].filter((word) => b.has(word)).length;
      const score = (2 * shared) / (a.size + b.size);
      if (score >= bestScore) {
        best = previous;
        bestScore = score;
      }
    }
    if (best) {
      pairs.set(next, best);
      taken.add(best);
    }
  }
  return pairs;
}

type Slot = 'data' | 'tracking' | 'recipients' | 'purposes' | 'transfers';
const slotKind: Record<Slot, FactKind> = { data: 'data', tracking: 'tracking', recipients: 'recipient', purposes: 'purpose', transfers: 'transfer' };
const slotWords: Record<Slot, string> = { data: 'personal data', tracking: 'a tracking technology', recipients: 'a recipient', purposes: 'a purpose', transfers: 'a transfer mechanism' };

/**
 * The reasons one added (or dropped) sentence gives, against the sentence it replaces
 * (`counterpart`, if it is an edit of one) and against the whole other version.
 */
function compare(fact: ProcessingFact, counterpart: ProcessingFact | undefined, change: 'added' | 'removed', other: PolicyText): ProseReason[] {
  const reasons: ProseReason[] = [];
  const sign = (negated: boolean): '+' | '-' => ((change === 'added') !== negated ? '+' : '-');
  const denied = fact.actions.length > 0 && fact.actions.every((action) => action.negated);
  const summary = describeFact(fact);
  const push = (kind: FactKind, term: string, why: string, confidence: number, direction: '+' | '-' | '0', how: ProseReason['change'] = change) =>
    reasons.push({ kind, term, change: how, sentence: fact.sentence, line: fact.line, why, fact: summary, confidence, direction });
  const verb = change === 'added' ? 'now states' : 'no longer states';

  // Transfer mechanisms count in any sentence: "complies with the Data Privacy Framework" states the basis of transfers.
  for (const value of fact.transfers) {
    if (has(counterpart, 'transfers', value) || mentionedAnywhere(other, value)) continue;
    push('transfer', value.label, `The policy ${verb} ${slotWords.transfers} it did not ${change === 'added' ? 'name before' : 'drop elsewhere'}: "${value.label}".`, 0.9, '0');
  }
  // Tracking technologies and opt-out signals count in any sentence ("we will treat Global Privacy Control as an opt-out").
  if (!fact.processing) {
    for (const value of fact.tracking) {
      if (has(counterpart, 'tracking', value) || mentionedAnywhere(other, value)) continue;
      push('tracking', value.label, `The policy ${change === 'added' ? 'now speaks of' : 'no longer speaks of'} ${slotWords.tracking} it ${change === 'added' ? 'did not mention before' : 'mentions nowhere else'}: "${value.label}".`, 0.75, '0');
    }
  }
  for (const value of fact.ages) {
    if (has(counterpart, 'ages', value) || otherStatesAge(other, value)) continue;
    const previous = counterpart?.ages.find((age) => age.key !== value.key);
    if (change === 'added' && previous) {
      const lower = Number(value.key.slice(4)) < Number(previous.key.slice(4));
      push('children', `${previous.label} → ${value.label}`, `The age threshold for children changed from ${previous.label.slice(4)} to ${value.label.slice(4)}.`, 0.9, lower ? '+' : '-', 'changed');
    } else if (!counterpart) push('children', value.label, `A sentence about children ${change === 'added' ? 'now sets' : 'no longer sets'} the threshold ${value.label}.`, 0.8, '0');
  }
  if (!fact.processing) return reasons;

  const what = fact.actions.map((action) => action.word.toLowerCase()).join('/') || (fact.listed === 'recipients' ? 'share' : 'collect');
  for (const slot of ['data', 'tracking', 'recipients', 'purposes'] as const) {
    for (const value of fact[slot]) {
      if (has(counterpart, slot, value) || statedElsewhere(other, fact, value)) continue;
      const named = value.key.startsWith('name:');
      // A name shaped like a person's ("Jane Doe") is more likely a contact than a recipient: review.
      const confidence = value.person ? 0.5 : named ? (fact.listed ? 0.8 : 0.85) : 0.9;
      const where = fact.listed ? ` (an item of a list introduced by a statement that data is ${fact.listed === 'recipients' ? 'shared' : 'collected'})` : '';
      const no = denied || isDenied(fact, value);
      push(slotKind[slot], value.label, `A statement that data is ${no ? 'not ' : ''}${what === 'share' ? 'shared' : `processed (${what})`} ${change === 'added' ? 'now names' : 'no longer names'} ${slotWords[slot]}, "${value.label}", that the ${change === 'added' ? 'previous' : 'new'} version does not state with that action${where}.`, confidence, sign(no));
    }
  }

  // A named party swapped for another in an otherwise identical sentence: a rename, or a new company.
  const addedNames = reasons.filter((reason) => reason.kind === 'recipient' && fact.recipients.some((value) => value.key === `name:${reason.term}`));
  const droppedNames = counterpart ? counterpart.recipients.filter((value) => value.key.startsWith('name:') && !fact.recipients.some((mine) => mine.key === value.key)) : [];
  const cameNames = counterpart ? fact.recipients.filter((value) => value.key.startsWith('name:') && !counterpart.recipients.some((theirs) => theirs.key === value.key)) : [];
  // The added side reports a swap; the removed side stays silent about it.
  if (change === 'removed' && droppedNames.length === 1 && cameNames.length === 1 && reasons.every((reason) => reason.kind === 'recipient')) return [];
  if (counterpart && addedNames.length === 1 && reasons.length === 1) {
    const gone = counterpart.recipients.filter((value) => value.key.startsWith('name:') && !fact.recipients.some((mine) => mine.key === value.key));
    if (gone.length === 1 && !otherMentionsName(other, fact.recipients.find((value) => value.key === `name:${addedNames[0]!.term}`)!)) {
      reasons.length = 0;
      if (change === 'added') push('recipient', `${gone[0]!.label} → ${addedNames[0]!.term}`, `The named party changed from "${gone[0]!.label}" to "${addedNames[0]!.term}" in an otherwise identical sentence: a rename of the same company, or a different company. The text alone cannot tell.`, 0.5, '0', 'changed');
      return reasons;
    }
  }

  // Combinations: data already collected, now also shared with a recipient or used for a purpose.
  if (reasons.length === 0 && !denied) {
    for (const data of fact.data) {
      for (const [slot, partner] of [['recipients', fact.recipients], ['purposes', fact.purposes]] as const) {
        for (const value of partner) {
          if (value.key.startsWith('name:') || (counterpart && has(counterpart, slot, value) && has(counterpart, 'data', data))) continue;
          if (isDenied(fact, data) || isDenied(fact, value)) continue;
          if (sentencesMentioning(other, data.key).some((sentence) => mentionsIn(other, sentence, value.key))) continue;
          push(slotKind[slot], `${data.label} → ${value.label}`, `${change === 'added' ? 'New' : 'Dropped'} pairing: "${data.label}" ${slot === 'recipients' ? 'given to' : 'used for'} "${value.label}", which no sentence of the ${change === 'added' ? 'previous' : 'new'} version states together.`, 0.7, sign(false));
        }
      }
    }
  }

  // Retention: the period of keeping or deleting changed.
  const periods = fact.periods.filter((value) => !has(counterpart, 'periods', value));
  if (periods.length > 0) {
    const previous = counterpart?.periods.filter((value) => !fact.periods.some((mine) => mine.key === value.key)) ?? [];
    if (change === 'added' && previous.length > 0) {
      const longer = Number(periods[0]!.key.slice(7)) > Number(previous[0]!.key.slice(7));
      push('retention', `${previous.map((value) => value.label).join(', ')} → ${periods.map((value) => value.label).join(', ')}`, `How long data is kept changed: "${previous[0]!.label}" became "${periods[0]!.label}".`, 0.9, longer ? '+' : '-', 'changed');
    } else if (!counterpart || previous.length === 0) {
      for (const value of periods) {
        if (otherStatesPeriod(other, value)) continue;
        push('retention', value.label, `A statement about keeping or deleting data ${change === 'added' ? 'now gives' : 'no longer gives'} the period "${value.label}".`, 0.85, '0');
      }
    }
  }

  if (counterpart) {
    // A promise withdrawn or made: "does not sell or share" became "does not sell".
    const states = (candidate: ProcessingFact) => new Set(candidate.actions.map((action) => `${action.id}|${action.negated}`));
    const mine = states(fact);
    const theirs = states(counterpart);
    if (change === 'added') {
      for (const action of fact.actions) {
        if (theirs.has(`${action.id}|${action.negated}`) || !theirs.has(`${action.id}|${!action.negated}`)) continue;
        push('action', `${action.negated ? '' : 'not '}${action.word} → ${action.negated ? 'not ' : ''}${action.word}`, `The sentence ${action.negated ? 'now denies' : 'no longer denies'} that data is ${action.word}.`, 0.85, action.negated ? '-' : '+', 'changed');
      }
    }
    for (const action of fact.actions) {
      if (!action.negated || mine.size === 0 || theirs.has(`${action.id}|true`) || theirs.has(`${action.id}|false`)) continue;
      push('action', `not ${action.word}`, change === 'removed' ? `The promise that data is not ${action.word} was dropped.` : `A new promise that data is not ${action.word}.`, 0.85, change === 'removed' ? '+' : '-');
    }
    // The condition under which processing happens changed ("unless marked as false positives or missed spam").
    const added = [...new Set(fact.condition.filter((phrase) => !phrase.startsWith('to ') && phrase.split(' ').some((word) => !counterpart.lemmas.includes(word))))];
    if (added.length > 0 && change === 'added' && (fact.data.length > 0 || fact.recipients.length > 0 || fact.periods.length > 0 || fact.objects.length > 0)) {
      push('condition', added.join(', '), `The condition under which data is ${what} now also speaks of: ${added.join(', ')}.`, 0.75, fact.actions.some((action) => action.negated) ? '+' : '0', 'changed');
    }
  }

  // What the action is done to, when no vocabulary concept names it ("categories of things you search for").
  if (reasons.length === 0 && !denied) {
    const fresh = fact.objects.filter((noun) => !counterpart?.lemmas.includes(noun) && !otherStatesObject(other, fact, noun));
    if (fresh.length > 0) push('data', fact.objectPhrase, `A statement that data is ${what} ${change === 'added' ? 'now covers' : 'no longer covers'} "${fact.objectPhrase}" (new: ${fresh.join(', ')}), which the ${change === 'added' ? 'previous' : 'new'} version does not state with that action. No vocabulary concept names it: please check.`, 0.6, sign(denied));
  }
  // A new case in which data already processed is processed: "if you subscribe to a site, we share your email address with its owner".
  if (!counterpart && change === 'added' && !denied && fact.condition.length > 0 && fact.data.length > 0 && reasons.length === 0) {
    // The event is in the clause's verbs ("follow", "subscribe"); its nouns often only name the product.
    const verbs = fact.condition.filter((phrase) => phrase.startsWith('to ')).map((phrase) => phrase.slice(3));
    const words = (verbs.length > 0 ? verbs : fact.condition.flatMap((phrase) => phrase.split(' '))).filter((word) => word.length > 3);
    const actions = fact.actions.map((action) => action.id);
    const known = fact.data.some((data) => sentencesMentioning(other, data.key).some((sentence) => actions.some((id) => uses(other, sentence, id)) && words.some((word) => sentence.includes(word.slice(0, 5)))));
    const condition = fact.condition.map((phrase) => phrase.replace(/^to /, '')).join(', ');
    if (!known && words.length > 0) push('condition', condition, `A new case in which ${fact.data.map((data) => `"${data.label}"`).join(', ')} is ${what}: if ${condition}. The previous version states no such case with that action and data.`, 0.7, '+', 'added');
  }

  return reasons;
}

/** Is the value in the scope of a negation ("will not use it for ... advertising")? */
function isDenied(fact: ProcessingFact, value: FactValue): boolean {
  const last = value.label.toLowerCase().split(/\s+/).pop() ?? '';
  return fact.negatedWords.includes(last);
}

/** A fact in short: "not share: email address → site owner, for advertising, 18 months, if subscribe". */
function describeFact(fact: ProcessingFact): string {
  const labels = (values: readonly FactValue[]) => values.map((value) => value.label).join(', ');
  const actions = [...new Set(fact.actions.map((action) => `${action.negated ? 'not ' : ''}${action.word.toLowerCase()}`))].join('/') || (fact.listed === 'recipients' ? 'share (listed)' : fact.listed === 'data' ? 'collect (listed)' : 'states');
  const data = labels([...fact.data, ...fact.tracking]) || fact.objectPhrase;
  const parts = [`${actions}${data ? `: ${data}` : ''}${fact.recipients.length > 0 ? ` → ${labels(fact.recipients)}` : ''}`];
  if (fact.purposes.length > 0) parts.push(`for ${labels(fact.purposes)}`);
  if (fact.periods.length > 0) parts.push(labels(fact.periods));
  if (fact.transfers.length > 0) parts.push(`under ${labels(fact.transfers)}`);
  if (fact.ages.length > 0) parts.push(labels(fact.ages));
  if (fact.condition.length > 0) parts.push(`if ${fact.condition.map((phrase) => phrase.replace(/^to /, '')).join(', ')}`);
  return parts.join(', ');
}

function has(fact: ProcessingFact | undefined, slot: keyof ProcessingFact, value: FactValue): boolean {
  return fact !== undefined && (fact[slot] as FactValue[]).some((candidate) => candidate.key === value.key);
}

/** Does the other version mention the value anywhere (transfer mechanisms, names)? */
function mentionedAnywhere(other: PolicyText, value: FactValue): boolean {
  if (value.key.startsWith('name:')) return otherMentionsName(other, value);
  return sentencesMentioning(other, value.key).length > 0;
}

function otherMentionsName(other: PolicyText, value: FactValue): boolean {
  const cached = other.names.get(value.key);
  if (cached !== undefined) return cached;
  const found = namesWholeWord(other.raw, value.key.slice(5));
  other.names.set(value.key, found);
  return found;
}

/** Does the other version state this value with one of the fact's actions, in some sentence? */
function statedElsewhere(other: PolicyText, fact: ProcessingFact, value: FactValue): boolean {
  if (value.key.startsWith('name:')) return otherMentionsName(other, value);
  const actions = fact.actions.map((action) => action.id);
  // A purpose or recipient is the same fact only about the same data: "keep search queries to improve the index" is not "improve our service".
  const data = fact.data.some((candidate) => candidate.key === value.key) ? [] : fact.data.map((candidate) => candidate.key);
  // Sentences of a long edit state the same value, actions and data many times over: each is looked for once.
  const key = `${value.key}\n${actions.join(' ')}\n${data.join(' ')}`;
  let stated = other.stated.get(key);
  if (stated === undefined) {
    stated = sentencesMentioning(other, value.key).some(
      (sentence) => (actions.length === 0 || actions.some((id) => uses(other, sentence, id))) && (data.length === 0 || data.some((id) => mentionsIn(other, sentence, id))),
    );
    other.stated.set(key, stated);
  }
  return stated;
}

function otherStatesObject(other: PolicyText, fact: ProcessingFact, noun: string): boolean {
  const actions = fact.actions.map((action) => action.id);
  const states = (sentence: string) => actions.length === 0 || actions.some((id) => uses(other, sentence, id));
  // One search of all the sentences joined, rather than one per sentence: a noun without a line
  // break starts a word of the joined text where it starts one of a sentence.
  const { text, ends } = joinedSentences(other);
  const starts = noun.includes('\n') ? undefined : wordStartsOf(text, noun);
  if (!starts) return other.sentences.some((sentence) => startsWord(sentence, noun) && states(sentence));
  let at = 0;
  let asked = -1;
  for (const start of starts) {
    while (ends[at]! < start) at++;
    if (at === asked) continue;
    asked = at;
    if (states(other.sentences[at]!)) return true;
  }
  return false;
}

/** {@link usesAction} for a sentence of a version, remembered: a long edit asks it of the same sentences again and again. */
function uses(text: PolicyText, sentence: string, id: string): boolean {
  return remembered(text, `action ${id}`, sentence, () => usesAction(sentence, id));
}

/** {@link mentionsConceptFolded} for a sentence of a version, remembered. */
function mentionsIn(text: PolicyText, sentence: string, id: string): boolean {
  return remembered(text, `concept ${id}`, sentence, () => mentionsConceptFolded(sentence, id));
}

function remembered(text: PolicyText, question: string, sentence: string, answer: () => boolean): boolean {
  let answers = text.asked.get(question);
  if (!answers) text.asked.set(question, (answers = new Map()));
  let known = answers.get(sentence);
  if (known === undefined) answers.set(sentence, (known = answer()));
  return known;
}

function otherStatesPeriod(other: PolicyText, value: FactValue): boolean {
  const days = Number(value.key.slice(7));
  other.keeping ??= other.sentences.filter((sentence) => uses(other, sentence, 'action:store') || uses(other, sentence, 'action:erase'));
  return other.keeping.some((sentence) => periodsIn(sentence).some((period) => Math.abs(period.days - days) < 0.5));
}

function otherStatesAge(other: PolicyText, value: FactValue): boolean {
  const age = value.key.slice(4);
  return sentencesMentioning(other, 'children:child').some((sentence) => new RegExp(`(?<!\\d)${age}(?!\\d)`).test(sentence));
}

/** The same slot value from two sentences of one block (a list re-flowed) counts once. */
function dedupeReasons(reasons: ProseReason[]): ProseReason[] {
  const seen = new Set<string>();
  return reasons.filter((reason) => {
    const key = `${reason.kind}|${reason.term}|${reason.change}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a non-material edit is made of: dates, links, contact details, statistics or wording. */
function editKinds(added: readonly string[], removed: readonly string[]): string[] {
  const strip = (text: string) =>
    text
      .replace(/\b(january|february|march|april|may|june|july|august|september|october|november|december)\b/gi, ' ')
      .replace(/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[-/]\w{2,3}[-/]\d{2,4}\b/g, ' ')
      .replace(/https?:\/\/\S+|\bwww\.\S+/g, ' ')
      .replace(/[\w.+-]+@[\w-]+\.[\w.]+/g, ' ')
      .replace(/\+?\d[\d\s().-]{6,}\d/g, ' ')
      .replace(/\d+/g, ' ')
      .replace(/\W+/g, ' ')
      .trim()
      .toLowerCase();
  const kinds = new Set<string>();
  const joinedA = added.join(' ');
  const joinedR = removed.join(' ');
  if (/\b(january|february|march|april|may|june|july|august|september|october|november|december)\b|\d{4}-\d{2}-\d{2}/i.test(joinedA + joinedR)) kinds.add('dates');
  if (/[\w.+-]+@[\w-]+\.\w+|\+?\d[\d\s().-]{6,}\d/.test(joinedA + joinedR)) kinds.add('contact details');
  if (/\d/.test(joinedA + joinedR)) kinds.add('numbers or statistics');
  if (strip(joinedA) !== strip(joinedR)) kinds.add('wording');
  if (kinds.size === 0) kinds.add('links or markup');
  return [...kinds];
}
