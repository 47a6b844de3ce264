import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.ts';
import type { DeclarationBlock } from '../parse/policy-file.ts';
import type { DataPath } from '../parse/yaml-source.ts';
import type { SectionNode } from '../parse/sections.ts';
import type { DeclarationBlock as BlockData, Declarations } from '../model/policy.generated.ts';

/** The list-valued declarations: several blocks may add to them. */
export const listKeys = ['categories', 'purposes', 'recipients', 'retention', 'transfers', 'integrations'] as const;
/** The single-valued declarations: declared at most once. */
export const singleKeys = ['cookies', 'rights', 'children', 'contact', 'security', 'thirdPartyLinks', 'changes'] as const;

/** Where a declared value came from: which block, which path in it, which section. */
export interface Origin {
  block: DeclarationBlock;
  path: DataPath;
}

/** Declarations merged from every valid block, with the origin of each declared object. */
export interface MergedDeclarations {
  declarations: Declarations;
  origins: WeakMap<object, Origin>;
  /** Position of a declared object (or of one of its keys) in the file. */
  locate(value: object, key?: string): Position | undefined;
}

/**
 * Merge valid declaration blocks into one `Declarations` object. Lists concatenate in
 * document order; a single declaration given twice is a `duplicate-declaration`.
 */
export function mergeDeclarations(file: VFile, blocks: readonly DeclarationBlock[]): MergedDeclarations {
  const declarations: Declarations = { categories: [], purposes: [], recipients: [], retention: [], transfers: [], integrations: [] };
  const origins = new WeakMap<object, Origin>();
  const firstSeen = new Map<string, Position>();

  for (const block of blocks) {
    const data = block.source.data as BlockData;
    for (const key of listKeys) {
      const items = data[key] ?? [];
      items.forEach((item, index) => {
        origins.set(item, { block, path: [key, index] });
        (declarations[key] as object[]).push(item);
      });
    }
    for (const key of singleKeys) {
      const value = data[key];
      if (value === undefined) continue;
      const here = block.source.locate([key], true);
      const earlier = firstSeen.get(key);
      if (earlier) {
        report(file, 'duplicate-declaration', `\`${key}\` is declared twice; it was first declared at line ${earlier.start.line}`, here, { cause: earlier });
        continue;
      }
      firstSeen.set(key, here);
      origins.set(value, { block, path: [key] });
      (declarations as unknown as Record<string, unknown>)[key] = value;
    }
  }

  return {
    declarations,
    origins,
    locate(value, key) {
      const origin = origins.get(value);
      if (!origin) return undefined;
      return origin.block.source.locate(key === undefined ? origin.path : [...origin.path, key], key !== undefined);
    },
  };
}

/** The section a declared object was written in. */
export function sectionOf(merged: MergedDeclarations, value: object): SectionNode | undefined {
  return merged.origins.get(value)?.block.section;
}
