import type { VFile } from 'vfile';
import type { Position } from 'unist';
import { offerFix, report } from '../diagnostics/report.ts';
import type { References } from '../model/policy.generated.ts';
import type { MergedDeclarations } from './declarations.ts';
import { walk, type SectionNode } from '../parse/sections.ts';
import { closest } from '../validate/suggest.ts';

/**
 * Check ids and the references between declarations: `duplicate-id`, `unknown-reference`
 * and `uncollected-category`. Anchors of sections must be unique too.
 */
export function checkReferences(file: VFile, merged: MergedDeclarations, sections: readonly SectionNode[]): void {
  const { declarations: d } = merged;
  const ids = {
    category: uniqueIds(file, merged, 'category', d.categories),
    purpose: uniqueIds(file, merged, 'purpose', d.purposes),
    recipient: uniqueIds(file, merged, 'recipient', d.recipients),
    integration: uniqueIds(file, merged, 'integration', d.integrations),
  };
  if (d.rights) uniqueIds(file, merged, 'right', d.rights.granted, (index) => at(merged, d.rights!, ['granted', index, 'id']));
  uniqueAnchors(file, sections);

  const refer = (owner: object, key: string, refs: References | undefined, kind: keyof typeof ids, rule: 'unknown-reference' | 'uncollected-category', name: string) => {
    if (refs === undefined || refs === 'all') return;
    refs.forEach((ref, index) => {
      if (ids[kind].has(ref)) return;
      const suggestion = closest(ref, [...ids[kind]]);
      const reason =
        rule === 'uncollected-category'
          ? `${name} receives category \`${ref}\`, which the policy never says it collects`
          : `${name} refers to ${kind} \`${ref}\`, which is not declared`;
      const message = report(file, rule, suggestion ? `${reason}; did you mean \`${suggestion}\`?` : reason, at(merged, owner, [key, index]));
      if (suggestion) offerFix(file, message, ref, suggestion);
    });
  };

  for (const purpose of d.purposes) refer(purpose, 'categories', purpose.categories, 'category', 'unknown-reference', `Purpose \`${purpose.id}\``);
  for (const recipient of d.recipients) {
    refer(recipient, 'categories', recipient.categories, 'category', 'uncollected-category', `Recipient \`${recipient.id}\``);
    refer(recipient, 'purposes', recipient.purposes, 'purpose', 'unknown-reference', `Recipient \`${recipient.id}\``);
  }
  d.retention.forEach((rule, index) => refer(rule, 'categories', rule.categories, 'category', 'unknown-reference', `Retention rule ${index + 1}`));
  d.transfers.forEach((transfer, index) => refer(transfer, 'categories', transfer.categories, 'category', 'uncollected-category', `Transfer ${index + 1}`));
  for (const integration of d.integrations) {
    refer(integration, 'categories', integration.categories, 'category', 'uncollected-category', `Integration \`${integration.id}\``);
    integration.uses.forEach((use, index) => {
      if (use.purpose !== undefined && !ids.purpose.has(use.purpose)) {
        report(file, 'unknown-reference', `Integration \`${integration.id}\` refers to purpose \`${use.purpose}\`, which is not declared`, at(merged, integration, ['uses', index, 'purpose']));
      }
    });
  }
  if (d.cookies) refer(d.cookies, 'categories', d.cookies.categories, 'category', 'unknown-reference', 'Cookies');
}

/** Collect ids of one kind, reporting the second and later uses of an id. */
function uniqueIds(
  file: VFile,
  merged: MergedDeclarations,
  kind: string,
  items: readonly { id: string }[],
  locate: (index: number) => Position | undefined = (index) => merged.locate(items[index]!, 'id'),
): Set<string> {
  const seen = new Map<string, Position | undefined>();
  items.forEach((item, index) => {
    const here = locate(index);
    if (seen.has(item.id)) {
      const first = seen.get(item.id);
      report(file, 'duplicate-id', `The ${kind} id \`${item.id}\` is declared twice${first ? `; first at line ${first.start.line}` : ''}`, here, first ? { cause: first } : {});
    } else {
      seen.set(item.id, here);
    }
  });
  return new Set(seen.keys());
}

function uniqueAnchors(file: VFile, sections: readonly SectionNode[]): void {
  const seen = new Map<string, SectionNode>();
  for (const section of walk(sections)) {
    const first = seen.get(section.id);
    if (first && section.explicit) {
      report(file, 'duplicate-id', `The section anchor \`#${section.id}\` is used twice; first at line ${first.start.line}`, section.heading.position, { cause: first.heading.position });
    }
    if (!first) seen.set(section.id, section);
  }
}

/** Position of a path under a declared object, e.g. its `categories[2]`. */
function at(merged: MergedDeclarations, owner: object, path: readonly (string | number)[]): Position | undefined {
  const origin = merged.origins.get(owner);
  return origin?.block.source.locate([...origin.path, ...path]);
}

