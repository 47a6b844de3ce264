import GithubSlugger, { slug } from 'github-slugger';
import { Document, isScalar, visit } from 'yaml';
import { factsOf, splitSentences } from '../classify/facts.ts';
import { readDate, writtenDate } from '../model/dates.ts';

/** Options of an import. */
export interface ImportOptions {
  id: string;
  /** Used when the text names no effective date, YYYY-MM-DD. */
  today: string;
}

interface Section {
  title: string;
  depth: number;
  lines: string[];
}

const bullet = /^\s*(?:[•●▪◦·*+-]|\d{1,2}[.)])\s+/;

/**
 * Turn an existing plain-text or Markdown policy into a draft in our format: headings
 * detected, prose kept verbatim, and candidate declarations (read from the prose with the
 * same lexicons as the prose classifier) in blocks marked `review`, which `policy check`
 * reports until an editor has checked them. Facts the text does not state are `unstated`.
 */
export function importPolicy(text: string, options: ImportOptions): string {
  const sections = toSections(text);
  const used = new Set<string>();
  const whole = text.replace(/\s+/g, ' ');
  const controller = controllerName(whole);
  const effective = findDate(whole) ?? options.today;
  const title = sections[0]?.depth === 1 ? sections[0].title : 'Privacy Policy';
  const fullTitle = /Privacy Policy for [^.]+/.exec(whole)?.[0] ?? title;

  const frontMatter = {
    id: options.id,
    title: fullTitle,
    version: '0.1.0',
    effective,
    updated: effective,
    locale: 'en',
    controller: { name: controller ?? 'Review: the company responsible for the data' },
    noticePeriod: 'unstated',
  };
  const out: string[] = ['---', yamlText(frontMatter), '---', ''];
  const ids = new Map<string, GithubSlugger>();
  for (const section of sections) {
    out.push(`${'#'.repeat(section.depth)} ${section.title}`, '');
    out.push(...prose(section.lines), '');
    const block = candidates(section, ids, used);
    if (block) out.push('```yaml policy review', yamlText(block), '```', '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** Headings: short lines on their own, without a final full stop; Markdown headings as they are. */
function toSections(text: string): Section[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const sections: Section[] = [];
  let current: Section | undefined;
  lines.forEach((line, index) => {
    const markdown = /^(#{1,6})\s+(.*)$/.exec(line);
    const alone = (lines[index - 1] ?? '').trim() === '' && (lines[index + 1] ?? '').trim() === '';
    const plainHeading = alone && line.trim().length > 0 && line.trim().length <= 60 && !/[.:;,]$/.test(line.trim()) && !bullet.test(line) && /^[\p{Lu}\d]/u.test(line.trim());
    if (markdown || plainHeading) {
      current = { title: (markdown?.[2] ?? line).trim(), depth: markdown ? markdown[1]!.length : sections.length === 0 ? 1 : 2, lines: [] };
      sections.push(current);
    } else {
      if (!current) {
        current = { title: 'Privacy Policy', depth: 1, lines: [] };
        sections.push(current);
      }
      current.lines.push(line);
    }
  });
  return sections;
}

/** The section's prose, verbatim but for bullets written as Markdown list items. */
function prose(lines: readonly string[]): string[] {
  return lines.map((line) => (bullet.test(line) ? line.replace(bullet, '- ') : line.replace(/^\s+/, ''))).join('\n').trim().split('\n');
}

const items = (section: Section) => section.lines.filter((line) => bullet.test(line)).map((line) => line.replace(bullet, '').trim().replace(/[.;]$/, ''));
const sentences = (section: Section) => section.lines.filter((line) => !bullet.test(line)).flatMap((line) => splitSentences(line));

/** YAML for generated values, through the yaml package's Document: lists of plain values in flow style. */
function yamlText(value: object): string {
  const document = new Document(value);
  visit(document, {
    Seq(_key, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return document.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

/**
 * A label as a kebab-case id: its GitHub slug (as a heading anchor is made), in the schema's
 * ASCII form (accents dropped, other characters as word breaks), cut to `words` words.
 * Empty when nothing of the label is left.
 */
export function kebabId(label: string, words = Number.POSITIVE_INFINITY): string {
  return slug(label)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .split('-')
    .filter(Boolean)
    .slice(0, words)
    .join('-');
}

/** An id for a label without its bracketed aside, unique among the ids of its kind (repeats get -1, -2, ... from the slugger). */
function idFor(kind: string, label: string, ids: Map<string, GithubSlugger>): string {
  const words = kebabId(label.replace(/\(.*?\)/g, ''), 4);
  const base = /^[a-z]/.test(words) ? words : `item${words ? `-${words}` : ''}`;
  const slugger = ids.get(kind) ?? new GithubSlugger();
  ids.set(kind, slugger);
  return slugger.slug(base);
}

/** Candidate declarations for a section, chosen by what its heading is about. */
function candidates(section: Section, ids: Map<string, GithubSlugger>, used: Set<string>): object | undefined {
  const heading = section.title.toLowerCase();
  if (/collect|information we|data we/.test(heading) && items(section).length > 0 && !used.has('categories')) {
    used.add('categories');
    return {
      categories: items(section).map((item) => {
        const examples = /\((.*)\)/.exec(item)?.[1];
        return { id: idFor('categories', item, ids), label: item.replace(/\s*\(.*\)/, ''), ...(examples ? { examples: examples.split(/,\s*/) } : {}), source: 'unstated' };
      }),
    };
  }
  if (/\buse\b|purpose/.test(heading) && items(section).length > 0) {
    return { purposes: items(section).map((item) => ({ id: idFor('purposes', item, ids), label: item, basis: 'unstated', categories: 'all' })) };
  }
  if (/shar|disclos|recipient/.test(heading) && items(section).length > 0) {
    return {
      recipients: items(section).map((item) => {
        const [label, condition] = item.split(/:\s*/, 2) as [string, string | undefined];
        return { id: idFor('recipients', label, ids), label, role: 'unstated', categories: 'all', purposes: 'all', ...(condition ? { condition } : {}) };
      }),
    };
  }
  if (/retention|retain|keep/.test(heading)) {
    const criteria = sentences(section).filter((sentence) => /retain|keep|as long as/i.test(sentence));
    return { retention: [{ categories: 'all', ...(criteria.length > 0 ? { criteria } : {}) }] };
  }
  if (/transfer/.test(heading)) return { transfers: [{ destinations: 'unstated', categories: 'all', safeguard: 'unstated' }] };
  if (/right/.test(heading) && items(section).length > 0) {
    const kinds: [RegExp, string][] = [[/access/i, 'access'], [/correct|rectif/i, 'rectification'], [/delet|erase/i, 'erasure'], [/restrict/i, 'restriction'], [/object/i, 'objection'], [/portab/i, 'portability'], [/withdraw/i, 'withdraw-consent'], [/complain/i, 'complaint'], [/opt.?out|sale/i, 'opt-out-of-sale']];
    const granted = items(section).flatMap((item) => {
      const found = kinds.filter(([pattern]) => pattern.test(item)).map(([, kind]) => kind);
      return found.length > 0 ? [{ id: idFor('rights', item.replace(/^right to /i, ''), ids), label: item, kinds: found }] : [];
    });
    const places = /including ([^:]+?)(?:,? you may|:)/i.exec(sentences(section).join(' '))?.[1];
    const jurisdictions = places ? places.replace(/\bthe\b/g, '').split(/,\s*|\s+and\s+/).map((place) => place.trim()).filter(Boolean) : [];
    return { rights: { jurisdictions, granted } };
  }
  if (/child/.test(heading)) {
    const age = /under (\d{1,2})/i.exec(sentences(section).join(' '))?.[1];
    return age ? { children: { minimumAge: Number(age) } } : undefined;
  }
  if (/cookie|tracking/.test(heading)) {
    return { cookies: { technologies: ['cookies'], purposes: sentences(section).filter((sentence) => factsOf(sentence).some((fact) => fact.kind === 'tracking')).slice(0, 1) } };
  }
  if (/contact/.test(heading)) {
    const text = section.lines.join(' ');
    const emails = text.match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? [];
    const urls = text.match(/https?:\/\/\S+/g) ?? [];
    return { contact: { channels: [...emails.map((value) => ({ type: 'email', value })), ...urls.map((value) => ({ type: 'url', value }))] } };
  }
  return undefined;
}

/** The name defined as "Company": the words just before `("Company"`, after "how", "by" or "is". */
function controllerName(text: string): string | undefined {
  const at = text.search(/\(\s*["“]Company["”]/);
  if (at === -1) return undefined;
  const before = text.slice(Math.max(0, at - 120), at);
  const name = before.split(/\b(?:how|by|is|are|from|of)\s+|[.;:]\s+/).at(-1)?.trim();
  return name && name.length >= 2 ? name : undefined;
}

/** The first date written after "effective" in the same sentence ("June 4, 2025", "4 June 2025", 2025-06-04), as an ISO date. */
function findDate(text: string): string | undefined {
  const near = new RegExp(`effective[^.]*?(${writtenDate})`, 'i').exec(text)?.[1];
  return near ? readDate(near)?.iso : undefined;
}
