import type { VFile } from 'vfile';
import type { PolicyDocument } from '../model/policy.generated.ts';
import type { MergedDeclarations } from '../document/declarations.ts';
import type { ParsedPolicy } from '../parse/policy-file.ts';

/** What a lint rule receives: the valid document and the parse it came from, for positions. */
export interface LintContext {
  file: VFile;
  document: PolicyDocument;
  parsed: ParsedPolicy;
  merged: MergedDeclarations;
}

/** A lint rule: reports on `context.file`, returns nothing. */
export type LintRule = (context: LintContext) => void;
