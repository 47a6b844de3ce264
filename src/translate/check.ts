import { basename } from 'node:path';
import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.ts';
import type { LabelsBlock, PolicyDocument, TranslationFrontMatter } from '../model/policy.generated.ts';
import { parsePolicy, type ParsedPolicy } from '../parse/policy-file.ts';
import { walk } from '../parse/sections.ts';
import { contentPrefixes, parseYamlSource } from '../parse/yaml-source.ts';
import { validateAgainst } from '../validate/schema.ts';
import semver from 'semver';
import { translationFile } from './file-name.ts';

export { translationFile };

/** A checked translation: its metadata, parse and labels, when well-formed. */
export interface Translation {
  meta: TranslationFrontMatter;
  parsed: ParsedPolicy;
  labels: LabelsBlock;
}

/**
 * Check a translation against the policy it translates: its front matter, its labels
 * (declared ids only), the sections it has and lacks (matched by anchor), and whether it
 * follows the current version. Declarations are never copied into translations: they stay
 * in policy.md and are shared.
 */
export function checkTranslation(file: VFile, source: PolicyDocument): Translation | undefined {
  if (file.value === undefined) return undefined;
  const parsed = parsePolicy(file);
  if (!parsed.frontMatter || parsed.frontMatter.data === undefined) return undefined;
  if (!validateAgainst(file, parsed.frontMatter, 'translationFrontMatter', 'the translation front matter')) return undefined;
  const meta = parsed.frontMatter.data as TranslationFrontMatter;
  const locale = translationFile.exec(basename(file.path))?.[1];
  if (locale && locale !== meta.locale) report(file, 'invalid-value', `The file is named for locale \`${locale}\` but its front matter says \`${meta.locale}\``, parsed.frontMatter.locate(['locale']));
  if (meta.id !== source.meta.id) report(file, 'policy-id-mismatch', `This translation names policy \`${meta.id}\`, but it sits beside \`${source.meta.id}\``, parsed.frontMatter.locate(['id']));
  for (const block of parsed.blocks) report(file, 'unknown-key', 'A translation holds no declarations: they are shared from policy.md; translate labels in a ```yaml policy-labels``` block', block.position);

  // Labels: ```yaml policy-labels``` blocks.
  const labels: LabelsBlock = {};
  let fileLines: string[] | undefined;
  visit(parsed.tree, 'code', (node: Code) => {
    if (node.lang !== 'yaml' || !(node.meta ?? '').split(/\s+/).includes('policy-labels') || !node.position) return;
    fileLines ??= String(file.value).split(/\r?\n|\r/);
    const yaml = parseYamlSource(file, node.value, node.position.start.line + 1, contentPrefixes(fileLines, node.position.start.line + 1, node.value));
    if (yaml.data === undefined || !validateAgainst(file, yaml, 'labelsBlock', 'the labels block')) return;
    const data = yaml.data as LabelsBlock;
    const ids = {
      categories: source.declarations.categories.map((item) => item.id),
      purposes: source.declarations.purposes.map((item) => item.id),
      recipients: source.declarations.recipients.map((item) => item.id),
      integrations: source.declarations.integrations.map((item) => item.id),
      rights: source.declarations.rights?.granted.map((item) => item.id) ?? [],
    };
    for (const key of Object.keys(ids) as (keyof typeof ids)[]) {
      for (const [id, label] of Object.entries(data[key] ?? {})) {
        if (!ids[key].includes(id)) report(file, 'unknown-reference', `The label for \`${key}.${id}\` translates nothing: policy.md declares no such id`, yaml.locate([key, id], true));
        else (labels[key] ??= {})[id] = label!;
      }
    }
  });

  // Sections, matched by anchor.
  const sourceIds = new Set(source.sections.flatMap(function ids(section): string[] {
    return [section.id, ...section.children.flatMap(ids)];
  }));
  const translated = [...walk(parsed.sections)];
  const translatedIds = new Set(translated.map((section) => section.id));
  for (const section of translated) {
    if (!sourceIds.has(section.id)) report(file, 'translation-anchor-mismatch', `The section "${section.title}" has the anchor \`#${section.id}\`, which the policy does not have`, section.heading.position);
  }
  for (const id of sourceIds) {
    if (!translatedIds.has(id)) report(file, 'translation-missing-section', `The section \`#${id}\` of the policy is not translated`, parsed.frontMatter.locate(['title']));
  }
  if (semver.valid(meta.translates) && semver.lt(meta.translates, source.meta.version)) {
    report(file, 'translation-outdated', `This translation follows version ${meta.translates}; the policy is now at ${source.meta.version}`, parsed.frontMatter.locate(['translates']));
  }
  return { meta, parsed, labels };
}
