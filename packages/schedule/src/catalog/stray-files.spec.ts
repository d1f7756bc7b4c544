import { strayScheduleFiles } from './stray-files';

const schedule = JSON.stringify({ scheduleExpression: 'rate(1 hour)', command: ['node', 'x.js'], meta: {} });

describe('strayScheduleFiles', () => {
  it('warns about every file that looks like a schedule but is not read as one', () => {
    const problems = strayScheduleFiles(
      [
        { path: 'compute.json', text: '{}' },
        { path: 'maintainers.json', text: '{"members": []}' },
        { path: 'project.json', text: '{"name": "compute"}' },
        { path: 'fine.schedule.json' },
        { path: 'nightly_report.json', text: schedule },
        { path: 'nightly2.schedule.jsn' },
        { path: 'team/sub_job.schedule.json', text: schedule },
        { path: 'team/other.json', text: schedule },
        { path: 'init/ecs-agent.sh' },
        { path: 'jobs/settings.json', text: '{"command": "not a schedule"}' },
      ],
      'schedules',
      ['maintainers.json'],
    );
    expect(problems.map((p) => [p.file, p.severity, p.message])).toEqual([
      ['schedules/nightly_report.json', 'warning', 'looks like a schedule but its name does not end in .schedule.json, so it is not checked, listed or deployed: rename it to schedules/nightly_report.schedule.json'],
      ['schedules/nightly2.schedule.jsn', 'warning', 'looks like a schedule but its name does not end in .schedule.json, so it is not checked, listed or deployed: rename it to schedules/nightly2.schedule.json'],
      ['schedules/team/sub_job.schedule.json', 'warning', 'looks like a schedule but is in a subfolder, so it is not checked, listed or deployed: schedules are read only from schedules/ (move it to schedules/sub_job.schedule.json)'],
      ['schedules/team/other.json', 'warning', 'looks like a schedule but is in a subfolder, so it is not checked, listed or deployed: schedules are read only from schedules/ (move it to schedules/other.schedule.json)'],
    ]);
  });
});
