// Typed access to the loaded policies for pages.
import { getCollection } from 'astro:content';
import type { SitePolicy, SiteVersion } from '../src/site/data.ts';

export type { SitePolicy, SiteVersion };

export async function allPolicies(): Promise<SitePolicy[]> {
  return (await getCollection('policies')).map((entry) => entry.data as unknown as SitePolicy);
}

export { longDate } from '../src/notify/text.ts';

export const versionPath = (policy: string, version: string) => `/${policy}/v/${version}/`;
