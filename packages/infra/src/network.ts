import { DataAwsSubnets, DataAwsVpc, declare, SecurityGroup } from './cdktf';
import type { StackContext } from './context';
import { literalMap } from './terraform-text';

export interface Network {
  vpcId: string;
  subnetIds: string[];
  securityGroupId: string;
}

/**
 * Where the instances run: the VPC and its subnets per `network.mode`, and a security
 * group that admits nothing and lets the instances reach the Internet (images, the
 * ECS, Batch and CloudWatch endpoints, the jobs' own traffic; WARP needs UDP too).
 */
export function buildNetwork(ctx: StackContext): Network {
  const { vpcId, subnetIds } = lookUpVpc(ctx);
  const securityGroup = declare(SecurityGroup, ctx.scope, 'instances', {
    name: ctx.names.securityGroup,
    description: 'Compute Batch instances: no inbound traffic, outbound to the Internet',
    vpcId,
    // An explicit empty list makes Terraform remove any rule added by hand.
    ingress: [],
    egress: [
      {
        description: 'All outbound traffic',
        protocol: '-1',
        fromPort: 0,
        toPort: 0,
        cidrBlocks: ['0.0.0.0/0'],
        ipv6CidrBlocks: ['::/0'],
      },
    ],
    tags: { Name: ctx.names.securityGroup },
  });
  return { vpcId, subnetIds, securityGroupId: securityGroup.id };
}

function lookUpVpc(ctx: StackContext): { vpcId: string; subnetIds: string[] } {
  const network = ctx.config.network;
  switch (network.mode) {
    case 'ids':
      return { vpcId: network.vpcId, subnetIds: [...network.subnetIds] };
    case 'default-vpc': {
      const vpc = declare(DataAwsVpc, ctx.scope, 'network', { default: true });
      // The default subnet of each availability zone: one per AZ, so Spot can use them all.
      const subnets = declare(DataAwsSubnets, ctx.scope, 'network', {
        filter: [
          { name: 'vpc-id', values: [vpc.id] },
          { name: 'default-for-az', values: ['true'] },
        ],
      });
      return { vpcId: vpc.id, subnetIds: subnets.ids };
    }
    case 'tags': {
      const vpc = declare(DataAwsVpc, ctx.scope, 'network', { tags: literalMap(network.vpcTags) });
      const subnets = declare(DataAwsSubnets, ctx.scope, 'network', {
        filter: [{ name: 'vpc-id', values: [vpc.id] }],
        ...(Object.keys(network.subnetTags).length > 0 ? { tags: literalMap(network.subnetTags) } : {}),
      });
      return { vpcId: vpc.id, subnetIds: subnets.ids };
    }
  }
}
