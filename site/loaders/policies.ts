import type { Loader } from 'astro/loaders';
import { loadSiteData } from '../../src/site/data.ts';

/**
 * An Astro content loader over what `policy build` wrote (see `loadSiteData`): one entry per
 * policy, with every released version. POLICY_BUILD_OUT names the build output (default dist/).
 */
export function policyLoader(options: { root: string; today?: string | undefined; built?: string | undefined }): Loader {
  return {
    name: 'policy-as-code',
    async load({ store, logger, generateDigest }) {
      const policies = await loadSiteData(options.root, options.today, { built: options.built, warn: (line) => logger.warn(line) });
      store.clear();
      for (const policy of policies) {
        const data = JSON.parse(JSON.stringify(policy)) as Record<string, unknown>;
        store.set({ id: policy.id, data, digest: generateDigest(data) });
        logger.info(`${policy.id}: ${policy.versions.length} released version(s), current ${policy.current.entry.version}`);
      }
    },
  };
}
