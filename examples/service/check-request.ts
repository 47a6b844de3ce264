// A backend service's use of the compiled ALLAI rules: before reading a user's data for a
// purpose, ask the policy. Purpose and category ids are string-literal types generated from
// the policy, so a misspelt id does not compile (see misspelt-purpose.ts).
import { policy, PolicyViolation, type CategoryId, type PurposeId } from '../../dist/rules/allai/index.js';

/** What a handler wants: the categories of a user's data it will read, and why. */
export interface DataRequest {
  purpose: PurposeId;
  categories: readonly CategoryId[];
}

/** The decision for a request, with the policy version it was made under. */
export type Decision = { allowed: true; version: string } | { allowed: false; version: string; reason: string };

/** Check every category of a request against the current policy. */
export function checkRequest(request: DataRequest): Decision {
  try {
    for (const category of request.categories) policy.assertAllowed({ purpose: request.purpose, category });
    return { allowed: true, version: policy.version };
  } catch (error) {
    if (error instanceof PolicyViolation) return { allowed: false, version: error.version, reason: error.message };
    throw error;
  }
}

/** Whether a user who accepted `accepted` must be shown the new policy before continuing. */
export function mustShowPolicy(accepted: string, connectedPinterest: boolean): boolean {
  const known = policy.versions.find((version) => version === accepted);
  if (!known) return true;
  return policy.mustNotify(known, { integrations: connectedPinterest ? ['pinterest'] : [] }) || policy.requiresReconsent(known);
}

if (import.meta.main) {
  const requests: DataRequest[] = [
    { purpose: 'generate-content', categories: ['content'] },
    { purpose: 'generate-content', categories: ['content', 'payment'] },
    { purpose: 'billing', categories: ['payment', 'contact'] },
  ];
  for (const request of requests) console.log(JSON.stringify({ request, decision: checkRequest(request) }));
  console.log(JSON.stringify({ mustShowPolicy: mustShowPolicy('1.0.0', true) }));
}
