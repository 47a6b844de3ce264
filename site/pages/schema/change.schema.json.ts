// The JSON Schema of a classified change, which versions.schema.json refers to for its actions.
import type { APIRoute } from 'astro';
import schema from '../../../schema/change.schema.json';

export const GET: APIRoute = () => new Response(`${JSON.stringify(schema, null, 2)}\n`, { headers: { 'content-type': 'application/schema+json' } });
