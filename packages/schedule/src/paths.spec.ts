import { join } from 'node:path';
import { pathInside, posixPath } from './paths';

describe('posixPath', () => {
  it.each([
    [['schedules', 'x.schedule.json'], 'schedules/x.schedule.json'],
    [['ops\\schedules\\', 'jobs\\run.js'], 'ops/schedules/jobs/run.js'],
    [['', 'maintainers.json'], 'maintainers.json'],
    [['.', './people/../team.json'], 'team.json'],
    [['schedules/', '../shared/data.txt'], 'shared/data.txt'],
    [['schedules', '../../outside.txt'], '../outside.txt'],
    [['dist/compute/'], 'dist/compute'],
    [['.'], ''],
    [[''], ''],
  ])('joins %j as %j', (segments, expected) => {
    expect(posixPath(...segments)).toBe(expected);
  });
});

describe('pathInside', () => {
  const root = join(__dirname, 'workspace');
  it('gives paths inside the root with forward slashes', () => {
    expect(pathInside(root, join(root, 'dist', 'compute'))).toBe('dist/compute');
  });

  it('gives undefined for the root itself and for paths outside it', () => {
    expect(pathInside(root, root)).toBeUndefined();
    expect(pathInside(root, join(root, '..', 'elsewhere'))).toBeUndefined();
  });
});
