// Typed access to the loaded policies for pages.
import { getCollection } from 'astro:content';
import type { SitePolicy, SiteVersion } from '../src/site/data.ts';

export type { SitePolicy, SiteVersion };

export async function allPolicies(): Promise<SitePolicy[]> {
  return (await getCollection('policies')).map((entry) => entry.data as unknown as SitePolicy);
}

/** "4 June 2025" */
export function longDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export const versionPath = (policy: string, version: string) => `/${policy}/v/${version}/`;
