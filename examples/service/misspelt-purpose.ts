// This file must NOT compile: ALLAI declares no purpose "marketting". The test suite runs tsc
// on it (tsconfig.misspelt.json) and asserts the error, so a policy typo is caught at build time.
import { policy } from '../../dist/rules/allai/index.js';

export const allowed = policy.can({ purpose: 'marketting', category: 'contact' });
