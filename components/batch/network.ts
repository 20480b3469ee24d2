/**
 * The network boundary of the Fargate batch pods, and of the namespace Fargate's log router reads.
 *
 * NetworkPolicies are not enforced for Fargate pods (EKS User Guide, cni-network-policy.html,
 * Considerations: the VPC CNI enforces them on EC2 Linux nodes only; read 2026-12-07), so a
 * default-deny in the batch namespace would be a control with no effect. A Fargate pod's boundary
 * is the security group of its network interface: the cluster security group unless a
 * SecurityGroupPolicy (vpcresources.k8s.aws/v1beta1, served by the VPC resource controller EKS runs)
 * selects the pod (EKS User Guide, security-groups-for-pods.html: security groups for Pods apply
 * to pods on Fargate; sg-pods-example-deployment.html, read 2026-12-07). The cluster security group
 * admits all traffic from every node and pod holding it, so the batch pods get their own group.
 *
 * What that group must allow, per sg-pods-example-deployment.html ("The security group or groups
 * that you specify for your Pods must meet the following criteria"):
 * - outbound TCP and UDP 53 to CoreDNS' group (CoreDNS runs on the system nodes, which hold the
 *   cluster security group), and that group inbound 53 from ours;
 * - with Fargate, communication with the control plane: the pod's kubelet registers and reports
 *   over 443 to the control plane's ENIs (cluster security group), and the API server reaches the
 *   kubelet on 10250 for `kubectl logs` and `exec`;
 * - inbound from the nodes for probes: the Job has none.
 * Besides: 443 to any address through NAT, the image pull (ECR or another registry) and the log
 * router's CloudWatch Logs calls. Nothing else in or out.
 */
import { FARGATE_LOGGING, FARGATE_POD_LABELS } from "./plan";
import { networkPolicy } from "../network-policy";

export const BATCH_SG_PORTS = { dns: 53, https: 443, kubelet: 10250 } as const;

const rule = (protocol: "tcp" | "udp", port: number) => ({ protocol, fromPort: port, toPort: port });

/**
 * The batch pods' own security group rules, inline; `clusterSg` is the EKS cluster security group
 * (CoreDNS' nodes and the control plane's ENIs).
 */
export function batchSecurityGroupRules<T>(clusterSg: T) {
  return {
    ingress: [
      {
        ...rule("tcp", BATCH_SG_PORTS.kubelet),
        securityGroups: [clusterSg],
        description: "API server to the pod's kubelet (logs, exec)",
      },
    ],
    egress: [
      { ...rule("udp", BATCH_SG_PORTS.dns), securityGroups: [clusterSg], description: "CoreDNS on the system nodes" },
      {
        ...rule("tcp", BATCH_SG_PORTS.dns),
        securityGroups: [clusterSg],
        description: "CoreDNS, answers too large for UDP",
      },
      {
        ...rule("tcp", BATCH_SG_PORTS.https),
        cidrBlocks: ["0.0.0.0/0"],
        description: "Kubernetes API (control-plane ENIs), image registry and CloudWatch Logs through NAT",
      },
    ],
  };
}

/** What the cluster security group must admit from the batch pods' group (it only admits itself). */
export const CLUSTER_SG_FROM_BATCH = [
  { ipProtocol: "udp", fromPort: 53, toPort: 53, role: "dns-udp", description: "Fargate batch pods to CoreDNS" },
  { ipProtocol: "tcp", fromPort: 53, toPort: 53, role: "dns-tcp", description: "Fargate batch pods to CoreDNS (TCP)" },
  {
    ipProtocol: "tcp",
    fromPort: BATCH_SG_PORTS.https,
    toPort: BATCH_SG_PORTS.https,
    role: "api",
    description: "Fargate batch pods' kubelet to the control plane",
  },
] as const;

/** Binds the group to the namespace's Fargate pods (the profile's selector labels). */
export function batchSecurityGroupPolicy<T>(namespace: string, groupId: T) {
  return {
    apiVersion: "vpcresources.k8s.aws/v1beta1",
    kind: "SecurityGroupPolicy",
    metadata: { name: "fargate-pods", namespace },
    spec: { podSelector: { matchLabels: { ...FARGATE_POD_LABELS } }, securityGroups: { groupIds: [groupId] } },
  };
}

/**
 * aws-observability holds only the aws-logging ConfigMap (Fargate's log router runs inside each
 * Fargate pod, not here): default deny both ways, so a pod placed here later starts closed.
 */
export function observabilityDefaultDeny() {
  return networkPolicy("default-deny", FARGATE_LOGGING.namespace, {
    podSelector: {},
    policyTypes: ["Ingress", "Egress"],
  });
}
