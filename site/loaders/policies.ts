import type { Loader } from 'astro/loaders';
import { loadSiteData } from '../../src/site/data.ts';

/** An Astro content loader over the engine: one entry per policy, with every released version. */
export function policyLoader(options: { root: string; today?: string | undefined }): Loader {
  return {
    name: 'policy-as-code',
    async load({ store, logger, generateDigest }) {
      const policies = await loadSiteData(options.root, options.today);
      store.clear();
      for (const policy of policies) {
        const data = JSON.parse(JSON.stringify(policy)) as Record<string, unknown>;
        store.set({ id: policy.id, data, digest: generateDigest(data) });
        logger.info(`${policy.id}: ${policy.versions.length} released version(s), current ${policy.current.entry.version}`);
      }
    },
  };
}
