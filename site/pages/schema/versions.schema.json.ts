// The JSON Schema of /<id>/versions.json, served beside it.
import type { APIRoute } from 'astro';
import schema from '../../../schema/versions.schema.json';

export const GET: APIRoute = () => new Response(`${JSON.stringify(schema, null, 2)}\n`, { headers: { 'content-type': 'application/schema+json' } });
