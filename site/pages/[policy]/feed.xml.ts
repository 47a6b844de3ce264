// An Atom feed of a policy's versions: one entry per release, linking to what changed.
import type { APIRoute, GetStaticPaths } from 'astro';
import { escapeHtml } from '../../../src/notify/text.ts';
import { allPolicies, versionPath, type SitePolicy } from '../../data.ts';

export const getStaticPaths: GetStaticPaths = async () => (await allPolicies()).map((policy) => ({ params: { policy: policy.id }, props: { policy } }));

export const GET: APIRoute = ({ props, site }) => {
  const { policy } = props as { policy: SitePolicy };
  const url = (path: string) => new URL(path, site).href;
  const entries = policy.versions.map((version) => {
    const summary = version.event?.summary.length ? version.event.summary.join(' ') : version.diff ? 'Wording changes only.' : 'First published version.';
    return `  <entry>
    <id>${escapeHtml(url(versionPath(policy.id, version.entry.version)))}</id>
    <title>${escapeHtml(`${version.meta.title} ${version.entry.version}, effective ${version.meta.effective}`)}</title>
    <updated>${version.entry.released}T00:00:00Z</updated>
    <link rel="alternate" href="${escapeHtml(url(`${versionPath(policy.id, version.entry.version)}changes/`))}"/>
    <summary>${escapeHtml(summary)}</summary>
  </entry>`;
  });
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeHtml(url(`/${policy.id}/`))}</id>
  <title>${escapeHtml(`${policy.title}: changes`)}</title>
  <subtitle>${escapeHtml(`Release chain head: ${policy.versions[0]!.entry.hash} (the hash of the newest entry of versions/manifest.json, which chains every release before it; a rewritten history changes it)`)}</subtitle>
  <updated>${policy.versions[0]!.entry.released}T00:00:00Z</updated>
  <link rel="self" href="${escapeHtml(url(`/${policy.id}/feed.xml`))}"/>
  <link rel="alternate" href="${escapeHtml(url(`/${policy.id}/`))}"/>
  <author><name>${escapeHtml(policy.current.meta.controller.name)}</name></author>
${entries.join('\n')}
</feed>
`;
  return new Response(body, { headers: { 'content-type': 'application/atom+xml' } });
};
