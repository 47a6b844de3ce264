import { factsOf, splitSentences } from '../classify/facts.ts';

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

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const bullet = /^\s*(?:[•●▪◦·*+-]|\d{1,2}[.)])\s+/;

/**
 * Turn an existing plain-text or Markdown policy into a draft in our format: headings
 * detected, prose kept verbatim, and candidate declarations (read from the prose with the
 * same lexicons as the prose classifier) in blocks marked `review`, which `policy check`
 * reports until an editor has checked them. Facts the text does not state are `unstated`.
 */
export function importPolicy(text: string, options: ImportOptions): string {
  const sections = toSections(text);
  const whole = text.replace(/\s+/g, ' ');
  const controller = controllerName(whole);
  const effective = findDate(whole) ?? options.today;
  const title = sections[0]?.depth === 1 ? sections[0].title : 'Privacy Policy';
  const fullTitle = /Privacy Policy for [^.]+/.exec(whole)?.[0] ?? title;

  const out: string[] = [
    '---',
    `id: ${options.id}`,
    `title: ${JSON.stringify(fullTitle)}`,
    'version: 0.1.0',
    `effective: ${effective}`,
    `updated: ${effective}`,
    'locale: en',
    'controller:',
    `  name: ${JSON.stringify(controller ?? 'Review: the company responsible for the data')}`,
    'noticePeriod: unstated',
    '---',
    '',
  ];
  const used = new Set<string>();
  for (const section of sections) {
    out.push(`${'#'.repeat(section.depth)} ${section.title}`, '');
    out.push(...prose(section.lines), '');
    const block = candidates(section, used);
    if (block) out.push('```yaml policy review', block.trimEnd(), '```', '');
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
const kebab = (text: string) => text.toLowerCase().replace(/\(.*?\)/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').split('-').slice(0, 4).join('-') || 'item';
const quote = (text: string) => JSON.stringify(text);

/** Candidate declarations for a section, chosen by what its heading is about. */
function candidates(section: Section, used: Set<string>): string | undefined {
  const heading = section.title.toLowerCase();
  const unique = (kind: string, id: string) => {
    let candidate = id;
    for (let n = 2; used.has(`${kind}/${candidate}`); n++) candidate = `${id}-${n}`;
    used.add(`${kind}/${candidate}`);
    return candidate;
  };
  if (/collect|information we|data we/.test(heading) && items(section).length > 0 && !used.has('done:categories')) {
    used.add('done:categories');
    return `categories:\n${items(section)
      .map((item) => {
        const examples = /\((.*)\)/.exec(item)?.[1];
        return `  - id: ${unique('categories', kebab(item))}\n    label: ${quote(item.replace(/\s*\(.*\)/, ''))}\n${examples ? `    examples: [${examples.split(/,\s*/).map(quote).join(', ')}]\n` : ''}    source: unstated`;
      })
      .join('\n')}\n`;
  }
  if (/\buse\b|purpose/.test(heading) && items(section).length > 0) {
    return `purposes:\n${items(section).map((item) => `  - id: ${unique('purposes', kebab(item))}\n    label: ${quote(item)}\n    basis: unstated\n    categories: all`).join('\n')}\n`;
  }
  if (/shar|disclos|recipient/.test(heading) && items(section).length > 0) {
    return `recipients:\n${items(section)
      .map((item) => {
        const [label, condition] = item.split(/:\s*/, 2);
        return `  - id: ${unique('recipients', kebab(label!))}\n    label: ${quote(label!)}\n    role: unstated\n    categories: all\n    purposes: all${condition ? `\n    condition: ${quote(condition)}` : ''}`;
      })
      .join('\n')}\n`;
  }
  if (/retention|retain|keep/.test(heading)) {
    const criteria = sentences(section).filter((sentence) => /retain|keep|as long as/i.test(sentence));
    return `retention:\n  - categories: all\n${criteria.length > 0 ? `    criteria: [${criteria.map(quote).join(', ')}]\n` : ''}`;
  }
  if (/transfer/.test(heading)) return 'transfers:\n  - destinations: unstated\n    categories: all\n    safeguard: unstated\n';
  if (/right/.test(heading) && items(section).length > 0) {
    const kinds: [RegExp, string][] = [[/access/i, 'access'], [/correct|rectif/i, 'rectification'], [/delet|erase/i, 'erasure'], [/restrict/i, 'restriction'], [/object/i, 'objection'], [/portab/i, 'portability'], [/withdraw/i, 'withdraw-consent'], [/complain/i, 'complaint'], [/opt.?out|sale/i, 'opt-out-of-sale']];
    const granted = items(section).flatMap((item) => {
      const found = kinds.filter(([pattern]) => pattern.test(item)).map(([, kind]) => kind);
      return found.length > 0 ? [`    - id: ${unique('rights', kebab(item.replace(/^right to /i, '')))}\n      label: ${quote(item)}\n      kinds: [${found.join(', ')}]`] : [];
    });
    const places = /including ([^:]+?)(?:,? you may|:)/i.exec(sentences(section).join(' '))?.[1];
    const jurisdictions = places ? places.replace(/\bthe\b/g, '').split(/,\s*|\s+and\s+/).map((place) => place.trim()).filter(Boolean) : [];
    return `rights:\n  jurisdictions: [${jurisdictions.map(quote).join(', ')}]\n  granted:\n${granted.join('\n')}\n`;
  }
  if (/child/.test(heading)) {
    const age = /under (\d{1,2})/i.exec(sentences(section).join(' '))?.[1];
    return age ? `children:\n  minimumAge: ${age}\n` : undefined;
  }
  if (/cookie|tracking/.test(heading)) return `cookies:\n  technologies: [cookies]\n  purposes: [${sentences(section).filter((sentence) => factsOf(sentence).some((fact) => fact.kind === 'tracking')).slice(0, 1).map(quote).join(', ')}]\n`;
  if (/contact/.test(heading)) {
    const text = section.lines.join(' ');
    const emails = text.match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? [];
    const urls = text.match(/https?:\/\/\S+/g) ?? [];
    const channels = [...emails.map((value) => `    - type: email\n      value: ${quote(value)}`), ...urls.map((value) => `    - type: url\n      value: ${quote(value)}`)];
    return `contact:\n  channels:${channels.length > 0 ? `\n${channels.join('\n')}` : ' []'}\n`;
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

/** "June 4, 2025" or "4 June 2025" or 2025-06-04 after "effective". */
function findDate(text: string): string | undefined {
  const near = /effective[^.]*?((?:[A-Z][a-z]+ \d{1,2},? \d{4})|(?:\d{1,2} [A-Z][a-z]+ \d{4})|(?:\d{4}-\d{2}-\d{2}))/i.exec(text)?.[1];
  if (!near) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(near)) return near;
  const parts = near.replace(',', '').split(' ');
  const [a, b, year] = parts;
  const month = months.indexOf((Number.isNaN(Number(a)) ? a! : b!).toLowerCase()) + 1;
  const day = Number(Number.isNaN(Number(a)) ? b : a);
  if (month === 0 || !day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
