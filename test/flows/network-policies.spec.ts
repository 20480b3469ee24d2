import { strict as assert } from "assert";
import { networkPolicies } from "../../components/workloads/manifests/network-policies";
import { POD_IDENTITY_AGENT } from "../../components/network-policy";
import type { PlanResource } from "../../policies/lib/offline";
import { buildNetwork } from "../../tools/flows/network";
import { policyAllows, type PolicyPeer, type PolicyPort } from "../../tools/flows/netpol-model";
import type { Network, PodRef } from "../../tools/flows/types";
import { planFor } from "../helpers/plan";

/**
 * With the VPC CNI enforcing NetworkPolicies, default-deny in the apps namespace
 * must not cut what the platform relies on. Ports of the charts' webhooks are their chart
 * defaults (KEDA metrics apiserver 6443 and admission webhooks 9443; AWS Load Balancer
 * Controller webhook 9443; Karpenter webhook 8443; istiod's injection/validation webhook 15017).
 * KEDA's pods carry both the app and app.kubernetes.io/name labels (kedacore/charts v2.20.2
 * deployment templates); its namespace is default-deny, so the API server must be admitted by a
 * rule of its own (`admittedBy`).
 */
const WEBHOOKS: {
  what: string;
  namespace: string;
  labels: Record<string, string>;
  port: number;
  admittedBy?: string;
}[] = [
  {
    what: "KEDA metrics apiserver",
    namespace: "keda",
    labels: { app: "keda-operator-metrics-apiserver", "app.kubernetes.io/name": "keda-operator-metrics-apiserver" },
    port: 6443,
    admittedBy: "keda-netpol-keda-metrics-apiserver#ingress[0]",
  },
  {
    what: "KEDA admission webhooks",
    namespace: "keda",
    labels: { app: "keda-admission-webhooks", "app.kubernetes.io/name": "keda-admission-webhooks" },
    port: 9443,
    admittedBy: "keda-netpol-keda-admission-webhooks#ingress[0]",
  },
  {
    what: "LB controller webhook",
    namespace: "kube-system",
    labels: { "app.kubernetes.io/name": "aws-load-balancer-controller" },
    port: 9443,
  },
  {
    what: "Karpenter webhook",
    namespace: "kube-system",
    labels: { "app.kubernetes.io/name": "karpenter" },
    port: 8443,
  },
  {
    what: "istiod webhook (mesh)",
    namespace: "istio-system",
    labels: { app: "istiod" },
    port: 15017,
    admittedBy: "mesh-netpol-istiod#ingress[2]",
  },
];

type Labels = Record<string, string>;
const tcp = (port: number, name?: string): PolicyPort => ({ port, protocol: "tcp", name });

describe("NetworkPolicies with enforcement on: default deny cuts nothing the platform needs", () => {
  let net: Network;
  let pods: { region: string; name: string; labels: Labels; ports: Map<string, number>; sa?: string }[];
  let vpcCidr: Map<string, string>;
  let publicCidrs: Map<string, string[]>;
  let privateCidrs: Map<string, string>;
  let identityAccounts: Set<string>;

  before(async function () {
    this.timeout(180_000); // the whole prod program on the mock engine, shared with other specs
    const { plan, config } = await planFor("prod");
    net = buildNetwork(plan.resources);
    for (const r of config.regions) net.enforcement.set(r.name, "test: enforcement on");
    vpcCidr = new Map(config.regions.map((r) => [r.name, r.vpcCidr]));
    const subnets = (tier: string) =>
      plan.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet" && r.name.includes(`-network-${tier}-`));
    publicCidrs = new Map(
      config.regions.map((r) => [
        r.name,
        subnets("public")
          .filter((s) => s.region === r.name)
          .map((s) => String(s.inputs.cidrBlock)),
      ]),
    );
    privateCidrs = new Map(
      config.regions.map((r) => [
        r.name,
        String(subnets("private").find((s) => s.region === r.name)!.inputs.cidrBlock),
      ]),
    );
    const regionOf = (r: PlanResource) => config.regions.find((x) => r.name.startsWith(x.name))!.name;
    pods = plan.resources
      .filter((r) => r.type === "kubernetes:apps/v1:Deployment" && (r.inputs.metadata as Labels).namespace === "apps")
      .map((d) => {
        const t = (d.inputs.spec as any).template;
        const ports = new Map<string, number>();
        for (const c of t.spec.containers) for (const p of c.ports ?? []) ports.set(p.name, p.containerPort);
        return {
          region: regionOf(d),
          name: (d.inputs.metadata as Labels).name,
          labels: t.metadata.labels,
          ports,
          sa: t.spec.serviceAccountName,
        };
      });
    identityAccounts = new Set(
      plan.resources
        .filter(
          (r) => r.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation" && r.inputs.namespace === "apps",
        )
        .map((r) => `${r.region}/${r.inputs.serviceAccount}`),
    );
  });
  const pod = (p: { region: string; labels: Labels }, namespace = "apps"): PodRef => ({
    cluster: p.region,
    namespace,
    labels: p.labels,
  });
  const allowed = (dir: "Ingress" | "Egress", p: PodRef, peer: PolicyPeer, port: PolicyPort) => {
    const v = policyAllows(net, dir, p, peer, port);
    assert.ok(v.ok, `${p.cluster} ${JSON.stringify(p.labels)}: ${!v.ok ? v.reason : ""}`);
    return v.via;
  };

  it("the plan has the apps pods of every region and default-deny selects all of them", () => {
    assert.equal(pods.length, 18);
    for (const p of pods)
      assert.ok(
        net.policies.some((np) => np.name === "default-deny-all" && np.cluster === p.region),
        `${p.region}/${p.name}`,
      );
  });

  it("DNS: every apps pod reaches kube-dns on 53/UDP and 53/TCP", () => {
    for (const p of pods)
      for (const protocol of ["udp", "tcp"] as const) {
        const dns = {
          pod: { cluster: p.region, namespace: "kube-system", labels: { "k8s-app": "kube-dns" } },
          cidrs: [],
        };
        const via = allowed("Egress", pod(p), dns, { port: 53, protocol });
        assert.ok(via.some((u) => u.endsWith("netpol-allow-dns#egress[0]")));
      }
  });

  it("ALB targets: the gateway pods admit the ALB's public subnets on 8080, and not the rest of the VPC", () => {
    for (const p of pods.filter((x) => x.name === "nginx-gateway")) {
      allowed("Ingress", pod(p), { cidrs: publicCidrs.get(p.region)! }, tcp(p.ports.get("http")!, "http"));
      const fromPods = policyAllows(
        net,
        "Ingress",
        pod(p),
        { cidrs: [privateCidrs.get(p.region)!] },
        tcp(8080, "http"),
      );
      assert.equal(fromPods.ok, false, `${p.region}: a private subnet reaches the gateway`);
    }
  });

  it("Prometheus (in the mesh) scrapes every pod as HBONE on 15008, and nothing else reaches 15008 from monitoring", () => {
    const prometheus = (region: string, name = "prometheus") => ({
      pod: { cluster: region, namespace: "monitoring", labels: { "app.kubernetes.io/name": name } },
      cidrs: [],
    });
    // Scrape targets: the web services and the gateway's exporter (workers have no Service to scrape).
    for (const p of pods.filter((x) => x.labels["app.kubernetes.io/component"] !== "worker")) {
      allowed("Ingress", pod(p), prometheus(p.region), tcp(15008));
      const grafana = policyAllows(net, "Ingress", pod(p), prometheus(p.region, "grafana"), tcp(15008));
      assert.equal(grafana.ok, false, `${p.region}/${p.name} admits Grafana`);
    }
  });

  it("API server -> webhooks: each webhook pod is unisolated or admits the control plane by its own rule", () => {
    for (const region of vpcCidr.keys())
      for (const w of WEBHOOKS) {
        const from = { cidrs: [vpcCidr.get(region)!] }; // control-plane ENIs sit in the cluster's subnets
        const via = allowed(
          "Ingress",
          { cluster: region, namespace: w.namespace, labels: w.labels },
          from,
          tcp(w.port),
        );
        if (!w.admittedBy) {
          assert.deepEqual(via, [], `${w.what} is selected by a NetworkPolicy; prove the API server is admitted`);
          continue;
        }
        assert.deepEqual(
          via.map((u) => u.slice(u.lastIndexOf("::") + 2).replace(/^[a-z]+-[a-z]+-\d-(workloads-)?/, "")),
          [w.admittedBy],
          w.what,
        );
        const other = { cidrs: ["192.168.0.0/24"] }; // not the VPC: the rule is the VPC's range, not any address
        const v = policyAllows(
          net,
          "Ingress",
          { cluster: region, namespace: w.namespace, labels: w.labels },
          other,
          tcp(w.port),
        );
        assert.equal(v.ok, false, `${w.what} admits an address outside the VPC`);
      }
  });

  it("Pod Identity: every pod whose ServiceAccount has an association reaches the agent on the node", () => {
    const agent = { cidrs: [POD_IDENTITY_AGENT.cidr] };
    const withIdentity = pods.filter((p) => identityAccounts.has(`${p.region}/${p.sa}`));
    assert.ok(withIdentity.length >= 9, `${withIdentity.length} pods with Pod Identity`);
    for (const p of withIdentity) {
      const via = allowed("Egress", pod(p), agent, tcp(POD_IDENTITY_AGENT.port));
      assert.ok(via.some((u) => u.endsWith("netpol-allow-aws-apis#egress[1]")));
    }
  });
});

describe("NetworkPolicies: secondary regions write the cache in the primary region", () => {
  const netpol = (m: ReturnType<typeof networkPolicies>[number], region: string): PlanResource => ({
    urn: `urn:pulumi:prod::p::kubernetes:networking.k8s.io/v1:NetworkPolicy::${region}-${m.metadata.name}`,
    type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    name: `${region}-${m.metadata.name}`,
    custom: true,
    parent: null,
    provider: null,
    region,
    inputs: m,
    dependencies: [],
  });
  const input = {
    services: [],
    gateway: { listenPort: 8080 } as never,
    vpcCidr: "10.1.0.0/16",
    albSubnetCidrs: ["10.1.0.0/24"],
    meshed: true,
  };
  const cachePod = { cluster: "us-west-2", namespace: "apps", labels: { "workloads.platform.io/cache": "true" } };
  const check = (primaryVpcCidr?: string) => {
    const net = buildNetwork(networkPolicies({ ...input, primaryVpcCidr }).map((m) => netpol(m, "us-west-2")));
    return policyAllows(net, "Egress", cachePod, { cidrs: ["10.0.2.0/24"] }, tcp(6379));
  };

  it("admits 6379 to the primary VPC's range when the primary is another region", () => {
    assert.deepEqual(check("10.0.0.0/16"), {
      ok: true,
      via: ["urn:pulumi:prod::p::kubernetes:networking.k8s.io/v1:NetworkPolicy::us-west-2-allow-cache#egress[0]"],
    });
  });

  it("without the primary VPC's range, the write path is cut", () => {
    assert.deepEqual(check(undefined), {
      ok: false,
      reason:
        'no egress NetworkPolicy rule admits 6379/tcp out of apps/{"workloads.platform.io/cache":"true"} pods ' +
        "(selected by default-deny-all, allow-dns, allow-cache)",
    });
  });

  it("the primary region's own policy lists its VPC once", () => {
    const cache = networkPolicies({ ...input, primaryVpcCidr: "10.1.0.0/16" }).find(
      (m) => m.metadata.name === "allow-cache",
    )!;
    assert.deepEqual(cache.spec.egress[0].to, [{ ipBlock: { cidr: "10.1.0.0/16" } }]);
  });
});
