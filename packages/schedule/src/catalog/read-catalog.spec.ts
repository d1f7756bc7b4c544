import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { computeConfigSchema } from '../schema/compute-config';
import { scheduleSource, validScheduleInput } from '@compute/schedule/testing';
import { loadCatalog, unreadableReason } from './read-catalog';

describe('loadCatalog', () => {
  let root: string;
  const write = (path: string, text: string) => writeFileSync(join(root, path), text);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'compute-read-catalog-'));
    mkdirSync(join(root, 'schedules'));
    write('schedules/compute.json', '{}');
    // The default environments' init data, which the catalog checks exists.
    for (const env of Object.values(computeConfigSchema.parse({}).environments)) {
      for (const file of env.initData) {
        mkdirSync(dirname(join(root, 'schedules', file)), { recursive: true });
        write(join('schedules', file), '#!/bin/sh\n');
      }
    }
    write('schedules/fine.schedule.json', scheduleSource('fine', validScheduleInput()).text);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads the project and validates it', () => {
    const result = loadCatalog(root, 'schedules');
    expect(result.problems).toEqual([]);
    expect(result.catalog?.schedules.map((s) => s.file)).toEqual(['schedules/fine.schedule.json']);
  });

  it('reports a directory named like a schedule file and a broken link by name, and checks the rest', () => {
    mkdirSync(join(root, 'schedules/oops.schedule.json'));
    symlinkSync('gone.json', join(root, 'schedules/dangling.schedule.json'));
    const result = loadCatalog(root, 'schedules');
    expect(result.problems).toEqual([
      {
        file: 'schedules/dangling.schedule.json',
        schedule: 'dangling',
        path: '',
        severity: 'error',
        message: 'cannot be read: it points to nothing (ENOENT: a broken link?); fix or remove the link',
      },
      { file: 'schedules/oops.schedule.json', schedule: 'oops', path: '', severity: 'error', message: 'cannot be read: it is a directory, not a file; remove or rename it' },
    ]);
    expect(result.checked).toBe(3);
    expect(result.catalog?.schedules.map((s) => s.name)).toEqual(['fine']);
    expect(JSON.stringify(result)).not.toContain(root);
  });

  it('reports a compute.json that is a directory or a broken link instead of using the defaults', () => {
    rmSync(join(root, 'schedules/compute.json'));
    mkdirSync(join(root, 'schedules/compute.json'));
    expect(loadCatalog(root, 'schedules')).toMatchObject({
      catalog: undefined,
      problems: [{ file: 'schedules/compute.json', path: '', severity: 'error', message: 'cannot be read: it is a directory, not a file; remove or rename it' }],
    });

    rmSync(join(root, 'schedules/compute.json'), { recursive: true });
    symlinkSync('elsewhere/compute.json', join(root, 'schedules/compute.json'));
    const result = loadCatalog(root, 'schedules');
    expect(result.catalog).toBeUndefined();
    expect(result.problems.map((p) => p.message)).toEqual(['cannot be read: it points to nothing (ENOENT: a broken link?); fix or remove the link']);
  });

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  (isRoot ? it.skip : it)('reports a file it may not read', () => {
    chmodSync(join(root, 'schedules/fine.schedule.json'), 0o000);
    expect(loadCatalog(root, 'schedules').problems.map((p) => p.message)).toEqual(['cannot be read: permission denied (EACCES); make it readable']);
  });

  it('names the error code of any other failure, never the absolute path in its message', () => {
    const error = Object.assign(new Error(`EIO: i/o error, open '${root}/x'`), { code: 'EIO' });
    expect(unreadableReason(error)).toBe('cannot be read (EIO)');
    expect(unreadableReason(new Error('odd'))).toBe('cannot be read (unknown error)');
  });

  it('treats a missing compute.json as every default, as before', () => {
    rmSync(join(root, 'schedules/compute.json'));
    const result = loadCatalog(root, 'schedules');
    expect(result.problems).toEqual([]);
    expect(result.catalog?.config.region).toBe('us-east-1');
  });
});
