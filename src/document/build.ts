import { createHash } from 'node:crypto';
import type { FrontMatter, PolicyDocument, Section } from '../model/policy.generated.ts';
import type { SectionNode } from '../parse/sections.ts';
import { walk } from '../parse/sections.ts';
import { listKeys, singleKeys, sectionOf, type MergedDeclarations } from './declarations.ts';

/** The notice period assumed when a policy states none (issue: versions and notifications). */
export const defaultNoticePeriod = 'P30D';

/**
 * Assemble the parsed document every consumer reads: metadata, merged declarations and
 * the section tree, each section listing the declarations written in it.
 */
export function buildDocument(
  path: string,
  bytes: string,
  meta: FrontMatter,
  merged: MergedDeclarations,
  sections: readonly SectionNode[],
): PolicyDocument {
  const { declarations } = merged;
  for (const key of listKeys) {
    (declarations[key] as object[]).forEach((item, index) => {
      const label = 'id' in item && typeof item.id === 'string' ? item.id : String(index);
      sectionOf(merged, item)?.declared.push(`${key}/${label}`);
    });
  }
  for (const key of singleKeys) {
    const value = declarations[key];
    if (value) sectionOf(merged, value)?.declared.push(key);
  }
  return {
    path,
    hash: createHash('sha256').update(bytes).digest('hex'),
    meta,
    declarations,
    sections: sections.map(serialise),
  };
}

/** Drop the mdast nodes a section holds while parsing: the document is plain data. */
function serialise(section: SectionNode): Section {
  return {
    id: section.id,
    title: section.title,
    depth: section.depth,
    start: section.start,
    end: section.end,
    text: section.text,
    declared: section.declared,
    children: section.children.map(serialise),
  };
}

/** Every section of a document, depth-first. */
export function* sectionsOf(document: PolicyDocument): Generator<Section> {
  yield* walk(document.sections as SectionNode[]);
}
