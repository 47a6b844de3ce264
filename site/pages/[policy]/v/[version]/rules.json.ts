// Each version's compiled rules, byte for byte the canonical rules.json of `policy build`.
import type { APIRoute, GetStaticPaths } from 'astro';
import { allPolicies, type SiteVersion } from '../../../../data.ts';

export const getStaticPaths: GetStaticPaths = async () =>
  (await allPolicies()).flatMap((policy) => policy.versions.map((version) => ({ params: { policy: policy.id, version: version.entry.version }, props: { version } })));

export const GET: APIRoute = ({ props }) => new Response((props as { version: SiteVersion }).version.rulesJson, { headers: { 'content-type': 'application/json' } });
