import { buildCatalog } from '../catalog/build-catalog';
import { scheduleSource, validScheduleInput } from '@compute/schedule/testing';
import { buildSubmitJobRequest, toSchedulerInput } from './submit-job-request';
import type { ScheduleFileInput } from '../schema/schedule-file';

function scheduleOf(input: ScheduleFileInput, config = '{}') {
  const result = buildCatalog({ projectRoot: 'schedules', config: { path: 'schedules/compute.json', text: config }, schedules: [scheduleSource('nightly_report', input)] });
  expect(result.problems).toEqual([]);
  return { schedule: result.catalog!.schedules[0], config: result.catalog!.config };
}

describe('buildSubmitJobRequest', () => {
  it('builds the whole request from the schedule and its size', () => {
    const { schedule, config } = scheduleOf(validScheduleInput({ environment: { B: '2', A: '1' }, secrets: ['TOKEN'], tags: { team: 'data' } }));
    expect(buildSubmitJobRequest(schedule, config)).toEqual({
      jobName: 'nightly_report',
      jobQueue: 'compute-small',
      jobDefinition: 'compute-nightly_report',
      containerOverrides: {
        command: ['node', 'job.js'],
        environment: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        resourceRequirements: [
          { type: 'VCPU', value: '1' },
          { type: 'MEMORY', value: '7600' },
        ],
      },
      retryStrategy: {
        attempts: 2,
        evaluateOnExit: [
          { action: 'RETRY', onStatusReason: 'Host EC2*' },
          { action: 'RETRY', onExitCode: '*' },
          { action: 'EXIT', onReason: '*' },
        ],
      },
      timeout: { attemptDurationSeconds: 600 },
      tags: { 'compute:schedule': 'nightly_report', team: 'data' },
      propagateTags: true,
    });
  });

  it('never carries secret names or values: the job definition references them', () => {
    const { schedule, config } = scheduleOf(validScheduleInput({ secrets: ['TOKEN'] }));
    expect(JSON.stringify(buildSubmitJobRequest(schedule, config))).not.toContain('TOKEN');
  });

  it('appends arguments, targets another queue, and makes array jobs', () => {
    const { schedule, config } = scheduleOf(validScheduleInput({ parallel: 20, size: 'large' }), JSON.stringify({ namePrefix: 'acme' }));
    const request = buildSubmitJobRequest(schedule, config, { args: ['--since', '2026-01-01'], queueEnvironment: 'test' });
    expect(request.containerOverrides.command).toEqual(['node', 'job.js', '--since', '2026-01-01']);
    expect(request.jobQueue).toBe('acme-test');
    expect(request.jobDefinition).toBe('acme-nightly_report');
    expect(request.arrayProperties).toEqual({ size: 20 });
    expect(request.containerOverrides.resourceRequirements).toEqual([
      { type: 'VCPU', value: '2' },
      { type: 'MEMORY', value: '15200' },
    ]);
  });

  it('renders the same request as PascalCase scheduler input, leaving tag keys alone', () => {
    const { schedule, config } = scheduleOf(validScheduleInput({ parallel: 3, tags: { 'team:name': 'data' } }));
    const input = toSchedulerInput(buildSubmitJobRequest(schedule, config));
    expect(input).toMatchObject({
      JobName: 'nightly_report',
      JobQueue: 'compute-small',
      JobDefinition: 'compute-nightly_report',
      ContainerOverrides: { Command: ['node', 'job.js'], Environment: [], ResourceRequirements: [{ Type: 'VCPU', Value: '1' }, { Type: 'MEMORY', Value: '7600' }] },
      RetryStrategy: { Attempts: 2, EvaluateOnExit: [{ Action: 'RETRY', OnStatusReason: 'Host EC2*' }, { Action: 'RETRY', OnExitCode: '*' }, { Action: 'EXIT', OnReason: '*' }] },
      Timeout: { AttemptDurationSeconds: 600 },
      Tags: { 'compute:schedule': 'nightly_report', 'team:name': 'data' },
      PropagateTags: true,
      ArrayProperties: { Size: 3 },
    });
  });
});
