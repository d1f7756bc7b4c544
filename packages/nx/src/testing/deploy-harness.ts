import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { type DeployIO, runDeploy } from '../executors/deploy/executor';
import type { DeployExecutorSchema } from '../executors/deploy/schema';
import { runSynth } from '../executors/synth/executor';
import type { SynthExecutorSchema } from '../executors/synth/schema';
import { executorContext } from './executor-context';
import { computeWorkspace, validSchedule } from './fixtures';
import { type TempDir, createTempDir } from './temp-dir';
import { testIO } from './test-io';

/** The clock the deploy specs run at. */
const NOW = new Date('2026-11-28T12:00:00Z');

/** A fresh workspace and captured output for each test; fields are replaced before every test. */
export interface DeployHarness {
  /** A compute workspace holding one valid schedule, "nightly". */
  ws: TempDir;
  out: string[];
  err: string[];
  /** No terraform on PATH, nobody at a terminal. */
  io: DeployIO;
  context(): ExecutorContext;
  synth(options?: SynthExecutorSchema): ReturnType<typeof runSynth>;
  /** synth and then deploy, as Nx runs them (deploy depends on synth), with the same outputPath. */
  deploy(options?: DeployExecutorSchema): ReturnType<typeof runDeploy>;
}

/** Registers the before/after hooks of the enclosing describe block; call it there. */
export function deployHarness(): DeployHarness {
  const h = {
    context: () => executorContext(h.ws.root, 'deploy'),
    synth: (options: SynthExecutorSchema = {}) => runSynth(options, executorContext(h.ws.root, 'synth'), h.io),
    deploy: async (options: DeployExecutorSchema = {}) => {
      const synthesized = await h.synth(options.outputPath === undefined ? {} : { outputPath: options.outputPath });
      return synthesized.success ? runDeploy(options, h.context(), h.io) : synthesized;
    },
  } as DeployHarness;
  beforeEach(() => {
    h.ws = createTempDir(computeWorkspace({ 'schedules/nightly.schedule.json': validSchedule() }));
    h.out = [];
    h.err = [];
    h.io = { ...testIO(NOW, h.out, h.err, { PATH: join(h.ws.root, 'no-bin') }), interactive: false };
  });
  afterEach(() => h.ws.cleanup());
  return h;
}
