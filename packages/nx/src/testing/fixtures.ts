import type { Tree } from '@nx/devkit';
import { addProjectConfiguration } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';

/** A schedule file that passes every check (with the default sizes and a roster listing "ana"). */
export function validSchedule(overrides: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enabled: true,
    scheduleExpression: 'cron(0 3 * * ? *)',
    timezone: 'Europe/Berlin',
    command: ['node', 'jobs/report.js'],
    size: 'small',
    awsRole: 'compute-report',
    attempts: 1,
    timeout: 3600,
    parallel: 1,
    environment: {},
    secrets: [],
    tags: {},
    ...overrides,
    meta: {
      description: 'Builds the nightly usage report for the platform team.',
      maintainers: ['ana'],
      lastReview: '2026-11-20',
      requiredBy: ['platform team'],
      ...meta,
    },
  };
}

export const ROSTER = {
  members: [
    { username: 'ana', emails: ['ana@example.com'] },
    { username: 'ben', emails: ['ben@example.com'] },
  ],
};

/** The files of a minimal workspace with a compute project in `schedules`. */
export function computeWorkspace(files: Record<string, string | object> = {}): Record<string, string | object> {
  return {
    'nx.json': {},
    'package.json': { name: 'workspace', private: true },
    'schedules/project.json': { name: 'compute' },
    'schedules/compute.json': {},
    'schedules/maintainers.json': ROSTER,
    'schedules/init/nvme-docker.boothook': '#boothook\n',
    'schedules/init/ecs-agent.sh': '#!/bin/sh\n',
    'schedules/init/warp.sh': '#!/bin/sh\n',
    ...files,
  };
}

/** A virtual workspace for generator tests: the project `compute` in `schedules`, with this compute.json. */
export function computeTree(config: object = {}): Tree {
  const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  addProjectConfiguration(tree, 'compute', { root: 'schedules' });
  tree.write('schedules/compute.json', JSON.stringify(config));
  return tree;
}
