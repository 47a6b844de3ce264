// Finds a Chromium for the browser tests, Lighthouse and the screenshots, without a browser
// download: CHROMIUM_PATH, else a system Chromium or Chrome, else the Chromium that the npm
// package @sparticuz/chromium carries in its tarball (Linux x64), unpacked once per checkout.
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Where a browser was found, and the environment it needs to run. */
export interface FoundBrowser {
  found: true;
  executablePath: string;
  /** How it was found, for messages: `CHROMIUM_PATH`, `system`, `@sparticuz/chromium`. */
  source: string;
  /** Variables to add to the browser's environment (the packaged one's fonts). */
  env: Record<string, string>;
}

/** No browser on this machine: what to install, in words. */
export interface MissingBrowser {
  found: false;
  reason: string;
}

const systemNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const systemPaths: Partial<Record<NodeJS.Platform, string[]>> = {
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  win32: [
    join(process.env['PROGRAMFILES'] ?? 'C:\\Program Files', 'Google\\Chrome\\Application\\chrome.exe'),
    join(process.env['LOCALAPPDATA'] ?? 'C:\\', 'Chromium\\Application\\chrome.exe'),
  ],
};

function isExecutable(path: string, platform: NodeJS.Platform = process.platform): boolean {
  try {
    accessSync(path, platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first Chromium or Chrome on PATH or at its usual install location, if any. */
export function systemChromium(environment: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const exe = platform === 'win32' ? '.exe' : '';
  for (const folder of (environment['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    for (const name of systemNames) {
      const path = join(folder, name + exe);
      if (isExecutable(path, platform)) return path;
    }
  }
  return systemPaths[platform]?.find((path) => isExecutable(path, platform));
}

/**
 * The packaged Chromium, unpacked into node_modules/.cache once per package version. It is
 * unpacked into a fresh folder that is then renamed into place, so two test processes starting
 * together never run a half-written binary (the package itself unpacks straight into /tmp).
 */
async function packagedChromium(platform: NodeJS.Platform, arch: string): Promise<FoundBrowser | MissingBrowser> {
  if (platform !== 'linux' || arch !== 'x64') {
    return { found: false, reason: `@sparticuz/chromium carries a browser for Linux x64 only, not ${platform} ${arch}` };
  }
  let packageJson: string | undefined;
  try {
    // Its exports map hides package.json: walk up from the entry point to the package's folder.
    let folder = dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium'));
    while (!packageJson && folder !== dirname(folder)) {
      if (existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'bin', 'chromium.br'))) packageJson = join(folder, 'package.json');
      folder = dirname(folder);
    }
  } catch {
    // Not installed.
  }
  if (!packageJson) return { found: false, reason: '@sparticuz/chromium is not installed (run npm ci)' };
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const cache = resolve(dirname(packageJson), '..', '..', '.cache', 'sparticuz-chromium');
  const folder = join(cache, version);
  const binary = join(folder, 'chromium');
  if (!existsSync(binary)) {
    const staging = join(cache, `.unpacking-${process.pid}-${Date.now()}`);
    mkdirSync(staging, { recursive: true });
    // The package unpacks into os.tmpdir(), which reads TMPDIR on every call.
    const previous = process.env['TMPDIR'];
    process.env['TMPDIR'] = staging;
    try {
      const { default: Sparticuz } = await import('@sparticuz/chromium');
      await Sparticuz.executablePath(join(dirname(packageJson), 'bin'));
    } finally {
      if (previous === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previous;
    }
    // The package's fonts.conf names /tmp/fonts; ours names where the fonts are, then the system's.
    writeFileSync(
      join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(folder, 'fonts')}</dir>\n  <cachedir>${join(folder, 'fonts-cache')}</cachedir>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n</fontconfig>\n`,
    );
    try {
      renameSync(staging, folder);
    } catch {
      // Another process finished first: use its copy.
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return { found: true, executablePath: binary, source: '@sparticuz/chromium', env: { FONTCONFIG_FILE: join(folder, 'fonts.conf') } };
}

/**
 * Look for a browser, in order: CHROMIUM_PATH, a system Chromium or Chrome, the packaged
 * Chromium. The machine is a parameter so that tests can ask about another one.
 */
export async function locateChromium(environment: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, arch: string = process.arch): Promise<FoundBrowser | MissingBrowser> {
  const configured = environment['CHROMIUM_PATH'];
  if (configured) {
    return isExecutable(configured, platform)
      ? { found: true, executablePath: configured, source: 'CHROMIUM_PATH', env: {} }
      : { found: false, reason: `CHROMIUM_PATH is ${configured}, which is not an executable file` };
  }
  const system = systemChromium(environment, platform);
  if (system) return { found: true, executablePath: system, source: 'system', env: {} };
  const packaged = await packagedChromium(platform, arch);
  if (packaged.found) return packaged;
  return { found: false, reason: `no Chromium found: install Chromium or Google Chrome, or set CHROMIUM_PATH to one (${packaged.reason})` };
}

/**
 * Whether browser tests should be skipped: only when no browser was found, and never under
 * CI=true, where they run and fail on launch with the reason, so CI cannot pass by skipping.
 */
export function skipBrowserTests(browser: FoundBrowser | MissingBrowser, environment: NodeJS.ProcessEnv = process.env): boolean {
  return !browser.found && environment['CI'] !== 'true';
}

let lookup: Promise<FoundBrowser | MissingBrowser> | undefined;

/** This machine's browser (see locateChromium), looked for once per process. */
export function findChromium(): Promise<FoundBrowser | MissingBrowser> {
  lookup ??= locateChromium();
  return lookup;
}

/** Launch headless Chromium, optionally with a remote-debugging port (for Lighthouse). */
export async function launchChromium(debuggingPort?: number): Promise<Browser> {
  const browser = await findChromium();
  if (!browser.found) throw new Error(browser.reason);
  return chromium.launch({
    executablePath: browser.executablePath,
    args: debuggingPort ? [...chromiumArgs, `--remote-debugging-port=${debuggingPort}`] : chromiumArgs,
    env: { ...process.env, ...browser.env },
  });
}
