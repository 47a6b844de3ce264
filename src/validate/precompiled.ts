/**
 * The validators every check needs, by the name `validatorFor` takes and the export name in
 * `validators.generated.js`. They are compiled ahead of time (`npm run generate`): compiling
 * the policy schema is most of a check's start-up otherwise.
 */
export const precompiledValidators = {
  frontMatter: 'frontMatter',
  declarationBlock: 'declarationBlock',
  translationFrontMatter: 'translationFrontMatter',
  labelsBlock: 'labelsBlock',
  'manifest.schema.json': 'manifest',
  'notify-config.schema.json': 'notifyConfig',
} as const;
