import type { Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { sectionOf } from '../document/declarations.ts';
import { walk, type SectionNode } from '../parse/sections.ts';
import { isDeclarationNode } from '../parse/policy-file.ts';
import { lintRule } from './context.ts';

/**
 * A policy must say how to reach the company (GDPR Art. 13(1)(a)). Reports a contact
 * section whose prose stops at "contact us via:", and a contact declaration with no channel.
 */
export const emptyContact = lintRule(
  {
    id: 'empty-contact',
    severity: 'warning',
    title: 'The contact section names no way to reach the company.',
    hint: 'Add an email address, a form URL or a postal address, and declare it under contact.channels.',
  },
  ({ document, parsed, merged, report }) => {
    const contact = document.declarations.contact;
    if (contact && contact.channels.length > 0) return;

    const section = (contact && sectionOf(merged, contact)) ?? [...walk(parsed.sections)].filter((s) => /\bcontact\b/i.test(s.title)).at(-1);
    const dangling = section && danglingColon(section);
    if (dangling?.position) {
      const words = toString(dangling).trim().split(/\s+/).slice(-3).join(' ');
      const end = dangling.position.end;
      report(`The contact section ends with "${words}" and nothing follows: no email address, form or postal address is given`, {
        start: { line: end.line, column: Math.max(1, end.column - 1) },
        end,
      });
    } else if (contact) {
      report('The contact declaration lists no channel: no email address, form or postal address is given', merged.locate(contact, 'channels'));
    } else {
      report('The policy declares no way to contact the company', section?.heading.position ?? { line: 1, column: 1 });
    }
  },
);

/** The section's last prose paragraph, when it ends with a colon that introduces nothing. */
function danglingColon(section: SectionNode): Paragraph | undefined {
  const prose = section.nodes.filter((node) => !isDeclarationNode(node));
  const last = prose.at(-1);
  if (last?.type === 'paragraph' && toString(last).trimEnd().endsWith(':')) return last;
  return undefined;
}
