import type { Audience, ClassifiedChange } from '../model/change.generated.ts';
import type { PolicyDocument } from '../model/policy.generated.ts';
import { humanDuration } from '../model/duration.ts';
import { escapeHtml, longDate } from './text.ts';

/** The parts of a released version a message is written from: its front matter and declarations. */
export type NoticeDocument = Pick<PolicyDocument, 'meta' | 'declarations'>;

/** A notice tells users about changes; a consent request asks them for permission. */
export type NoticeKind = 'notice' | 'consent';

/** Where a message links to. */
export interface NoticeLinks {
  /** The new version of the policy. */
  policy: string;
  /** Its change page: the classified changes and the redline. */
  changes: string;
  /** Where a user manages consent or deletes the account, when the company has such a page. */
  account?: string | undefined;
}

/** What one message is built from. */
export interface NoticeInput {
  kind: NoticeKind;
  audience: Audience;
  /** The changes this message is about: those of its audience and kind. */
  changes: readonly ClassifiedChange[];
  /** The released version the changes lead to, and the one before (for removed items and "again"). */
  document: NoticeDocument;
  previous: NoticeDocument | undefined;
  links: NoticeLinks;
  /** The day the message is written (YYYY-MM-DD): the tense follows it. */
  today: string;
}

/** The messages of one event: an email (plain text and escaped HTML), a banner and a one-line push/SMS text. */
export interface NoticeMessages {
  subject: string;
  text: string;
  html: string;
  banner: string;
  short: string;
}

/** A change put into words: a full sentence for the email, a clause for the banner. */
interface Phrase {
  sentence: string;
  clause: string;
}

/**
 * The messages users get for one release, audience and kind. Every sentence is built from the
 * classified changes and the declarations they name (labels, categories, purposes), with
 * the tense following the dates: "From 15 January 2027 we will share …" before the effective
 * date, "Since … we share …" after it. Every policy text in the HTML is escaped.
 */
export function renderNotice(input: NoticeInput): NoticeMessages {
  const { document, links } = input;
  const date = longDate(document.meta.effective);
  // On the effective day itself the change is still news: "From 1 December 2026, we will ...".
  const future = input.today <= document.meta.effective;
  const phrases = input.changes.map((change) => phraseOf(change, input, future));
  const company = document.meta.controller.name;
  const why = audienceLine(input.audience, document);
  const when = future ? `From ${date}` : `Since ${date}`;

  if (input.kind === 'consent') {
    const purposes = consentPurposes(input);
    const again = purposes.some((purpose) => purpose.again);
    const uses = purposes.map((purpose) => purpose.use);
    const subject = again ? `We are asking for your consent again: ${uses.length === 1 ? uses[0] : 'new uses of your data'}` : `May we ${uses.length === 1 ? uses[0] : 'use your data in new ways'}?`;
    const ask = again
      ? `We are asking for your consent again, because what we ask for has changed.`
      : `We would like your permission for something new.`;
    const wants = uses.map((use) => consentSentence(use, future, when));
    const promise = `We will only do this if you say yes. If you say no, or do not answer, nothing changes for you.`;
    const doNow = [
      links.account ? `Say yes or no: ${links.account}` : `Say yes or no in your account settings. What changes: ${links.changes}`,
      `You can withdraw your consent at any time${links.account ? ', on the same page' : ''}. Withdrawing it does not affect what we did before.`,
      `Read the new policy: ${links.policy}`,
    ];
    const paragraphs = [why, `${ask} ${wants.join(' ')}`, promise].filter((line): line is string => Boolean(line));
    const text = [...paragraphs, bullets('What you can do:', doNow), company].join('\n\n');
    const html = [...paragraphs.map(paragraphHtml), listHtml('What you can do:', doNow), paragraphHtml(company)].join('');
    const banner = `${again ? 'We are asking for your consent again' : 'We would like your consent'}: may we ${joinWords(uses)}? You decide; without your consent, nothing changes.`;
    const where = links.account ? `Say yes or no: ${links.account}` : `Say yes or no in your account settings. Details: ${links.changes}`;
    const short = fitShort(`May we ${joinWords(uses)}? ${where}`, `We would like your consent for a new use of your data. ${where}`);
    return { subject, text, html, banner, short };
  }

  const subject = future ? `Our privacy policy changes on ${date}` : `Our privacy policy changed on ${date}`;
  const intro = `${when}, our privacy policy ${future ? 'changes' : 'has changed'}. ${phrases.length === 1 ? 'This is what changes for you:' : 'These are the changes for you:'}`;
  const changeLines = phrases.map((phrase) => phrase.sentence);
  const doNow = actionsFor(input, future, date);
  const text = [why, bullets(intro, changeLines), bullets('What you can do:', doNow), company].filter((part): part is string => Boolean(part)).join('\n\n');
  const html = [why ? paragraphHtml(why) : '', listHtml(intro, changeLines), listHtml('What you can do:', doNow), paragraphHtml(company)].join('');
  const banner = `${when}, ${joinWords(phrases.map((phrase) => phrase.clause))}. Read what changes: ${links.changes}`;
  const short = fitShort(`${when}, ${joinWords(phrases.map((phrase) => phrase.clause))}. Details: ${links.changes}`, `${when}, our privacy policy ${future ? 'changes' : 'has changed'}. Details: ${links.changes}`);
  return { subject, text, html, banner, short };
}

/**
 * Each change in the words its notice uses, one sentence a change: the change page's "What
 * changes for you" reads the same as the email. The tense follows `today`, as in the notice.
 */
export function changeSentences(input: Pick<NoticeInput, 'changes' | 'document' | 'previous' | 'today'>): string[] {
  const future = input.today <= input.document.meta.effective;
  const when = future ? `From ${longDate(input.document.meta.effective)}` : `Since ${longDate(input.document.meta.effective)}`;
  // Changes that need consent are asked about as the consent request asks, once a purpose.
  const consent = input.changes.filter((change) => change.action === 'reconsent');
  const asked = consentPurposes({ ...input, changes: consent }).map((purpose) => consentSentence(purpose.use, future, when));
  return [...input.changes.filter((change) => change.action !== 'reconsent').map((change) => phraseOf(change, input, future).sentence), ...asked];
}

/** One use a consent request asks about, as its sentence. */
function consentSentence(use: string, future: boolean, when: string): string {
  return `${future ? `${when}, with` : 'With'} your consent, we would like to ${use}.`;
}

/** What the user can do about a notice: object, withdraw consent, delete the account; and the links. */
function actionsFor(input: NoticeInput, future: boolean, date: string): string[] {
  const account = input.links.account;
  const widens = input.changes.some((change) => change.direction === 'widens');
  const lines: string[] = [];
  if (widens) {
    lines.push(`If you do not agree, you can object to this use of your data, or withdraw a consent you gave${account ? `: ${account}` : '.'}`);
    lines.push(`You can also delete your account${future ? ` before ${date}` : ''}${account ? `: ${account}` : '.'}`);
  }
  lines.push(widens && !account ? `The new policy says how to reach us: ${input.links.policy}` : `Read the new policy: ${input.links.policy}`);
  lines.push(`See every change: ${input.links.changes}`);
  return lines;
}

/** Why this user gets the message, for a segment; nothing for everyone. */
function audienceLine(audience: Audience, document: NoticeDocument): string | undefined {
  if (audience.scope === 'integration') {
    const integration = document.declarations.integrations.find((item) => item.id === audience.integration);
    return `You get this message because you connected ${integration?.provider ?? audience.integration} to your account.`;
  }
  if (audience.scope === 'jurisdiction') return `You get this message because you live in ${audience.jurisdiction}.`;
  return undefined;
}

/** The consent-based purposes a consent request asks about, with whether it is a first ask. */
function consentPurposes(input: Pick<NoticeInput, 'changes' | 'document' | 'previous'>): { use: string; again: boolean }[] {
  const lower = (text: string) => lowerFirst(text, input.document);
  const ids = [...new Set(input.changes.flatMap((change) => change.purposes ?? (change.kind === 'purpose' ? [change.subject] : [])))];
  return ids.map((id) => {
    const purpose = input.document.declarations.purposes.find((item) => item.id === id);
    const before = input.previous?.declarations.purposes.find((item) => item.id === id);
    const categories = purpose ? categoryWords(purpose.categories, input.document) : 'your data';
    return { use: `use ${categories} to ${lower(purpose?.label ?? id)}`, again: before?.basis === 'consent' };
  });
}

/** One change in words. */
function phraseOf(change: ClassifiedChange, input: Pick<NoticeInput, 'document' | 'previous'>, future: boolean): Phrase {
  const { document, previous } = input;
  const lower = (text: string) => lowerFirst(text, document);
  const will = (verb: string, present: string) => (future ? `we will ${verb}` : `we ${present}`);
  const wont = (verb: string, present: string) => (future ? `we will no longer ${verb}` : `we no longer ${present}`);
  const sentence = (clause: string) => ({ sentence: `${capitalise(clause)}.`, clause });
  const d = document.declarations;
  if (change.kind === 'recipient') {
    const recipient = d.recipients.find((item) => item.id === change.subject) ?? previous?.declarations.recipients.find((item) => item.id === change.subject);
    const label = lower(recipient?.label ?? labelOf(change) ?? change.subject);
    const who = `${label}${recipient?.examples?.length ? ` (for example ${joinWords(recipient.examples)})` : ''}`;
    const what = recipient ? categoryWords(recipient.categories, document) : 'your data';
    const why = recipient && Array.isArray(recipient.purposes) && recipient.purposes.length > 0 ? `, to ${joinWords(recipient.purposes.map((id) => lower(purposeLabel(id, document))))}` : '';
    if (change.direction === 'narrows') return sentence(`${wont('share', 'share')} ${what} with ${label}`);
    if (change.change === 'added') return { sentence: `${capitalise(will('share', 'share'))} ${what} with ${who}${why}.`, clause: `${will('share', 'share')} your data with ${label}` };
    return { sentence: `${capitalise(will('share', 'share'))} more with ${who}: ${what}${why}.`, clause: `${will('share', 'share')} more of your data with ${label}` };
  }
  if (change.kind === 'purpose') {
    const purpose = d.purposes.find((item) => item.id === change.subject) ?? previous?.declarations.purposes.find((item) => item.id === change.subject);
    const use = lower(purpose?.label ?? labelOf(change) ?? change.subject);
    const what = purpose ? categoryWords(purpose.categories, document) : 'your data';
    if (change.direction === 'narrows') return sentence(`${wont('use', 'use')} ${what} to ${use}`);
    if (purpose?.basis === 'consent') return sentence(`with your consent, ${will('use', 'use')} ${what} to ${use}`);
    return { sentence: `${capitalise(will('use', 'use'))} ${what} to ${use}${basisWords(purpose?.basis)}.`, clause: `${will('use', 'use')} your data to ${use}` };
  }
  if (change.kind === 'category') {
    const category = d.categories.find((item) => item.id === change.subject) ?? previous?.declarations.categories.find((item) => item.id === change.subject);
    const label = lower(category?.label ?? labelOf(change) ?? change.subject);
    const examples = category?.examples?.length ? ` (${joinWords(category.examples)})` : '';
    if (change.direction === 'narrows') return sentence(`${wont('collect', 'collect')} ${label}`);
    return { sentence: `${capitalise(will('collect', 'collect'))} ${label}${examples}.`, clause: `${will('collect', 'collect')} ${label}` };
  }
  if (change.kind === 'integration') {
    const integration = d.integrations.find((item) => item.id === change.subject) ?? previous?.declarations.integrations.find((item) => item.id === change.subject);
    const provider = integration?.provider ?? change.subject;
    const beforeUses = new Set((previous?.declarations.integrations.find((item) => item.id === change.subject)?.uses ?? []).map((use) => use.label));
    // The classifier names the uses it found added; else compare the two versions.
    const named = change.field === 'uses' ? usesNamed(change.after) : undefined;
    const added = named ?? (integration?.uses ?? []).map((use) => use.label).filter((use) => !beforeUses.has(use));
    if (change.direction === 'widens' && added.length > 0) {
      return { sentence: `${capitalise(will('also use', 'also use'))} the data we receive from ${provider} for ${joinWords(added.map(lower))}.`, clause: `${will('also use', 'also use')} your ${provider} data for ${joinWords(added.map(lower))}` };
    }
  }
  if (change.kind === 'transfer' && change.direction === 'widens') {
    const after = change.after as { destinations?: unknown } | undefined;
    const places = Array.isArray(after?.destinations) ? joinWords(after.destinations.map(String)) : 'other countries';
    return sentence(`${will('transfer', 'transfer')} your data to ${places}`);
  }
  if (change.kind === 'retention' && change.direction !== 'neutral') {
    const category = d.categories.find((item) => item.id === change.subject);
    const what = category ? `your ${lower(category.label)}` : 'your data';
    const span = (rules: unknown) => periodsOf(rules);
    const before = span(change.before);
    const after = span(change.after);
    const detail = before && after ? ` ${future ? 'for' : 'now for'} ${after} instead of ${before}` : '';
    return change.direction === 'widens'
      ? { sentence: `${capitalise(will('keep', 'keep'))} ${what} longer:${detail}.`.replace(/:\./, '.'), clause: `${will('keep', 'keep')} ${what} longer` }
      : sentence(`${will('keep', 'keep')} ${what} for a shorter time${detail}`);
  }
  // Any other change: the classifier's own plain-language reason.
  return { sentence: /[.!?]$/.test(change.reason) ? change.reason : `${change.reason}.`, clause: lower(change.reason.replace(/[.!?]$/, '')) };
}

/** Use labels from a change's new value: one use ({label}), or a list of them or of strings. */
function usesNamed(value: unknown): string[] | undefined {
  const labels = (Array.isArray(value) ? value : [value]).map((use) => (typeof use === 'string' ? use : (use as { label?: unknown } | undefined)?.label));
  return labels.length > 0 && labels.every((label): label is string => typeof label === 'string') ? labels : undefined;
}

/** The label a change's old or new value carries, for items neither document has (a removal seen without the old version). */
function labelOf(change: ClassifiedChange): string | undefined {
  for (const value of [change.after, change.before]) {
    const label = (value as { label?: unknown } | undefined)?.label;
    if (typeof label === 'string') return label;
  }
  return undefined;
}

/** "3 years", from retention rules of kind `period`; undefined when the rules are not all periods. */
function periodsOf(rules: unknown): string | undefined {
  // A retention term from the semantic diff is one rule; compiled rules are a list.
  const list: unknown[] = Array.isArray(rules) ? rules : rules && typeof rules === 'object' ? [rules] : [];
  if (list.length === 0) return undefined;
  const periods = list.map((rule) => (rule && typeof rule === 'object' && typeof (rule as { period?: unknown }).period === 'string' ? humanDuration((rule as { period: string }).period) : undefined));
  return periods.every((period) => period !== undefined) ? joinWords(periods as string[]) : undefined;
}

/** "your contact details and usage data", from category ids. */
function categoryWords(ids: readonly string[] | 'all' | string, document: NoticeDocument): string {
  if (!Array.isArray(ids)) return 'all your data';
  const lower = (text: string) => lowerFirst(text, document);
  const labels = ids.map((id) => lower(document.declarations.categories.find((category) => category.id === id)?.label ?? id));
  if (labels.length === 0) return 'your data';
  // Labels that hold commas themselves are kept apart with semicolons.
  if (labels.some((label) => label.includes(','))) return `your ${labels.slice(0, -1).join('; ')}${labels.length > 1 ? '; and ' : ''}${labels.at(-1)}`;
  return `your ${joinWords(labels)}`;
}

function purposeLabel(id: string, document: NoticeDocument): string {
  return document.declarations.purposes.find((purpose) => purpose.id === id)?.label ?? id;
}

function basisWords(basis: string | undefined): string {
  if (basis === 'legitimate-interests') return ', which we consider in our legitimate interest';
  if (basis === 'contract') return ', to provide the service you signed up for';
  if (basis === 'legal-obligation') return ', because the law requires it';
  return '';
}

/** "a, b and c". */
function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The push/SMS line: the full one when it fits 160 characters, else the fallback. */
function fitShort(full: string, fallback: string): string {
  return full.length <= 160 ? full : fallback;
}

function bullets(title: string, lines: readonly string[]): string {
  return [title, '', ...lines.map((line) => `- ${line}`)].join('\n');
}

function paragraphHtml(text: string): string {
  return `<p>${linkify(text)}</p>`;
}

function listHtml(title: string, lines: readonly string[]): string {
  return `<p>${linkify(title)}</p><ul>${lines.map((line) => `<li>${linkify(line)}</li>`).join('')}</ul>`;
}

/** Escape, then make the links this module wrote (https URLs at the end of a line) clickable. */
function linkify(text: string): string {
  const match = /(https?:\/\/\S+)$/.exec(text);
  if (!match) return escapeHtml(text);
  const url = match[1]!;
  return `${escapeHtml(text.slice(0, match.index))}<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lower-case a label's first letter unless its first word is a name or an acronym ("Pinterest", "IP address"). */
function lowerFirst(text: string, document: NoticeDocument): string {
  const first = text.split(/\s/, 1)[0] ?? '';
  if (!/^[A-Z][a-z]+$/.test(first) || namesOf(document).has(first)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

const names = new WeakMap<NoticeDocument, Set<string>>();

/** Capitalised words the policy itself uses as names: its integrations, their providers, the company. */
function namesOf(document: NoticeDocument): Set<string> {
  let found = names.get(document);
  if (!found) {
    const sources = [document.meta.controller.name, ...document.declarations.integrations.flatMap((integration) => [integration.label, integration.provider])];
    found = new Set(sources.flatMap((source) => source.split(/[\s,.()]+/)).filter((word) => /^[A-Z]/.test(word)));
    names.set(document, found);
  }
  return found;
}
