import type { ValidateFunction } from 'ajv';
import { precompiledValidators } from './precompiled.ts';
import * as precompiled from './validators.generated.js';

/**
 * The validator of one `$defs` entry of the policy schema (`frontMatter`, `declarationBlock`,
 * ...) or of a whole schema by file name. They are precompiled, so no process pays for
 * compiling the schema; ajv itself is not even loaded.
 */
export function validatorFor(definition: string): ValidateFunction {
  const name = precompiledValidators[definition as keyof typeof precompiledValidators];
  const found = name && precompiled[name];
  if (!found) throw new Error(`no precompiled validator for ${definition}: add it to precompiledValidators in precompiled.ts and run npm run generate`);
  return found;
}
