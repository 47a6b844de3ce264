import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateChromium, skipBrowserTests } from './support/browser.ts';

// Which Chromium the browser tests, Lighthouse and the screenshots use, on machines other than this one.

/** A folder holding an executable file with the given name. */
function folderWith(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'browser-lookup-'));
  writeFileSync(join(folder, name), '#!/bin/sh\n');
  chmodSync(join(folder, name), 0o755);
  return folder;
}

describe('finding a browser', () => {
  it('takes CHROMIUM_PATH first, and says so when it is not an executable', async () => {
    const folder = folderWith('chromium');
    expect(await locateChromium({ CHROMIUM_PATH: join(folder, 'chromium'), PATH: folderWith('google-chrome') }, 'linux', 'x64')).toMatchObject({ found: true, source: 'CHROMIUM_PATH', executablePath: join(folder, 'chromium') });
    expect(await locateChromium({ CHROMIUM_PATH: join(folder, 'missing') }, 'linux', 'x64')).toEqual({ found: false, reason: `CHROMIUM_PATH is ${join(folder, 'missing')}, which is not an executable file` });
  });

  it('then a Chromium or Chrome on PATH', async () => {
    const folder = folderWith('google-chrome');
    expect(await locateChromium({ PATH: folder }, 'linux', 'x64')).toMatchObject({ found: true, source: 'system', executablePath: join(folder, 'google-chrome') });
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')('then the Chromium inside @sparticuz/chromium, on Linux x64, unpacked with its fonts', async () => {
    const found = await locateChromium({ PATH: mkdtempSync(join(tmpdir(), 'empty-path-')) }, 'linux', 'x64');
    expect(found).toMatchObject({ found: true, source: '@sparticuz/chromium', executablePath: expect.stringMatching(/node_modules\/\.cache\/sparticuz-chromium\/[\d.]+\/chromium$/), env: { FONTCONFIG_FILE: expect.stringMatching(/fonts\.conf$/) } });
  }, 120_000);

  it('names what to install where none can be had (macOS without Chrome)', async () => {
    const missing = await locateChromium({ PATH: mkdtempSync(join(tmpdir(), 'empty-path-')) }, 'darwin', 'arm64');
    expect(missing).toEqual({ found: false, reason: 'no Chromium found: install Chromium or Google Chrome, or set CHROMIUM_PATH to one (@sparticuz/chromium carries a browser for Linux x64 only, not darwin arm64)' });
  });

  it('skips the browser tests only where none was found and not under CI=true, where they must fail instead', () => {
    const missing = { found: false as const, reason: 'no Chromium found' };
    const found = { found: true as const, executablePath: '/usr/bin/chromium', source: 'system', env: {} };
    expect(skipBrowserTests(missing, {})).toBe(true);
    expect(skipBrowserTests(missing, { CI: 'true' })).toBe(false);
    expect(skipBrowserTests(found, {})).toBe(false);
  });
});
