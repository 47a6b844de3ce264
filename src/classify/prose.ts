import { diffProse, type ProseChange, type ProseDiff } from '../diff/prose.ts';
import { factIndex, factsOf, splitSentences, type Fact } from './facts.ts';
import { negation, processingVerbs, rightsContext, stopwords, type FactKind } from './lexicon.ts';

/** One reason a prose change is material: a fact a changed sentence adds or drops. */
export interface ProseReason {
  kind: FactKind;
  term: string;
  change: 'added' | 'removed';
  sentence: string;
  /** Line of the sentence's block in the file it comes from (after for added, before for removed). */
  line: number;
}

/** The verdict on a prose change: material or not, which way, and why. */
export interface ProseVerdict {
  material: boolean;
  /** + widens, - narrows, +- both, 0 neither. */
  direction: '+' | '-' | '+-' | '0';
  reasons: ProseReason[];
  /** For a non-material change: what kinds of edit it is made of. */
  nonMaterial: string[];
  diff: ProseDiff;
}

/**
 * Is a change between two policy texts material? Explainable rules, no model: a changed
 * sentence is material when it states a fact (a data element, recipient, purpose, transfer,
 * tracking technology, age, access rule or retention period) that the other version states
 * nowhere. Rewording, moving text, dates, links, contact details, statistics and re-rendered
 * markup keep the facts and so stay non-material; a name swapped for another in an otherwise
 * identical sentence is a rename.
 */
export function classifyProse(beforeText: string, afterText: string): ProseVerdict {
  const diff = diffProse(beforeText, afterText);
  if (diff.changes.length === 0) return { material: false, direction: '0', reasons: [], nonMaterial: ['formatting or markup only'], diff };
  const before = factIndex(beforeText);
  const after = factIndex(afterText);
  const reasons: ProseReason[] = [];
  const edits = new Set<string>();

  const beforeWords = wordSet(beforeText);
  const afterWords = wordSet(afterText);
  for (const change of diff.changes) {
    if (change.op === 'changed') newPhrases(change, beforeWords, afterWords, reasons);
    const { added, removed } = changedSentences(change);
    const renamed = renames(added, removed);
    for (const sentence of added) consider(sentence.text, sentence.line, 'added', before, renamed);
    for (const sentence of removed) consider(sentence.text, sentence.line, 'removed', after, renamed);
    for (const kind of editKinds(added.map((sentence) => sentence.text), removed.map((sentence) => sentence.text))) edits.add(kind);
  }

  function consider(sentence: string, line: number, change: 'added' | 'removed', other: ReturnType<typeof factIndex>, renamed: Set<string>) {
    if (pointer.test(sentence)) return;
    const rights = rightsContext.test(sentence);
    for (const fact of factsOf(sentence)) {
      const key = `${fact.kind}:${fact.term}`;
      if (other.keys.has(key) || renamed.has(key)) continue;
      // A name may appear in the other version in another form of sentence: only count it if absent.
      if (fact.term.startsWith('name:') && other.lower.includes(fact.term.slice(5).toLowerCase())) continue;
      if (rights || !relevant(fact, sentence)) continue;
      reasons.push({ kind: fact.kind, term: fact.term.replace(/^name:/, ''), change, sentence, line });
    }
  }

  // A sentence already explained by a named fact needs no vaguer "scope" reason too.
  const explained = new Set(reasons.filter((reason) => reason.kind !== 'scope').map((reason) => reason.sentence));
  for (let index = reasons.length - 1; index >= 0; index--) if (reasons[index]!.kind === 'scope' && explained.has(reasons[index]!.sentence)) reasons.splice(index, 1);

  const widens = reasons.some((reason) => (reason.change === 'added') !== negation.test(reason.sentence));
  const narrows = reasons.some((reason) => (reason.change === 'removed') !== negation.test(reason.sentence));
  const direction = reasons.length === 0 ? '0' : widens && narrows ? '+-' : widens ? '+' : '-';
  return { material: reasons.length > 0, direction, reasons, nonMaterial: reasons.length > 0 ? [] : [...edits], diff };
}

/** Names, and bare verbs like "share", count only in a sentence about processing. */
function relevant(fact: Fact, sentence: string): boolean {
  if (fact.kind === 'access' || fact.kind === 'source') return false;
  if (fact.term.startsWith('name:')) {
    // A list item that is only a name ("Shaw") names a party in a list of them.
    if (sentence.split(/\s+/).length <= 5) return true;
    return /\b(share|shared|sharing|disclose|provide|provided|send|sent|transfer|process|processed|processor|provider|providers|vendor|partner|service|services|third part|receive|receives|received|hosted|host|store|stored|use|uses|used|with)\b/i.test(sentence);
  }
  return true;
}

/** "Learn more about ...", "See our ...": a pointer to other text, not a statement of processing. */
const pointer = /^\s*(learn more|read more|see|for more information|more information|find out more|click here)\b/i;
/** Number words: a change of them is a statistic. */
const quantities = /^(hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|percent)$/;

/** Every word (4+ letters, lower-case) of a text. */
function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
}

/**
 * Words added to (or dropped from) a sentence that says what is done with data, naming
 * something the other version never mentions ("comments reported as false positives or
 * missed spam are stored"): the scope of the processing changed though no listed term did.
 */
function newPhrases(change: Extract<ProseChange, { op: 'changed' }>, beforeWords: Set<string>, afterWords: Set<string>, reasons: ProseReason[]): void {
  for (const [op, text, other, line] of [
    ['added', change.after.text, beforeWords, change.after.line],
    ['removed', change.before.text, afterWords, change.before.line],
  ] as const) {
    if (!processingVerbs.test(text) || rightsContext.test(text)) continue;
    for (const word of change.words) {
      if (word.op !== op || pointer.test(word.text)) continue;
      // Common nouns only: names are judged as names (renames included), numbers as statistics.
      // A new verb ("receives" for "shares") rewords; a new noun widens or narrows the scope.
      const fresh = (word.text.match(/(?<![\p{L}])\p{Ll}{4,}/gu) ?? []).filter(
        (candidate) => !stopwords.has(candidate) && !quantities.test(candidate) && !processingVerbs.test(candidate) && !other.has(candidate),
      );
      if (fresh.length > 0) {
        const sentence = splitSentences(text).find((candidate) => candidate.includes(word.text.trim())) ?? text;
        reasons.push({ kind: 'scope', term: word.text, change: op, sentence, line });
      }
    }
  }
}

interface Sentence {
  text: string;
  line: number;
}

/** The sentences a block change adds and removes (a reworded block keeps its unchanged sentences). */
function changedSentences(change: ProseChange): { added: Sentence[]; removed: Sentence[] } {
  const split = (text: string, line: number) => splitSentences(text).map((sentence) => ({ text: sentence, line }));
  if (change.op === 'added') return { added: split(change.after.text, change.after.line), removed: [] };
  if (change.op === 'removed') return { added: [], removed: split(change.before.text, change.before.line) };
  const a = split(change.before.text, change.before.line);
  const b = split(change.after.text, change.after.line);
  const key = (sentence: Sentence) => sentence.text.toLowerCase().replace(/\s+/g, ' ');
  const beforeKeys = new Set(a.map(key));
  const afterKeys = new Set(b.map(key));
  return { added: b.filter((sentence) => !beforeKeys.has(key(sentence))), removed: a.filter((sentence) => !afterKeys.has(key(sentence))) };
}

/**
 * Names swapped one for one in sentences that are otherwise the same ("Adzerk" became
 * "Kevel"): a rename, not a new recipient. Returns the fact keys of both names.
 */
function renames(added: readonly Sentence[], removed: readonly Sentence[]): Set<string> {
  const renamed = new Set<string>();
  for (const next of added) {
    for (const previous of removed) {
      const a = previous.text.split(/\s+/);
      const b = next.text.split(/\s+/);
      let head = 0;
      while (head < a.length && head < b.length && a[head] === b[head]) head++;
      let tail = 0;
      while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
      const gone = a.slice(head, a.length - tail).join(' ');
      const come = b.slice(head, b.length - tail).join(' ');
      if (gone && come && /^[A-Z]/.test(gone) && /^[A-Z]/.test(come) && gone.split(' ').length <= 4 && come.split(' ').length <= 4) {
        for (const fact of [...factsOf(gone), ...factsOf(` ${come}`), ...factsOf(` ${gone}`)]) renamed.add(`${fact.kind}:${fact.term}`);
        renamed.add(`recipient:name:${gone.replace(/[.,;:]$/, '')}`);
        renamed.add(`recipient:name:${come.replace(/[.,;:]$/, '')}`);
      }
    }
  }
  return renamed;
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
