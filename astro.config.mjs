// The public policy site: static pages, no client JavaScript. Its data comes from the
// engine (site/content.config.ts), so the site reads exactly what `policy check` checked.
import { defineConfig } from 'astro/config';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: process.env.POLICY_SITE_OUT ?? './dist/site',
  site: process.env.POLICY_SITE_URL ?? 'https://policies.example.com',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  compressHTML: true,
  devToolbar: { enabled: false },
  // Telemetry is not a config option: the npm scripts set ASTRO_TELEMETRY_DISABLED=1, Astro's
  // documented switch, so a build makes no network call.
});
