import type { GatewayConfig, ServiceConfig } from "../../config/types";
import { NAMESPACES } from "../../k8s-names";
import { LOADTEST_NAMESPACE } from "../../loadtest/plan";
import { ACCESS_LABELS, APPS_NAMESPACE, commonLabels, selectorLabels, type Manifest } from "./common";
import { EXPORTER_PORT, GATEWAY_NAME } from "./gateway";

export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;
import { POD_IDENTITY_EGRESS } from "../../network-policy";

const nsSelector = (name: string) => ({ matchLabels: { "kubernetes.io/metadata.name": name } });
const tcp = (port: number | string) => ({ protocol: "TCP", port });

function policy(name: string, podSelector: Manifest, spec: Manifest): Manifest {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace: APPS_NAMESPACE, labels: commonLabels(name, "network-policy") },
    spec: { podSelector, ...spec },
  };
}

export interface NetworkPolicyInput {
  services: readonly ServiceConfig[];
  gateway: GatewayConfig;
  /** The region's VPC range: the data tier's subnets and the ALB live inside it. */
  vpcCidr: string;
  /**
   * The primary region's VPC range, when it is another region: Global Datastore secondaries are
   * read-only, so cache writes cross the inter-region peering to the primary's replication group.
   */
  primaryVpcCidr?: string;
  /** The ALB's subnets (public, one per AZ): the only addresses that may open the gateway's listen port. */
  albSubnetCidrs: readonly string[];
  /**
   * The apps namespace is in the ambient mesh: pod-to-pod calls arrive as HBONE on 15008, so the
   * mesh writes those rules (components/mesh/network-policies.ts) and rules on app ports between
   * pods would match nothing.
   */
  meshed: boolean;
  /** k6 runners (opt-in load tests) load the gateway Service from their own namespace. */
  loadTestRunners?: boolean;
}

/** k6-operator v1.6.0 pkg/resources/jobs: the runner pods' labels. */
export const K6_RUNNER_LABELS = { app: "k6", runner: "true" } as const;

/**
 * Default deny in both directions for the apps namespace, then one allowance per need.
 * Database and cache are addressed by the VPC CIDR (they are outside the cluster, in the
 * isolated subnets) and only from pods labelled as users (ACCESS_LABELS). AWS APIs without
 * VPC interface endpoints are reached through NAT at public addresses, so HTTPS egress is
 * open to any address but only for pods labelled as AWS callers.
 */
export function networkPolicies(input: NetworkPolicyInput): Manifest[] {
  const { services, gateway, vpcCidr } = input;
  if (input.albSubnetCidrs.length === 0)
    throw new Error("networkPolicies: albSubnetCidrs is empty; expected the ALB's subnets");
  const cacheCidrs = [
    vpcCidr,
    ...(input.primaryVpcCidr && input.primaryVpcCidr !== vpcCidr ? [input.primaryVpcCidr] : []),
  ];
  const web = services.filter((s) => s.kind === "web");
  const gatewayPods = { matchLabels: selectorLabels(GATEWAY_NAME) };
  const labelled = (key: string) => ({ matchLabels: { [key]: "true" } });
  const out: Manifest[] = [
    policy("default-deny-all", {}, { policyTypes: ["Ingress", "Egress"] }),
    policy(
      "allow-dns",
      {},
      {
        policyTypes: ["Egress"],
        egress: [
          {
            to: [
              { namespaceSelector: nsSelector("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } },
            ],
            ports: [{ protocol: "UDP", port: 53 }, tcp(53)],
          },
        ],
      },
    ),
    // The ALB registers pod IPs (target type ip): its traffic and health checks come from its own
    // subnets, never from other pods of the VPC (which would skip CloudFront and the WAF).
    policy("allow-gateway-ingress", gatewayPods, {
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            ...input.albSubnetCidrs.map((cidr) => ({ ipBlock: { cidr } })),
            ...(input.loadTestRunners
              ? [{ namespaceSelector: nsSelector(LOADTEST_NAMESPACE), podSelector: { matchLabels: K6_RUNNER_LABELS } }]
              : []),
          ],
          ports: [tcp(gateway.listenPort)],
        },
      ],
    }),
    ...(input.meshed ? [] : plainCalls(services, web, gatewayPods)),
    policy("allow-database", labelled(ACCESS_LABELS.database), {
      policyTypes: ["Egress"],
      egress: [{ to: [{ ipBlock: { cidr: vpcCidr } }], ports: [tcp(POSTGRES_PORT)] }],
    }),
    policy("allow-cache", labelled(ACCESS_LABELS.cache), {
      policyTypes: ["Egress"],
      egress: [{ to: cacheCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [tcp(REDIS_PORT)] }],
    }),
    policy("allow-aws-apis", labelled(ACCESS_LABELS.aws), {
      policyTypes: ["Egress"],
      egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [tcp(443)] }, POD_IDENTITY_EGRESS],
    }),
  ];
  return out;
}

/**
 * Pod-to-pod calls outside a mesh travel on the app ports: gateway -> each web service, and
 * Prometheus scraping the services' /metrics and the gateway's exporter.
 */
function plainCalls(
  services: readonly ServiceConfig[],
  web: readonly ServiceConfig[],
  gatewayPods: Manifest,
): Manifest[] {
  return [
    policy("allow-gateway-egress", gatewayPods, {
      policyTypes: ["Egress"],
      egress: web.map((s) => ({
        to: [{ podSelector: { matchLabels: selectorLabels(s.name) } }],
        ports: [tcp(s.port)],
      })),
    }),
    ...web.map((s) =>
      policy(
        `allow-gateway-to-${s.name}`.slice(0, 63),
        { matchLabels: selectorLabels(s.name) },
        {
          policyTypes: ["Ingress"],
          ingress: [{ from: [{ podSelector: gatewayPods }], ports: [tcp(s.port)] }],
        },
      ),
    ),
    policy(
      "allow-monitoring-scrape",
      {},
      {
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [{ namespaceSelector: nsSelector(NAMESPACES.monitoring) }],
            ports: [...new Set(services.map((s) => s.port))].map(tcp).concat([tcp(EXPORTER_PORT)]),
          },
        ],
      },
    ),
  ];
}
