// Debian's Chromium driven by playwright-core: never a browser download.
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Launch headless Chromium, optionally with a remote-debugging port (for Lighthouse). */
export function launchChromium(debuggingPort?: number): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: debuggingPort ? [...chromiumArgs, `--remote-debugging-port=${debuggingPort}`] : chromiumArgs });
}
