import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { VpcHandle } from "../region-context";
import { nameTags } from "../tags";
import { SERVICE_TABLE_ACTIONS } from "./plan";

/** What the endpoint reads from a region's network: the VPC and its private (pod) route tables. */
export type EndpointVpc = Pick<VpcHandle, "vpcId" | "peeredRouteTables">;

/**
 * The endpoint policy: through this region's gateway endpoint a caller may reach only the stack's
 * table here (its replica in this region, and its indexes), and only with the item actions pods
 * are granted. A gateway endpoint takes every DynamoDB request of the route tables it is on, so
 * another table is unreachable from the pods' subnets whatever their roles allow.
 */
export function endpointPolicy(tableArn: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "StackTableOnly",
        Effect: "Allow",
        Principal: "*",
        Action: [...SERVICE_TABLE_ACTIONS],
        Resource: [tableArn, `${tableArn}/index/*`],
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
