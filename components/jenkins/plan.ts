/**
 * Jenkins' Kubernetes objects as plain values: the two namespaces, their NetworkPolicies (default
 * deny, then only what Jenkins needs), and the alert on the controller being down.
 */
import type { JenkinsConfig } from "../config/sections/jenkins";
import { NAMESPACES, PROMETHEUS_RELEASE } from "../k8s-names";
import { prometheusRuleManifest, ruleSelectorLabels } from "../observability/rules";
import { CONTROLLER_POD_LABELS, JENKINS } from "./names";
import { KUBE_DNS_EGRESS, POD_IDENTITY_EGRESS, namespaceSelector, networkPolicy } from "../network-policy";

type Ns = Pick<JenkinsConfig, "namespace" | "agentsNamespace">;
/** HTTPS out: the Kubernetes API (the controller starts agent pods), the update centre, Git hosts, AWS APIs. */
const HTTPS_OUT = { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] };

/** Pod Security restricted; neither namespace joins the ambient mesh (nothing of Jenkins is app traffic). */
export function jenkinsNamespaces(j: Ns) {
  return [j.namespace, j.agentsNamespace].map((name) => ({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name,
      labels: {
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
        "app.kubernetes.io/managed-by": "pulumi",
      },
    },
  }));
}

/**
 * Default deny in both namespaces, then: the controller admits HTTP (WebSocket agents, UI through
 * the agents, /prometheus) only from the agents namespace and Prometheus; agents reach the
 * controller, DNS and HTTPS; the controller reaches DNS and HTTPS. The UI is reached with
 * `kubectl port-forward`, which enters the pod through the kubelet, not the pod network.
 */
export function jenkinsNetworkPolicies(j: Ns) {
  const http = [{ protocol: "TCP", port: JENKINS.httpPort }];
  return [
    networkPolicy("default-deny", j.namespace, { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
    networkPolicy("default-deny", j.agentsNamespace, { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
    networkPolicy("controller-ingress", j.namespace, {
      podSelector: { matchLabels: { ...CONTROLLER_POD_LABELS } },
      policyTypes: ["Ingress"],
      ingress: [
        { from: [{ namespaceSelector: namespaceSelector(j.agentsNamespace) }], ports: http },
        {
          from: [
            {
              namespaceSelector: namespaceSelector(NAMESPACES.monitoring),
              podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
            },
          ],
          ports: http,
        },
      ],
    }),
    networkPolicy("controller-egress", j.namespace, {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [KUBE_DNS_EGRESS, HTTPS_OUT, POD_IDENTITY_EGRESS],
    }),
    networkPolicy("agent-egress", j.agentsNamespace, {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [
            {
              namespaceSelector: namespaceSelector(j.namespace),
              podSelector: { matchLabels: { ...CONTROLLER_POD_LABELS } },
            },
          ],
          ports: http,
        },
        KUBE_DNS_EGRESS,
        HTTPS_OUT,
      ],
    }),
  ];
}

/**
 * JenkinsControllerDown: no successful scrape of the controller for 5 minutes (the pod is gone,
 * not ready, or its home volume will not mount). `absent(... == 1)` also fires when the target
 * disappears. The job label is the chart Service's name (the ServiceMonitor's jobLabel names a
 * label the Service does not carry, so the operator falls back to the Service name).
 */
export function controllerDownRule(j: Ns) {
  const up = `up{job="${JENKINS.release}", namespace="${j.namespace}"}`;
  return prometheusRuleManifest(
    "jenkins-alerts",
    j.namespace,
    [
      {
        name: "jenkins.availability",
        rules: [
          {
            alert: "JenkinsControllerDown",
            expr: `absent(${up} == 1)`,
            for: "5m",
            labels: { severity: "critical" },
            annotations: {
              summary: "Jenkins controller has not been scraped for 5 minutes",
              description: `No build starts while the controller is down. Check: kubectl -n ${j.namespace} get pods,pvc; EFS mount events.`,
              runbook: "docs/jenkins.md#the-controller-is-down",
            },
          },
        ],
      },
    ],
    ruleSelectorLabels(PROMETHEUS_RELEASE),
  );
}
