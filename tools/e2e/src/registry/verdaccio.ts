import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalRegistry {
  /** e.g. http://127.0.0.1:40123/ */
  url: string;
  /** An npm user config that publishes @compute/* there (a token Verdaccio accepts from anyone). */
  npmrc: string;
  stop(): Promise<void>;
}

/**
 * A real npm registry (Verdaccio) on a loopback port the OS picks, storing in a
 * temporary folder. It serves and accepts only @compute/*: no uplink, so every
 * other package keeps coming from the registry npm already uses. It runs in a
 * child process because the tests drive npm and nx synchronously.
 */
export async function startVerdaccio(): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'compute-registry-'));
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, 'storage'))}`,
      'uplinks: {}',
      'packages:',
      "  '@compute/*':",
      '    access: $all',
      '    publish: $all',
      'log: { type: stdout, format: pretty, level: error }',
      '',
    ].join('\n'),
  );
  const script = `
    const { runServer } = require(${JSON.stringify(require.resolve('verdaccio'))});
    runServer(${JSON.stringify(config)}).then((app) => {
      const server = app.listen(0, '127.0.0.1', () => console.log('LISTENING ' + server.address().port));
      process.on('SIGTERM', () => server.close(() => process.exit(0)));
    }, (error) => { console.error(error); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Verdaccio did not start within 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Verdaccio exited with ${code}:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}/`;
  const npmrc = join(dir, 'publish.npmrc');
  writeFileSync(npmrc, `@compute:registry=${url}\n//127.0.0.1:${port}/:_authToken=e2e\n`);
  return { url, npmrc, stop: () => stop(child, dir) };
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dir, { recursive: true, force: true });
}
