// Starts a throwaway nats-server (Debian's package) with JetStream on loopback for the tests.
// Missing, it is installed with apt-get when this machine allows it; otherwise the tests skip,
// naming what to install, except under CI=true, where they fail.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const installHint = 'nats-server is not installed: install it with `apt-get install nats-server` (Debian) to run the JetStream tests';

function findBinary(): string | undefined {
  for (const candidate of ['nats-server', '/usr/sbin/nats-server', '/usr/bin/nats-server']) {
    if (spawnSync(candidate, ['--version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return undefined;
}

/** The nats-server binary, installing it when missing and possible; or why the tests cannot run. */
export function natsServerBinary(): { binary: string } | { missing: string } {
  let binary = findBinary();
  const mayInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0 && process.env.POLICY_TEST_NO_INSTALL === undefined;
  if (!binary && mayInstall) {
    // Test files run in parallel: one installs while the others wait for it.
    binary = whileHolding(join(tmpdir(), 'policy-tests-nats-install.lock'), () => {
      const found = findBinary();
      if (found) return found;
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      const apt = (...args: string[]) => spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], { stdio: 'ignore', env, timeout: 600_000 }).status === 0;
      if (!apt('install', '-y', '-qq', 'nats-server')) {
        apt('update', '-qq');
        apt('install', '-y', '-qq', 'nats-server');
      }
      return findBinary();
    });
  }
  if (binary) return { binary };
  if (process.env.CI === 'true') throw new Error(`${installHint} (CI=true: the JetStream tests must run)`);
  return { missing: installHint };
}

/** Run `work` holding a lock folder (mkdir is atomic), waiting up to ten minutes for another holder. */
function whileHolding<T>(lock: string, work: () => T): T {
  const deadline = Date.now() + 600_000;
  let held = false;
  while (!held && Date.now() < deadline) {
    try {
      mkdirSync(lock);
      held = true;
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return work();
  } finally {
    if (held) rmSync(lock, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A running nats-server with JetStream, storing in a fresh folder; `stop` kills it. */
export async function startNatsServer(binary: string): Promise<{ url: string; stop: () => void; process: ChildProcess }> {
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'nats-js-'));
  const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nats-server did not start in 20 s:\n${log}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Server is ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`nats-server exited (${code}):\n${log}`));
    });
  });
  child.stderr!.resume();
  return { url: `nats://127.0.0.1:${port}`, process: child, stop: () => void child.kill('SIGTERM') };
}
