import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { location } from 'vfile-location';
import { lintRule } from './context.ts';

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const month = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
/** A written date: "November 27, 2026", "27 November 2026" or "2026-11-27". */
const date = `(?:${month}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})|(\\d{1,2})(?:st|nd|rd|th)?\\s+${month}\\s+(\\d{4})|(\\d{4})-(\\d{2})-(\\d{2}))`;
/** "Last updated", "effective date", "revised" and the like, then a date in the same sentence. */
const dateLine = new RegExp(`\\b(last\\s+updated|updated|last\\s+revised|revised|effective(?:\\s+date)?|effective\\s+as\\s+of|in\\s+effect\\s+(?:from|since))\\b([^.!?\\n]{0,40}?)${date}`, 'gi');

type Written = { text: string; iso: string; format: 'us' | 'uk' | 'iso' };

function written(match: RegExpMatchArray, offset: number): Written | undefined {
  const g = match.slice(offset);
  const pad = (value: string) => value.padStart(2, '0');
  const monthNumber = (name: string) => pad(String(months.findIndex((full) => full.startsWith(name.toLowerCase().replace(/\.$/, '').slice(0, 3))) + 1));
  if (g[0]) return { text: '', iso: `${g[2]}-${monthNumber(g[0])}-${pad(g[1]!)}`, format: 'us' };
  if (g[3]) return { text: '', iso: `${g[5]}-${monthNumber(g[4]!)}-${pad(g[3])}`, format: 'uk' };
  if (g[6]) return { text: '', iso: `${g[6]}-${g[7]}-${g[8]}`, format: 'iso' };
  return undefined;
}

/** An ISO date written the way the prose wrote its own. */
function writeAs(iso: string, format: Written['format']): string {
  const [year, monthNumber, day] = iso.split('-');
  const name = months[Number(monthNumber) - 1]!;
  const capital = `${name[0]!.toUpperCase()}${name.slice(1)}`;
  if (format === 'us') return `${capital} ${Number(day)}, ${year}`;
  if (format === 'uk') return `${Number(day)} ${capital} ${year}`;
  return iso;
}

/**
 * A line of prose stating the policy's dates ("Last updated and effective date: November 27,
 * 2026") that disagrees with the front matter, which the site, the rules and the notices read.
 */
export const proseDateMismatch = lintRule(
  {
    id: 'prose-date-mismatch',
    severity: 'warning',
    title: 'The prose states a date that differs from the front matter.',
    hint: 'Make the date in the text the one in the front matter (`effective` or `updated`), or the other way round: readers see the text, programs read the front matter.',
    examples: {
      fail: 'The front matter says `effective: 2026-01-01` and `updated: 2026-01-01`; the text still carries the date of an earlier version:',
      pass: 'The text names the front matter\'s date:',
    },
  },
  ({ file, parsed, document, report }) => {
    const place = location(file);
    visit(parsed.tree as Root, 'text', (node) => {
      const start = node.position?.start.offset;
      if (start === undefined) return;
      for (const match of node.value.matchAll(dateLine)) {
        const label = `${match[1]} ${match[2]}`.toLowerCase();
        const stated = written(match, 3);
        if (!stated) continue;
        const fields = [...(/effective/.test(label) ? (['effective'] as const) : []), ...(/updated|revised/.test(label) ? (['updated'] as const) : [])];
        const wrong = fields.filter((field) => document.meta[field] !== stated.iso);
        if (wrong.length === 0) continue;
        const dateText = match[0].slice(match[1]!.length + match[2]!.length);
        const at = start + match.index + match[0].length - dateText.length;
        const exact = String(file.value).slice(at, at + dateText.length) === dateText;
        const range = exact ? { start: place.toPoint(at)!, end: place.toPoint(at + dateText.length)! } : node.position;
        const says = wrong.map((field) => `\`${field}: ${document.meta[field]}\``).join(' and ');
        // One date for two fields that differ has no single right value: no fix then.
        const expected = new Set(fields.map((field) => document.meta[field]));
        const message = report(`The text says "${match[0].trim()}", but the front matter says ${says}`, range);
        if (exact && expected.size === 1) {
          message.actual = dateText;
          message.expected = [writeAs([...expected][0]!, stated.format)];
        }
      }
    });
  },
);
