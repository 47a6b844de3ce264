// The suite in three projects, so each can be run alone (`vitest run --project unit`) and each
// gets timeouts sized for a loaded 2-core machine rather than a fast laptop:
// - unit: pure functions and in-process checks (no child processes, no browser);
// - integration: tests that start the CLI, git, tsc, astro, a language server or a package build;
// - browser: the built site in Chromium (axe-core, Lighthouse, print).
import { defineConfig } from 'vitest/config';

const integration = [
  'test/cli-start.test.ts',
  'test/cli.test.ts',
  'test/diff.test.ts',
  'test/editor-limits.test.ts',
  'test/editor.test.ts',
  'test/example-service.test.ts',
  'test/fuzz.test.ts',
  'test/git-answers.test.ts',
  'test/history-anchor.test.ts',
  'test/history.test.ts',
  'test/in-force.test.ts',
  'test/line-endings.test.ts',
  'test/notify-asyncapi.test.ts',
  'test/notify-crash.test.ts',
  'test/notify-delivery.test.ts',
  'test/nlp-model-bundle.test.ts',
  'test/notify.test.ts',
  'test/package.test.ts',
  'test/pre-commit.test.ts',
  'test/release-race.test.ts',
  'test/review-hostile.test.ts',
  'test/review.test.ts',
  'test/rules-module.test.ts',
  'test/runtime-emitted.test.ts',
  'test/store-labels.test.ts',
  'test/translations-released.test.ts',
  'test/unused.test.ts',
  'test/vscode-extension.test.ts',
];
const browser = ['test/site.test.ts'];

export default defineConfig({
  test: {
    // A test that writes goes to a temporary folder; the repository is read-only to the suite.
    projects: [
      {
        extends: true,
        // A unit test that starts a process fails, naming the integration list above (test/support/unit-setup.ts).
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...integration, ...browser], setupFiles: ['test/support/unit-setup.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: { name: 'integration', include: integration, testTimeout: 120_000, hookTimeout: 180_000 },
      },
      {
        extends: true,
        // One browser at a time is all two cores can carry.
        test: { name: 'browser', include: browser, testTimeout: 180_000, hookTimeout: 300_000, fileParallelism: false },
      },
    ],
  },
});
