// One collection, filled by a loader that calls the engine: the same parser, rules and diff
// as the CLI. POLICY_SITE_ROOT and POLICY_SITE_TODAY let tests build other policies or dates.
import { defineCollection } from 'astro:content';
import { policyLoader } from './loaders/policies.ts';

export const collections = {
  policies: defineCollection({
    loader: policyLoader({ root: process.env.POLICY_SITE_ROOT ?? 'policies', today: process.env.POLICY_SITE_TODAY }),
  }),
};
