import { JENKINS } from "../jenkins/names";
import type { HelmAddon } from "./addon";

/** The official Jenkins chart: one controller, JCasC, the Kubernetes cloud; installed by components/jenkins. */
export const JENKINS_ADDON: HelmAddon = {
  id: "jenkins",
  chart: "jenkins",
  releaseName: JENKINS.release,
  // The namespace comes from platform:jenkins; this is its default (components/jenkins passes the real one).
  namespace: "jenkins",
  // The program creates both namespaces (Pod Security labels, NetworkPolicies first).
  release: { createNamespace: false, atomic: true, timeout: 900, maxHistory: 5 },
  provides: {
    crds: [],
    webhooks: [],
    source:
      "jenkinsci/helm-charts jenkins-5.9.53 (2205541): charts/jenkins/templates (no CRDs, no webhook configurations); read 2026-12-07",
  },
};
