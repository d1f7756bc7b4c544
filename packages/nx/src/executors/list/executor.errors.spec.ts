import { executorContext } from '../../testing/executor-context';
import { computeWorkspace } from '../../testing/fixtures';
import { type TempDir, createTempDir } from '../../testing/temp-dir';
import { runList } from './executor';
import { testIO } from '../../testing/test-io';

describe('list executor: --format json output stays a JSON document', () => {
  let ws: TempDir;
  let out: string[];
  let err: string[];

  beforeEach(() => {
    ws = createTempDir(computeWorkspace());
    out = [];
    err = [];
  });
  afterEach(() => ws.cleanup());

  const list = () =>
    runList({ format: 'json' }, executorContext(ws.root, 'list'), testIO(new Date('2026-11-28T12:00:00Z'), out, err));

  it('reports an unusable compute.json on stderr and prints nothing on stdout', async () => {
    ws.write('schedules/compute.json', '{ "region": "mars" }');
    expect(await list()).toEqual({ success: false });
    expect(out).toEqual([]);
    expect(err.join('')).toContain('schedules/compute.json\n  error   /region: must be an AWS region such as us-east-1');
  });

  it('opens and closes an empty listing on lines of their own, as the README extraction expects', async () => {
    expect(await list()).toEqual({ success: true });
    expect(out.join('')).toBe('[\n]\n');
    expect(JSON.parse(out.join(''))).toEqual([]);
  });
});
