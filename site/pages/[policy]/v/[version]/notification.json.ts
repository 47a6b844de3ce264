// Each version's notification event, as `policy release` recorded it.
import type { APIRoute, GetStaticPaths } from 'astro';
import { allPolicies, type SiteVersion } from '../../../../data.ts';

export const getStaticPaths: GetStaticPaths = async () =>
  (await allPolicies()).flatMap((policy) => policy.versions.map((version) => ({ params: { policy: policy.id, version: version.entry.version }, props: { version } })));

export const GET: APIRoute = ({ props }) => new Response(`${JSON.stringify((props as { version: SiteVersion }).version.event, null, 2)}\n`, { headers: { 'content-type': 'application/json' } });
