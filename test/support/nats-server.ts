// Starts a throwaway nats-server (Debian's package) with JetStream on loopback for the tests.
// Missing, it is installed with apt-get when this machine allows it; otherwise the tests skip,
// naming what to install, except under CI=true, where they fail.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () => spawnSync('apt-get', ['install', '-y', '-qq', 'nats-server'], { stdio: 'ignore', env, timeout: 300_000 }).status === 0;
    if (!install()) {
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env, timeout: 300_000 });
      install();
    }
    binary = findBinary();
  }
  if (binary) return { binary };
  if (process.env.CI === 'true') throw new Error(`${installHint} (CI=true: the JetStream tests must run)`);
  return { missing: installHint };
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
