import { execFileSync } from "child_process";
import * as path from "path";
import type { PolicyResource } from "@pulumi/policy";

/** Resource types of the Istio and Gateway API kinds the mesh policies read. */
export const PEER_AUTHENTICATION = "kubernetes:security.istio.io/v1:PeerAuthentication";
export const DESTINATION_RULE = "kubernetes:networking.istio.io/v1:DestinationRule";
export const K8S_GATEWAY = "kubernetes:gateway.networking.k8s.io/v1:Gateway";
export const NAMESPACE = "kubernetes:core/v1:Namespace";

/** Any Istio kind (`kubernetes:<group>.istio.io/<version>:<Kind>`), whatever version. */
export function isIstioType(type: string): boolean {
  return /^kubernetes:[a-z.]+\.istio\.io\/[a-z0-9]+:[A-Za-z]+$/.test(type);
}

/**
 * Fields of DestinationRule trafficPolicy blocks in the Istio CRD at the pinned release
 * (istio/istio 1.30.3 manifests/charts/base/files/crd-all.gen.yaml, networking.istio.io/v1).
 * The CRD schema does not forbid other keys, so a schema check passes them; the API server then
 * prunes them without a word (seed 002's DestinationRule repeats outlier keys under
 * connectionPool.http, where they would silently vanish).
 */
export const DESTINATION_RULE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  connectionPool: ["http", "tcp"],
  "connectionPool.http": [
    "h2UpgradePolicy",
    "http1MaxPendingRequests",
    "http2MaxRequests",
    "idleTimeout",
    "maxConcurrentStreams",
    "maxRequestsPerConnection",
    "maxRetries",
    "useClientProtocol",
  ],
  "connectionPool.tcp": ["connectTimeout", "idleTimeout", "maxConnectionDuration", "maxConnections", "tcpKeepalive"],
  outlierDetection: [
    "baseEjectionTime",
    "consecutive5xxErrors",
    "consecutiveErrors",
    "consecutiveGatewayErrors",
    "consecutiveLocalOriginFailures",
    "interval",
    "maxEjectionPercent",
    "minHealthPercent",
    "splitExternalLocalOriginErrors",
  ],
};

/** `path.key` for every key of a trafficPolicy block the CRD does not define. */
export function unknownTrafficPolicyFields(trafficPolicy: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  for (const [block, allowed] of Object.entries(DESTINATION_RULE_FIELDS)) {
    const value = block
      .split(".")
      .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], trafficPolicy);
    if (!value || typeof value !== "object") continue;
    for (const key of Object.keys(value)) if (!allowed.includes(key)) out.push(`trafficPolicy.${block}.${key}`);
  }
  return out;
}

const WORKER = path.join(__dirname, "istio-schema-worker.mjs");

/** Verdicts by manifest text: plans of one process (a stack and its variants) share most Istio objects. */
const verdicts = new Map<string, string | null>();

/**
 * Validates manifests against @kubernetes-models/istio in one child process (the models are
 * ES modules; policies run synchronously). Returns the error per resource URN, null when valid.
 * A manifest already judged in this process is not sent again: the verdict depends on its text only.
 */
export function validateIstioSchemas(resources: readonly PolicyResource[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const texts = resources.map((r) => JSON.stringify(r.props));
  const fresh = [...new Set(texts.filter((t) => !verdicts.has(t)))];
  if (fresh.length > 0) {
    const input = JSON.stringify(fresh.map((t, id) => ({ id, manifest: JSON.parse(t) })));
    const text = execFileSync(process.execPath, [WORKER], { input, encoding: "utf8", cwd: path.dirname(WORKER) });
    for (const { id, error } of JSON.parse(text) as { id: number; error: string | null }[])
      verdicts.set(fresh[id], error);
  }
  resources.forEach((r, i) => out.set(r.urn, verdicts.get(texts[i])!));
  return out;
}
