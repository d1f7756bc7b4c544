import type { ExecutorContext } from '@nx/devkit';
import { runTest } from '../executors/test/executor';
import type { TestExecutorSchema } from '../executors/test/schema';
import { executorContext } from './executor-context';
import { computeWorkspace } from './fixtures';
import { type TempDir, createTempDir } from './temp-dir';
import type { TestIO } from '../executors/test/check-project';
import { testIO } from './test-io';

/** The clock the test executor specs run at. */
const NOW = new Date('2026-11-28T12:00:00Z');

/** A fresh workspace and captured output for each test; fields are replaced before every test. */
export interface TestExecutorHarness {
  ws: TempDir;
  out: string[];
  /** git's identity is a mock returning nothing. */
  io: TestIO;
  context(): ExecutorContext;
  run(options?: TestExecutorSchema): ReturnType<typeof runTest>;
}

/**
 * Registers the before/after hooks of the enclosing describe block; call it there.
 * `files` are added to the compute workspace, `env` is the executor's environment.
 */
export function testExecutorHarness(setup: { files?: Record<string, string | object>; env?: NodeJS.ProcessEnv } = {}): TestExecutorHarness {
  const h = {
    context: () => executorContext(h.ws.root, 'test'),
    run: (options: TestExecutorSchema = {}) => runTest(options, h.context(), h.io),
  } as TestExecutorHarness;
  beforeEach(() => {
    h.ws = createTempDir(computeWorkspace(setup.files));
    h.out = [];
    h.io = { ...testIO(NOW, h.out, h.out, { ...setup.env }), gitIdentity: jest.fn(() => ({})) };
  });
  afterEach(() => h.ws.cleanup());
  return h;
}
