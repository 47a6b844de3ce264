// Generated from schema/*.schema.json by `npm run generate`. Do not edit: change the
// schema and regenerate. A test fails when this file is stale.
import type { ValidateFunction } from 'ajv';
export declare const frontMatter: ValidateFunction;
export declare const declarationBlock: ValidateFunction;
export declare const translationFrontMatter: ValidateFunction;
export declare const labelsBlock: ValidateFunction;
export declare const manifest: ValidateFunction;
export declare const notifyConfig: ValidateFunction;
