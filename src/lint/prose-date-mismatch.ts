import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { location } from 'vfile-location';
import { lintRule } from './context.ts';
import { readDate, writeDate, writtenDate } from '../model/dates.ts';

/** "Last updated", "effective date", "revised" and the like, then a date in the same sentence. */
const dateLine = new RegExp(`\\b(last\\s+updated|updated|last\\s+revised|revised|effective(?:\\s+date)?|effective\\s+as\\s+of|in\\s+effect\\s+(?:from|since))\\b([^.!?\\n]{0,40}?)(${writtenDate})`, 'gi');

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
        const stated = readDate(match[3]!);
        if (!stated) continue;
        const fields = [...(/effective/.test(label) ? (['effective'] as const) : []), ...(/updated|revised/.test(label) ? (['updated'] as const) : [])];
        const wrong = fields.filter((field) => document.meta[field] !== stated.iso);
        if (wrong.length === 0) continue;
        const dateText = match[3]!;
        const at = start + match.index + match[0].length - dateText.length;
        const exact = String(file.value).slice(at, at + dateText.length) === dateText;
        const range = exact ? { start: place.toPoint(at)!, end: place.toPoint(at + dateText.length)! } : node.position;
        const says = wrong.map((field) => `\`${field}: ${document.meta[field]}\``).join(' and ');
        // One date for two fields that differ has no single right value: no fix then.
        const expected = new Set(fields.map((field) => document.meta[field]));
        const message = report(`The text says "${match[0].trim()}", but the front matter says ${says}`, range);
        if (exact && expected.size === 1) {
          message.actual = dateText;
          message.expected = [writeDate([...expected][0]!, stated.format)];
        }
      }
    });
  },
);
