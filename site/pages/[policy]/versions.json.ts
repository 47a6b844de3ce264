// The released versions for machines (schema/versions.schema.json): a service's CI polls it to
// notice a new release, and the rules package's verify() compares its hashes with it.
import type { APIRoute, GetStaticPaths } from 'astro';
import { allPolicies, type SitePolicy } from '../../data.ts';

export const getStaticPaths: GetStaticPaths = async () => (await allPolicies()).map((policy) => ({ params: { policy: policy.id }, props: { policy } }));

export const GET: APIRoute = ({ props }) => new Response(`${JSON.stringify((props as { policy: SitePolicy }).policy.feed, null, 2)}\n`, { headers: { 'content-type': 'application/json' } });
