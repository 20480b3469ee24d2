import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { VpcHandle } from "../region-context";
import { nameTags } from "../tags";

/** What the endpoint reads from a region's network: the VPC and its private (pod) route tables. */
export type EndpointVpc = Pick<VpcHandle, "vpcId" | "peeredRouteTables">;

/**
 * The endpoint policy: through this region's gateway endpoint only the stack's table here (its
 * replica in this region, its indexes and stream) can be reached, plus the account-level calls
 * that name no table. A gateway endpoint takes every DynamoDB request of the route tables it is
 * on, so any other table is unreachable from the private subnets whatever a role allows. The
 * actions on the table stay open because the in-network deployer (CodeBuild in the same private
 * subnets) creates and updates the table through this endpoint; each role still bounds what its
 * holder may do (pods: item actions only).
 */
export function endpointPolicy(tableArn: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "StackTableOnly",
        Effect: "Allow",
        Principal: "*",
        Action: "dynamodb:*",
        Resource: [tableArn, `${tableArn}/index/*`, `${tableArn}/stream/*`],
      },
      {
        Sid: "AccountLevelReads",
        Effect: "Allow",
        Principal: "*",
        Action: ["dynamodb:ListTables", "dynamodb:DescribeLimits", "dynamodb:DescribeEndpoints"],
        Resource: "*",
      },
    ],
  };
}

/**
 * A DynamoDB gateway endpoint (no hourly or data charge) on the private route tables: pods reach
 * their region's replica without the NAT gateway (no NAT data processing, no internet path).
 */
export function tableEndpoint(
  name: string,
  region: string,
  vpc: EndpointVpc,
  tableArn: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): aws.ec2.VpcEndpoint {
  return new aws.ec2.VpcEndpoint(
    name,
    {
      vpcId: vpc.vpcId,
      serviceName: `com.amazonaws.${region}.dynamodb`,
      vpcEndpointType: "Gateway",
      routeTableIds: vpc.peeredRouteTables.filter((t) => t.role.startsWith("private-")).map((t) => t.id),
      policy: pulumi.output(tableArn).apply((arn) => JSON.stringify(endpointPolicy(arn))),
      tags: nameTags(name),
    },
    opts,
  );
}
