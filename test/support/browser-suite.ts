// Browser test files declare their suites with `describeInBrowser`: where no browser can be had
// (say macOS without Chrome), they are skipped with a message naming what to install; under
// CI=true they run anyway, and fail on launch with that message, so CI never passes by skipping.
import { describe } from 'vitest';
import { findChromium, skipBrowserTests } from './browser.ts';

const browser = await findChromium();
const skip = skipBrowserTests(browser);
if (skip && !browser.found) process.stderr.write(`browser tests skipped: ${browser.reason}\n`);

/** `describe` when a browser was found (or under CI), else `describe.skip`. */
export const describeInBrowser = describe.skipIf(skip);

/** Whether the browser tests in this file will run. */
export const browserTestsRun = !skip;
