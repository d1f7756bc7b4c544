import type { PolicyDocument } from './evaluate';

/**
 * The AWS managed policies the stack attaches, as AWS publishes them (policy name ->
 * document), so the evaluator sees everything a role can do. Update when AWS revises them.
 */
export const AWS_MANAGED_POLICIES: Record<string, PolicyDocument> = {
  // AmazonEC2ContainerServiceforEC2Role (the ECS agent on container instances).
  'service-role/AmazonEC2ContainerServiceforEC2Role': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'ec2:DescribeTags',
          'ecs:CreateCluster',
          'ecs:DeregisterContainerInstance',
          'ecs:DiscoverPollEndpoint',
          'ecs:Poll',
          'ecs:RegisterContainerInstance',
          'ecs:StartTelemetrySession',
          'ecs:UpdateContainerInstancesState',
          'ecs:Submit*',
          'ecr:GetAuthorizationToken',
          'ecr:BatchCheckLayerAvailability',
          'ecr:GetDownloadUrlForLayer',
          'ecr:BatchGetImage',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
        ],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: 'ecs:TagResource',
        Resource: '*',
        Condition: { StringEquals: { 'ecs:CreateAction': ['CreateCluster', 'RegisterContainerInstance'] } },
      },
    ],
  },
};
