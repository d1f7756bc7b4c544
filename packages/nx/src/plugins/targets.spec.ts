import { fileInput, normalizeOptions } from './targets';

describe('fileInput', () => {
  it('maps paths inside the project to {projectRoot} and paths beside it to {workspaceRoot}', () => {
    expect(fileInput('schedules', 'maintainers.json')).toBe('{projectRoot}/maintainers.json');
    expect(fileInput('schedules', './init//a.sh')).toBe('{projectRoot}/init/a.sh');
    expect(fileInput('ops/compute', '../team/people.json')).toBe('{workspaceRoot}/ops/team/people.json');
    expect(fileInput('.', 'init\\a.sh')).toBe('{projectRoot}/init/a.sh');
  });

  it('refuses paths that leave the workspace or are absolute', () => {
    expect(fileInput('schedules', '../../etc/passwd')).toBeUndefined();
    expect(fileInput('schedules', '/etc/passwd')).toBeUndefined();
    expect(fileInput('schedules', 'C:/roster.json')).toBeUndefined();
  });
});

describe('normalizeOptions', () => {
  it('fills in the documented target names', () => {
    expect(normalizeOptions(undefined)).toEqual({ scheduleTargetPrefix: 'schedule_', testTargetName: 'test', listTargetName: 'list', synthTargetName: 'synth', deployTargetName: 'deploy', diffTargetName: 'diff', catalogTargetName: 'catalog' });
    expect(normalizeOptions({ scheduleTargetPrefix: '', testTargetName: '' })).toMatchObject({ scheduleTargetPrefix: '', testTargetName: 'test' });
  });
});
