import * as pulumi from "@pulumi/pulumi";
import type { KafkaConfig } from "../config/sections/kafka";
import { NAMESPACES } from "../k8s-names";
import { POD_IDENTITY_EGRESS, networkPolicy } from "../network-policy";
import { commonLabels } from "../workloads/manifests/common";
import { MSK_IAM_PORT, kafkaStatements, serviceTopics } from "./plan";

/** Pod label of services that declare uses.kafka (components/workloads/manifests/common.ts ACCESS_LABELS.kafka). */
export const KAFKA_ACCESS_LABEL = "workloads.platform.io/kafka";

/** What the Workloads component receives for a region's cluster. */
export interface KafkaConnection {
  readonly clusterArn: pulumi.Input<string>;
  /** The cluster's name (plain): ARN patterns that need not wait for the cluster (components/kafka/keda.ts). */
  readonly clusterName: string;
  readonly topics: KafkaConfig["topics"];
}

type Statement = Record<string, unknown>;

/**
 * kafkaStatements for a cluster ARN known only at deploy time. How many statements there are
 * depends on config alone, so the list has a plain length and each entry resolves with the ARN.
 */
export function kafkaServiceStatements(
  clusterArn: pulumi.Input<string>,
  service: string,
  topics: KafkaConfig["topics"],
): pulumi.Output<Statement>[] {
  const t = serviceTopics(service, topics);
  const count = kafkaStatements("arn", service, t).length;
  return Array.from({ length: count }, (_, i) =>
    pulumi.output(clusterArn).apply((arn) => kafkaStatements(arn, service, t)[i]),
  );
}

/**
 * Egress for pods labelled as Kafka users: 9098 to the private subnets (the brokers' ENIs live
 * there, and nothing else listens on 9098), and the Pod Identity agent for the credentials IAM
 * auth signs with. The apps namespace denies all egress by default.
 */
export function kafkaEgressPolicy(privateSubnetCidrs: readonly string[]): Record<string, unknown> {
  const name = "allow-kafka";
  return networkPolicy(
    name,
    NAMESPACES.apps,
    {
      podSelector: { matchLabels: { [KAFKA_ACCESS_LABEL]: "true" } },
      policyTypes: ["Egress"],
      egress: [
        {
          to: privateSubnetCidrs.map((cidr) => ({ ipBlock: { cidr } })),
          ports: [{ protocol: "TCP", port: MSK_IAM_PORT }],
        },
        POD_IDENTITY_EGRESS,
      ],
    },
    commonLabels(name, "network-policy"),
  );
}
