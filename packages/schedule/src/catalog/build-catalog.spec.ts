import fc from 'fast-check';
import { buildCatalog } from './build-catalog';
import { scheduleSource, validScheduleInput } from '@compute/schedule/testing';

const config = { path: 'schedules/compute.json', text: '{}' };

describe('buildCatalog', () => {
  it('turns valid files into schedules sorted by name, with defaults and size resolved', () => {
    const result = buildCatalog({
      projectRoot: 'schedules',
      config,
      schedules: [scheduleSource('zeta', validScheduleInput()), scheduleSource('alpha', validScheduleInput({ size: 'warp' }))],
    });
    expect(result.problems).toEqual([]);
    expect(result.checked).toBe(2);
    expect(result.catalog?.schedules.map((s) => s.name)).toEqual(['alpha', 'zeta']);
    const alpha = result.catalog!.schedules[0];
    expect(alpha.definition).toMatchObject({ enabled: true, timezone: 'UTC', parallel: 1, environment: {}, secrets: [], tags: {} });
    // The expression is parsed once, by validation: the schedule carries it compiled.
    expect(alpha.definition.scheduleExpression).toMatchObject({ kind: 'cron', source: 'cron(0 3 * * ? *)', compiled: { minutes: [0], hours: [3] } });
    expect(alpha.size).toEqual({ name: 'warp', vcpus: 2, memoryMiB: 3584, environment: 'warp' });
    expect(alpha.environment).toMatchObject({ name: 'warp', architecture: 'x86_64' });
    expect(result.catalog?.config.region).toBe('us-east-1');
  });

  it('takes an optional expectedDuration of at least 1 second and at most the timeout', () => {
    const result = buildCatalog({
      projectRoot: 'schedules',
      config,
      schedules: [
        scheduleSource('fits', validScheduleInput({ timeout: 600, expectedDuration: 600 })),
        scheduleSource('too_long', validScheduleInput({ timeout: 600, expectedDuration: 601 })),
        scheduleSource('zero', validScheduleInput({ expectedDuration: 0 })),
      ],
    });
    expect(result.catalog?.schedules.map((s) => [s.name, s.definition.expectedDuration])).toEqual([['fits', 600]]);
    expect(result.problems.map((p) => `${p.schedule}${p.path}: ${p.message}`)).toEqual([
      'too_long/expectedDuration: is 601 seconds, longer than timeout (600): a run would be stopped first; lower it or raise timeout',
      'zero/expectedDuration: must be at least 1 second',
    ]);
  });

  it('reports every problem of every file at once (five broken files)', () => {
    const result = buildCatalog({
      projectRoot: 'schedules',
      config,
      schedules: [
        scheduleSource('not_json', '{ "command": [ }'),
        scheduleSource('wrong_types', validScheduleInput({ attempts: 'three' as never, timeout: 10, command: [] })),
        scheduleSource('unknown_fields', { ...validScheduleInput(), colour: 'blue', meta: { ...validScheduleInput().meta, owner: 'x' } }),
        scheduleSource('bad_refs', validScheduleInput({ size: 'huge', secrets: ['1BAD', 'OK', 'OK'], environment: { OK: 'x', 'no-dash': 'y' } })),
        scheduleSource('Bad-Name', validScheduleInput({ scheduleExpression: 'cron(0 3 * * * *)', timezone: 'Mars/Olympus' })),
        scheduleSource('fine', validScheduleInput()),
      ],
    });
    const where = result.problems.map((p) => `${p.file}#${p.path}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'schedules/not_json.schedule.json#',
        'schedules/wrong_types.schedule.json#/attempts',
        'schedules/wrong_types.schedule.json#/timeout',
        'schedules/wrong_types.schedule.json#/command',
        'schedules/unknown_fields.schedule.json#/colour',
        'schedules/unknown_fields.schedule.json#/meta/owner',
        'schedules/bad_refs.schedule.json#/size',
        'schedules/bad_refs.schedule.json#/secrets/0',
        'schedules/bad_refs.schedule.json#/secrets',
        'schedules/bad_refs.schedule.json#/environment/no-dash',
        'schedules/Bad-Name.schedule.json#',
        'schedules/Bad-Name.schedule.json#/scheduleExpression',
        'schedules/Bad-Name.schedule.json#/timezone',
      ]),
    );
    expect(result.problems.every((p) => p.severity === 'error')).toBe(true);
    expect(result.problems.find((p) => p.path === '/size')?.message).toMatch(/size "huge" is not defined in compute.json \(known sizes: small, large, warp\)/);
    expect(result.problems.find((p) => p.path === '/colour')?.message).toBe('unknown field "colour": remove it or fix its spelling');
    expect(result.problems.find((p) => p.file.includes('not_json'))?.message).toBe("is not valid JSON: expected a value but found \"}\" at line 1, column 16");
    expect(result.problems.find((p) => p.path === '/attempts')?.message).toBe('must be a number, not string "three"');
    expect(result.catalog?.schedules.map((s) => s.name)).toEqual(['fine']);
    expect(result.checked).toBe(6);
  });

  it('says an empty schedule file or compute.json is empty, not where a parser stopped', () => {
    const result = buildCatalog({
      projectRoot: 'schedules',
      config: { path: 'schedules/compute.json', text: '\n' },
      schedules: [scheduleSource('blank', ''), scheduleSource('spaces', '\ufeff  \n\t')],
    });
    expect(result.problems).toEqual([
      { file: 'schedules/blank.schedule.json', schedule: 'blank', path: '', severity: 'error', message: 'the file is empty: write the schedule in it (nx g schedule writes a complete one) or delete it' },
      { file: 'schedules/compute.json', path: '', severity: 'error', message: 'the file is empty: write {} to use every default' },
      { file: 'schedules/spaces.schedule.json', schedule: 'spaces', path: '', severity: 'error', message: 'the file is empty: write the schedule in it (nx g schedule writes a complete one) or delete it' },
    ]);
  });

  it('reports a field written twice, which JSON.parse would silently drop', () => {
    const text = JSON.stringify(validScheduleInput(), null, 2).replace('"attempts": 2,', '"attempts": 2,\n  "attempts": 5,');
    const result = buildCatalog({ projectRoot: 'schedules', config, schedules: [scheduleSource('twice', text)] });
    expect(result.problems).toEqual([
      { file: 'schedules/twice.schedule.json', line: 10, column: 3, schedule: 'twice', path: '/attempts', severity: 'error', message: 'this field appears more than once and only the last one counts: keep one' },
    ]);
    expect(result.catalog?.schedules).toEqual([]);
  });

  it('reports missing required fields by name', () => {
    const result = buildCatalog({ projectRoot: 'schedules', config, schedules: [scheduleSource('empty', {})] });
    const required = result.problems.filter((p) => p.message.startsWith('is required')).map((p) => p.path);
    expect(required).toEqual(expect.arrayContaining(['/scheduleExpression', '/command', '/size', '/awsRole', '/attempts', '/timeout', '/meta']));
  });

  it('checks meta rules', () => {
    const result = buildCatalog({
      projectRoot: 'schedules',
      config,
      schedules: [
        scheduleSource('meta', validScheduleInput({ meta: { description: 'too short', maintainers: [], lastReview: '2026-02-30', requiredBy: [] } })),
      ],
    });
    expect(result.problems.map((p) => p.path).sort()).toEqual(['/meta/description', '/meta/lastReview', '/meta/maintainers', '/meta/requiredBy']);
  });

  it('rejects a secret that is also a plain variable and an end before the start', () => {
    const result = buildCatalog({
      projectRoot: 'schedules',
      config,
      schedules: [
        scheduleSource('both', validScheduleInput({ environment: { TOKEN: 'x' }, secrets: ['TOKEN'], startDate: '2027-01-02T00:00:00Z', endDate: '2027-01-01T00:00:00Z' })),
      ],
    });
    expect(result.problems.map((p) => [p.path, p.message])).toEqual([
      ['/endDate', 'must be after startDate'],
      ['/secrets', '"TOKEN" is both a secret and a plain environment variable; keep it in one place'],
    ]);
  });

  it('reports a broken compute.json and checks no schedule against it', () => {
    const result = buildCatalog({
      projectRoot: 'schedules',
      config: { path: 'schedules/compute.json', text: JSON.stringify({ region: 'moon-1', sizes: { big: { vcpus: 4, memoryMiB: 9000, environment: 'small' }, odd: { vcpus: 1, memoryMiB: 100, environment: 'nowhere' } } }) },
      schedules: [scheduleSource('ok', validScheduleInput())],
    });
    expect(result.catalog).toBeUndefined();
    expect(result.problems.map((p) => p.path)).toEqual(['/region', '/sizes/big/memoryMiB', '/sizes/big/vcpus', '/sizes/odd/environment']);
    expect(result.problems.find((p) => p.path === '/sizes/big/memoryMiB')?.message).toMatch(/request at most 7750 MiB/);
  });

  it('reports init data files that do not exist', () => {
    const result = buildCatalog({ projectRoot: 'schedules', config, schedules: [], fileExists: (p) => !p.includes('warp') });
    expect(result.problems).toEqual([
      { file: 'schedules/compute.json', path: '/environments/warp/initData/2', severity: 'error', message: 'init data file "init/warp.sh" does not exist in the compute project' },
    ]);
  });

  it('returns the readable parts of files that are not in the catalog, for the policy rules', () => {
    const result = buildCatalog({
      projectRoot: 'schedules',
      config,
      schedules: [
        scheduleSource('fine', validScheduleInput()),
        scheduleSource('not_json', '{ "meta": '),
        // Valid on its own, left out for a cross reference: its definition is whole.
        scheduleSource('bad_size', validScheduleInput({ size: 'huge', startDate: '2027-01-01T00:00:00Z' })),
        scheduleSource('mixed', {
          ...validScheduleInput({ attempts: 0, startDate: '2026-01-01T00:00:00Z', endDate: 'soon' }),
          meta: { description: 'short', maintainers: ['ana', '', 7, '@ben', 'cy'], lastReview: '2026-10-01', requiredBy: [] },
        }),
        scheduleSource('bad_meta', { ...validScheduleInput(), meta: { maintainers: 'ana', lastReview: '2026-02-30' } }),
        scheduleSource('no_meta', ['just', 'an', 'array']),
      ],
    });
    expect(result.catalog?.schedules.map((s) => s.name)).toEqual(['fine']);
    expect(result.partial.map((s) => s.name)).toEqual(['bad_meta', 'bad_size', 'mixed', 'no_meta']);
    const byName = Object.fromEntries(result.partial.map((s) => [s.name, s]));
    expect(byName.bad_size.definition).toMatchObject({ startDate: '2027-01-01T00:00:00Z', meta: { maintainers: ['ana'], lastReview: '2026-11-20' } });
    expect(byName.mixed).toEqual({
      name: 'mixed',
      file: 'schedules/mixed.schedule.json',
      definition: { startDate: '2026-01-01T00:00:00Z', meta: { maintainers: ['ana', 'cy'], lastReview: '2026-10-01' } },
    });
    expect(byName.bad_meta.definition).toEqual({ meta: {} });
    expect(byName.no_meta.definition).toEqual({ meta: {} });
  });

  it('reports a schedule file that cannot be read, naming it, and checks the others', () => {
    const result = buildCatalog({
      projectRoot: 'schedules',
      config,
      schedules: [{ path: 'schedules/oops.schedule.json', unreadable: 'cannot be read: it is a directory, not a file; remove or rename it' }, scheduleSource('fine', validScheduleInput())],
    });
    expect(result.problems).toEqual([
      { file: 'schedules/oops.schedule.json', schedule: 'oops', path: '', severity: 'error', message: 'cannot be read: it is a directory, not a file; remove or rename it' },
    ]);
    expect(result.checked).toBe(2);
    expect(result.catalog?.schedules.map((s) => s.name)).toEqual(['fine']);
    expect(result.partial).toEqual([]);
  });

  it('an unreadable compute.json is a problem, never a silent fall back to the defaults', () => {
    const result = buildCatalog({
      projectRoot: 'schedules',
      config: { path: 'schedules/compute.json', unreadable: 'cannot be read: it points to nothing (ENOENT: a broken link?); fix or remove the link' },
      schedules: [scheduleSource('fine', validScheduleInput())],
    });
    expect(result.catalog).toBeUndefined();
    expect(result.problems).toEqual([
      { file: 'schedules/compute.json', path: '', severity: 'error', message: 'cannot be read: it points to nothing (ENOENT: a broken link?); fix or remove the link' },
    ]);
  });

  it('never throws, whatever JSON a schedule file holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ meta: fc.jsonValue(), size: fc.jsonValue(), scheduleExpression: fc.string() })), (value) => {
        const result = buildCatalog({ projectRoot: 'schedules', config, schedules: [scheduleSource('any', value)] });
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) expect(p.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => buildCatalog({ projectRoot: 'schedules', config: { path: 'schedules/compute.json', text }, schedules: [scheduleSource('t', text)] })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
