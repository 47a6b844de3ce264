// Screenshots of the main pages at desktop and phone width, light (whole pages) and dark, into docs/screenshots/.
// Run after `npm run build`: npm run screenshots
import { mkdirSync } from 'node:fs';
import { launchChromium } from '../test/support/browser.ts';
import { serveStatic } from '../test/support/static-server.ts';

const pages = [
  ['policy', '/allai/'],
  ['changes', '/allai/v/1.0.1/changes/'],
  ['versions', '/allai/versions/'],
] as const;
const screens = [
  ['desktop', 1280, 900, 'light'],
  ['phone', 360, 780, 'light'],
  ['dark', 1280, 900, 'dark'],
  ['phone-dark', 360, 780, 'dark'],
] as const;

mkdirSync('docs/screenshots', { recursive: true });
const { url, server } = await serveStatic(process.env.POLICY_SITE_OUT ?? 'dist/site');
const browser = await launchChromium();
try {
  for (const [name, path] of pages) {
    for (const [device, width, height, colorScheme] of screens) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme });
      await page.goto(`${url}${path}`);
      const file = `docs/screenshots/${name}-${device}.png`;
      await page.screenshot({ path: file, fullPage: name !== 'policy' || colorScheme === 'light' });
      console.log(`wrote ${file}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
