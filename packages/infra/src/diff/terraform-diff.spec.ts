// The domain's test fixture: reachable by path, kept out of the package's public index.
import { catalogOf, validScheduleInput } from '@compute/schedule/testing';
import { SMALL_ONLY } from '../spec-helpers';
import { stackDocument } from './stack-document';
import { diffTerraform, type TerraformDocument } from './terraform-diff';

const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('diffTerraform', () => {
  it('lists resources and data sources added and removed by Terraform address', () => {
    const before: TerraformDocument = { resource: { aws_sqs_queue: { dlq: { name: 'q' } }, aws_batch_job_definition: { old: { name: 'o' } } }, data: { aws_vpc: { default: { default: true } } } };
    const after: TerraformDocument = { resource: { aws_sqs_queue: { dlq: { name: 'q' } }, aws_batch_job_definition: { fresh: { name: 'f' } } }, data: { aws_subnets: { all: {} } } };
    const diff = diffTerraform(before, after);
    expect(diff.added).toEqual(['aws_batch_job_definition.fresh', 'data.aws_subnets.all']);
    expect(diff.removed).toEqual(['aws_batch_job_definition.old', 'data.aws_vpc.default']);
    expect(diff.changed).toEqual([]);
  });

  it('lists changed attributes by pointer, following JSON held in strings', () => {
    const body = (command: string[], timeout: number) => ({ name: 'd', container_properties: JSON.stringify({ command, image: 'x' }), timeout: { attempt_duration_seconds: timeout } });
    const diff = diffTerraform({ resource: { aws_batch_job_definition: { d: body(['a', 'b'], 60) } } }, { resource: { aws_batch_job_definition: { d: body(['a', 'c'], 120) } } });
    expect(diff.changed).toEqual([
      {
        address: 'aws_batch_job_definition.d',
        attributes: [
          { path: '/container_properties/command/1', before: 'b', after: 'c' },
          { path: '/timeout/attempt_duration_seconds', before: 60, after: 120 },
        ],
      },
    ]);
  });

  it('compares policy statements by action and resource: rewording is no change, a new resource is one grant', () => {
    const before = policy([{ Sid: 'Read', Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: ['arn:a', 'arn:b'] }]);
    const reworded = policy([
      { Sid: 'ReadB', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: 'arn:b' },
      { Sid: 'ReadA', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: 'arn:a' },
    ]);
    const doc = (text: string): TerraformDocument => ({ resource: { aws_iam_role_policy: { exec: { name: 'p', policy: text } } } });
    const same = diffTerraform(doc(before), doc(reworded));
    // Only the Sids differ, so the text change is shown, but nothing is granted or revoked.
    expect(same.permissions).toEqual({ granted: [], revoked: [] });
    expect(same.changed[0].attributes).toEqual([{ path: '/policy/Statement', before: expect.any(Array), after: expect.any(Array) }]);

    const widened = policy([
      { Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: ['arn:a', 'arn:c'] },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } } },
    ]);
    const diff = diffTerraform(doc(before), doc(widened));
    const granted = [
      { effect: 'Allow', action: 'ssm:GetParameters', resource: 'arn:c' },
      { effect: 'Allow', action: 'kms:Decrypt', resource: '*', condition: '{"StringEquals":{"kms:ViaService":"ssm.us-east-1.amazonaws.com"}}' },
    ];
    const revoked = [{ effect: 'Allow', action: 'ssm:GetParameters', resource: 'arn:b' }];
    expect(diff.changed).toEqual([{ address: 'aws_iam_role_policy.exec', attributes: [{ path: '/policy', granted, revoked }] }]);
    expect(diff.permissions.granted).toEqual(granted.map((p) => ({ address: 'aws_iam_role_policy.exec', attribute: '/policy', ...p })));
    expect(diff.permissions.revoked).toEqual(revoked.map((p) => ({ address: 'aws_iam_role_policy.exec', attribute: '/policy', ...p })));
  });

  it('counts the policies of added and removed resources as granted and revoked, trust policies by principal', () => {
    const role = { assume_role_policy: policy([{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }]) };
    const diff = diffTerraform({ resource: {} }, { resource: { aws_iam_role: { scheduler: role } } });
    expect(diff.added).toEqual(['aws_iam_role.scheduler']);
    expect(diff.permissions.granted).toEqual([
      { address: 'aws_iam_role.scheduler', attribute: '/assume_role_policy', effect: 'Allow', action: 'sts:AssumeRole', resource: 'Service:scheduler.amazonaws.com' },
    ]);
    expect(diffTerraform({ resource: { aws_iam_role: { scheduler: role } } }, {}).permissions.revoked).toHaveLength(1);
  });

  it('on real synthesized stacks: a new secret grants reading exactly its parameter, and a changed command changes one job definition', () => {
    const read = () => '#!/bin/sh\n';
    const before = stackDocument({ catalog: catalogOf({ nightly: validScheduleInput(), other: validScheduleInput() }, SMALL_ONLY), readFile: read });
    const after = stackDocument({
      catalog: catalogOf({ nightly: validScheduleInput({ secrets: ['REPORT_TOKEN'], command: ['node', 'job2.js'] }), other: validScheduleInput() }, SMALL_ONLY),
      readFile: read,
    });
    const diff = diffTerraform(before, after);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.permissions.revoked).toEqual([]);
    expect(diff.permissions.granted).toEqual([
      expect.objectContaining({ action: 'ssm:GetParameters', resource: expect.stringMatching(/:parameter\/compute\/REPORT_TOKEN$/), attribute: '/policy' }),
    ]);
    const definition = diff.changed.find((c) => c.address === 'aws_batch_job_definition.nightly');
    expect(definition?.attributes).toEqual(expect.arrayContaining([{ path: '/container_properties/command/1', before: 'job.js', after: 'job2.js' }]));
    expect(diff.changed.map((c) => c.address)).not.toContain('aws_batch_job_definition.other');
  });
});
