// One collection, filled by a loader that reads what `policy build` wrote: the same documents,
// rules and diffs as the CLI, computed once. POLICY_SITE_ROOT, POLICY_SITE_TODAY and
// POLICY_BUILD_OUT let tests build other policies, dates or build outputs.
import { defineCollection } from 'astro:content';
import { policyLoader } from './loaders/policies.ts';

export const collections = {
  policies: defineCollection({
    loader: policyLoader({ root: process.env.POLICY_SITE_ROOT ?? 'policies', today: process.env.POLICY_SITE_TODAY, built: process.env.POLICY_BUILD_OUT }),
  }),
};
