import type { Schedule } from '../catalog/catalog';
import { checkImageEntrypoints } from './image-entrypoint';

const schedule = (name: string, command: string[], image?: string) =>
  ({ name, file: `schedules/${name}.schedule.json`, definition: { command, ...(image ? { image } : {}) } }) as unknown as Schedule;

describe('checkImageEntrypoints', () => {
  it('warns when a command would become the arguments of a known entrypoint, from any registry', () => {
    const problems = checkImageEntrypoints(
      [
        schedule('mirror', ['sh', '-c', 'git clone x'], 'public.ecr.aws/docker/library/alpine/git:latest'),
        schedule('cli', ['aws', 's3', 'ls'], 'amazon/aws-cli@sha256:abc'),
      ],
      'node:22',
    );
    expect(problems.map((p) => [p.schedule, p.path, p.severity])).toEqual([
      ['mirror', '/image', 'warning'],
      ['cli', '/image', 'warning'],
    ]);
    expect(problems[0].message).toMatch(/^image public\.ecr\.aws\/docker\/library\/alpine\/git:latest has the entrypoint "git", which AWS Batch cannot override: it would run "git sh -c git clone x"/);
  });

  it('accepts commands written for the entrypoint, images without one, and checks the default image', () => {
    expect(checkImageEntrypoints([schedule('ok', ['clone', '--mirror', 'x'], 'alpine/git'), schedule('scm', ['sh', '-c', 'git clone x'], 'buildpack-deps:bookworm-scm')], 'node:22')).toEqual([]);
    expect(checkImageEntrypoints([schedule('dflt', ['sh', '-c', 'terraform plan'])], 'hashicorp/terraform:1.10')).toEqual([
      expect.objectContaining({ schedule: 'dflt', path: '/command' }),
    ]);
  });
});
