// The `policy` command: flags in, a library call, a report, an exit code
// (0 clean or warnings only, 1 errors, 2 could not run).
// Each command's module is imported inside its action, so `policy --help` loads none of them
// and each command loads only what it uses.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { outputFormats, type OutputFormat } from '../diagnostics/output-formats.ts';
import { guardOutputStreams, notATerminal, writerTo } from './output.ts';

guardOutputStreams();
const out = writerTo(1);
const err = writerTo(2);
const color = !notATerminal(1) && process.stdout.isTTY === true && !('NO_COLOR' in process.env);

const program = new Command('policy')
  .description('Privacy policies as structured Markdown: check, build, diff and publish them.')
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ writeOut: out, writeErr: err })
  .showHelpAfterError('(run with --help for usage)');

program
  .command('check')
  .description('Check policies: schema, references between declarations, prose lint, released history and version numbers. Prints `file:line:col severity rule-id message`; exits 1 on errors, 0 on warnings only.')
  .argument('[paths...]', 'policy files or folders (default: policies)')
  .addOption(new Option('-f, --format <format>', 'output format: pretty for people, json for programs, sarif for code scanning, github for annotations on pull requests').choices([...outputFormats]).default('pretty'))
  .option('--date <YYYY-MM-DD>', 'the release date assumed for notice periods', new Date().toISOString().slice(0, 10))
  .option('--release', 'check as `policy release` would on --date: an effective date too early for that day is an error, not a warning', false)
  .option('--anchored', 'require the released history to be verified against the whole git history (for CI: a shallow clone or no git is an error); without it, it is verified when the history is there', false)
  .option('--no-cache', 'check everything afresh, reading and writing nothing in .policy/cache/ (where answers for the same bytes, engine and options are kept otherwise)')
  .action(async (paths: string[], options: { format: OutputFormat; date: string; release: boolean; anchored: boolean; cache: boolean }) => {
    const { runCheck } = await import('./check.ts');
    process.exitCode = await runCheck(paths, { format: options.format, color, today: options.date, releasing: options.release, anchored: options.anchored, cache: options.cache }, out, err);
  });

program
  .command('build')
  .description('Check every policy, then compile into the output folder each released version\'s document, the rules module (ESM + .d.ts, rules.json, JSON-LD), the diffs between versions, the release events, and each policy\'s store privacy labels and Art. 30 record (labels/<policy>/, see docs/store-labels.md). `npm run build` also builds the site.')
  .argument('[paths...]', 'policy files or folders (default: policies)')
  .option('-o, --out <dir>', 'output folder', 'dist')
  .option('--package-scope <scope>', 'npm scope of the rules packages (default: package.json policy.packages.scope, else none)')
  .option('--package-name <pattern>', 'name of the rules packages, {id} is the policy id (default: {id}-privacy-rules)')
  .option('--no-pack', 'do not write the installable packages (dist/packages/)')
  .action(async (paths: string[], options: { out: string; packageScope?: string; packageName?: string; pack: boolean }) => {
    const { runBuild } = await import('./build.ts');
    process.exitCode = await runBuild(paths, { ...options, color }, out, err);
  });

program
  .command('release')
  .description('Release the working draft of a policy as its next version: snapshot, manifest entry and notification event. Refuses when the version number is too low for the change, and while another release of the policy runs. A release interrupted before its manifest entry is completed by running it again, or undone with --rollback.')
  .argument('<policy>', 'policy id (folder under policies/) or folder')
  .option('--date <YYYY-MM-DD>', 'release date', new Date().toISOString().slice(0, 10))
  .option('--rollback', 'undo an interrupted release: remove its files that no manifest entry names', false)
  .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
  .action(async (policy: string, options: { date: string; format: 'pretty' | 'json'; rollback: boolean }) => {
    const { runRelease } = await import('./release.ts');
    process.exitCode = await runRelease(policy, { ...options, color }, out, err);
  });

program
  .command('diff')
  .description('What changed between two versions: the classified declaration changes (material or not, the version bump they need, who must be told), then the prose redline, ignoring formatting noise.')
  .argument('<args...>', 'two files; or a policy id and two versions (allai 1.0.0 1.0.1, "draft" for the working draft); or a policy id with --base')
  .option('--base <git-ref>', 'compare the working draft with its text at this git ref')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'markdown', 'json']).default('pretty'))
  .action(async (args: string[], options: { base?: string; format: 'pretty' | 'markdown' | 'json' }) => {
    const { runDiff } = await import('./diff.ts');
    process.exitCode = await runDiff(args, { ...options, color }, out, err);
  });

program
  .command('notify')
  .description('Deliver the notices and consent requests of every committed release that needs them, as CloudEvents (one per release, kind and audience) with an email, a banner and a push/SMS text, to the configured sinks (signed webhooks, NATS JetStream, JSON lines), exactly once per sink: retried with backoff, dead-lettered after the last attempt, resumed safely after a crash. The summary goes to stdout, progress to stderr.')
  .argument('[paths...]', 'policy files or folders (default: policies)')
  .option('-c, --config <file>', 'sinks configuration', 'notify.config.json')
  .option('--store <file>', 'delivery state (SQLite); overrides the configuration')
  .option('--retry-dead', 'try dead deliveries again', false)
  .option('--ref <git-ref>', 'send only releases recorded in the manifests committed at this ref', 'HEAD')
  .option('--allow-dirty', 'run although policy folders have uncommitted changes (uncommitted releases are still not sent)', false)
  .option('--dry-run', 'print the events (and their messages) that would be sent; send nothing and write no state', false)
  .option('--resend-past', 'also send notices of releases already in effect (they are skipped, so that losing the delivery state never re-sends old notices)', false)
  .option('--date <YYYY-MM-DD>', 'today, for the tense of messages and for skipping releases already in effect', new Date().toISOString().slice(0, 10))
  .option('--wait <seconds>', 'wait this long for another notify run using the same delivery state, instead of refusing at once', seconds, 0)
  .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
  .action(async (paths: string[], options: { config: string; store?: string; retryDead: boolean; wait: number; ref: string; allowDirty: boolean; resendPast: boolean; dryRun: boolean; date: string; format: 'pretty' | 'json' }) => {
    const invalid = (await import('../history/notice.ts')).invalidDate(options.date);
    if (invalid) {
      err(`policy notify: ${invalid}\n`);
      process.exitCode = 2;
      return;
    }
    const { runNotify } = await import('./notify.ts');
    process.exitCode = await runNotify(paths, { ...options, today: options.date, color }, out, err);
  });

program
  .command('review')
  .description('One Markdown comment for a pull request: for each changed policy, the classified changes, the required and declared version, the notice and effective dates, who will be notified and with what summary, and the check findings.')
  .requiredOption('--base <git-ref>', 'the branch the pull request goes into, e.g. origin/main (fetched when a shallow clone lacks it)')
  .option('--date <YYYY-MM-DD>', 'the release date assumed for notice periods', new Date().toISOString().slice(0, 10))
  .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
  .action(async (options: { base: string; date: string; format: 'markdown' | 'json' }) => {
    const { runReview } = await import('./review.ts');
    process.exitCode = await runReview(options, out, err);
  });

program
  .command('tag')
  .description('Sign a committed release with git\'s own signed tag, policy/<id>/<version>, on the commit that released it (SSH or GPG, as git is configured: gpg.format, user.signingkey). With signing keys configured (gpg.ssh.allowedSignersFile, or git config policy.verifyTags true), `policy check` requires a valid signed tag on every release.')
  .argument('<policy>', 'policy id (folder under policies/) or folder')
  .argument('[version]', 'the released version to tag (default: the newest)')
  .action(async (policy: string, version: string | undefined) => {
    const { runTag } = await import('./tag.ts');
    process.exitCode = await runTag(policy, version, out, err);
  });

program
  .command('new')
  .description('Start a new policy in policies/<id>/policy.md from a template that passes `policy check`; each fact still to be written is marked `unstated`.')
  .argument('<id>', 'the policy id, kebab-case (also its folder name)')
  .requiredOption('--controller <name>', 'the company responsible for the data')
  .option('--title <title>', 'the policy title (default: "Privacy Policy for <controller>")')
  .option('--email <address>', 'the privacy contact address')
  .option('--date <YYYY-MM-DD>', 'effective and updated date', new Date().toISOString().slice(0, 10))
  .action(async (id: string, options: { controller: string; title?: string; email?: string; date: string }) => {
    const { runNew } = await import('./new.ts');
    process.exitCode = runNew(id, options, out, err);
  });

program
  .command('import')
  .description('Draft a structured policy from an existing plain-text or Markdown policy: headings detected, prose kept verbatim, candidate declarations in blocks marked `review` for an editor to check.')
  .argument('<file>', 'the existing policy (.txt or .md)')
  .option('--id <id>', 'the new policy id (default: from the file name)')
  .option('--stdout', 'print the draft instead of writing policies/<id>/policy.md', false)
  .option('--date <YYYY-MM-DD>', 'effective date when the text names none', new Date().toISOString().slice(0, 10))
  .action(async (file: string, options: { id?: string; stdout: boolean; date: string }) => {
    const { runImport } = await import('./import.ts');
    process.exitCode = runImport(file, options, out, err);
  });

program
  .command('lsp')
  .description('Run the policy language server for editors (VS Code extension in editor/vscode, or any LSP client): `policy check` findings as you type with quick fixes, and completion and hover docs from the schema inside front matter and ```yaml policy``` blocks.')
  .option('--stdio', 'talk LSP over standard input and output (the only transport; accepted because clients pass it)')
  .action(async () => {
    // Loaded only here: the YAML language server is large, and other commands should start fast.
    const { startLanguageServer } = await import('../editor/server.ts');
    startLanguageServer();
  });

// Every --date is a real calendar day, or the command does not run. The default (today) is
// one: it is not checked, which spares a warm `policy check` setting up Temporal.
program.hook('preAction', async (_program, command) => {
  const date = command.getOptionValueSource('date') === 'default' ? undefined : (command.opts() as { date?: string }).date;
  const problem = date === undefined ? undefined : (await import('../history/notice.ts')).invalidDate(date);
  if (problem) {
    err(`policy ${command.name()}: ${problem}\n`);
    process.exit(2);
  }
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version exit through here with code 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    err(`policy: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.POLICY_DEBUG) err(`${error instanceof Error ? error.stack : ''}\n`);
    process.exitCode = 2;
  }
}

/** A non-negative number of seconds, for --wait. */
function seconds(value: string): number {
  const parsed = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(parsed)) throw new InvalidArgumentError('expected a number of seconds, e.g. 30');
  return parsed;
}
