import type { VFile } from 'vfile';
import { hasErrors, report } from './diagnostics/report.ts';
import { lintRules, runLintRule } from './lint/index.ts';
import { mergeDeclarations, type MergedDeclarations } from './document/declarations.ts';
import { buildDocument } from './document/build.ts';
import type { FrontMatter, PolicyDocument } from './model/policy.generated.ts';
import { parsePolicy, type ParsedPolicy } from './parse/policy-file.ts';
import { checkReferences } from './document/references.ts';
import { validateAgainst } from './validate/schema.ts';

/** The outcome of checking one file: its messages, and the document when it could be built. */
export interface FileCheck {
  file: VFile;
  /** Present when the file is a well-formed policy (it may still carry warnings). */
  document?: PolicyDocument;
  parsed?: ParsedPolicy;
  merged?: MergedDeclarations;
}

/** What the caller knows about a file beyond its text. */
export interface FileCheckOptions {
  /** The id the file's place implies (its folder under `policies/`); a different `id` is an error. */
  expectedId?: string | undefined;
}

/**
 * Parse, validate and lint one policy file held in `file.value`. Problems become messages on
 * the file; this never throws on bad input. The document is returned when there are no
 * errors in the structure, so that the site, rules and diff read exactly what was checked.
 */
export function checkPolicy(file: VFile, options: FileCheckOptions = {}): FileCheck {
  if (file.value === undefined) return { file };
  const parsed = parsePolicy(file);
  if (parsed.outOfBounds) return { file };
  const { frontMatter, blocks } = parsed;

  let metaValid = false;
  if (frontMatter && frontMatter.data !== undefined) {
    metaValid = validateAgainst(file, frontMatter, 'frontMatter', 'the front matter');
  }
  const validBlocks = blocks.filter((block) => block.source.data !== undefined && validateAgainst(file, block.source, 'declarationBlock', 'the declaration block'));
  if (!metaValid || validBlocks.length !== blocks.length) return { file, parsed };

  const meta = frontMatter!.data as FrontMatter;
  if (options.expectedId !== undefined && options.expectedId !== meta.id) {
    report(file, 'policy-id-mismatch', `The policy id \`${meta.id}\` differs from its folder \`policies/${options.expectedId}/\``, frontMatter!.locate(['id']));
  }
  const merged = mergeDeclarations(file, validBlocks);
  checkReferences(file, merged, parsed.sections);
  if (hasErrors(file)) return { file, parsed, merged };

  const document = buildDocument(file.path, String(file.value), meta, merged, parsed.sections);
  for (const rule of lintRules) runLintRule(rule, { file, document, parsed, merged });
  return { file, document, parsed, merged };
}
