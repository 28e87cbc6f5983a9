// Starts the packaged TensorMark server on a free port with its data in a fresh temp folder.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(base, server, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited early (code ${server.exitCode})`);
    try {
      const r = await fetch(`${base}/q/health/ready`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((res) => setTimeout(res, 1000));
  }
  throw new Error(`the server was not ready within ${seconds} s`);
}

/** Starts `quarkus-run.jar serve --demo` (the README's command, so the demo accounts exist); resolves to { base, dir, stop() } once the server is ready. */
export async function startServer(repoRoot) {
  const dir = mkdtempSync(join(tmpdir(), 'tensormark-e2e-'));
  // The sandbox runs jobs as an unprivileged uid that must be able to reach the jobs folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const log = openSync(join(dir, 'server.log'), 'w');
  const server = spawn('java', [
    '-Dai.djl.offline=true',
    `-Dtensormark.storage.blobs=${join(dir, 'blobs')}`,
    `-Dtensormark.worker.jobs-dir=${join(dir, 'jobs')}`,
    `-Dtensormark.http.port=${port}`,
    '-jar', join(repoRoot, 'target/quarkus-app/quarkus-run.jar'), 'serve', '--demo',
  ], { cwd: repoRoot, env: { ...process.env, TENSORMARK_DATA_DIR: join(dir, 'data') }, stdio: ['ignore', log, log] });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => new Promise((resolve) => {
    if (server.exitCode !== null) return resolve();
    server.once('exit', () => resolve());
    server.kill('SIGTERM');
    setTimeout(() => server.kill('SIGKILL'), 30_000).unref();
  });
  try {
    await waitUntilReady(base, server, 240);
  } catch (e) {
    await stop();
    throw new Error(`${e.message}; see ${join(dir, 'server.log')}`);
  }
  return { base, dir, stop };
}
