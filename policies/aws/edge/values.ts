/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Reading edge props that may be unknown during `pulumi preview` (ARNs and ids of resources
 * created in the same update). Unknown counts as "set": the value will exist, we only cannot see
 * it yet; a literal empty or missing value is what the edge policies report.
 */
function isUnknownError(e: unknown): boolean {
  return e instanceof Error && e.constructor.name === "UnknownValueError";
}

export function isSet(read: () => unknown): boolean {
  try {
    const v = read();
    return v !== undefined && v !== null && v !== "" && v !== false;
  } catch (e) {
    if (isUnknownError(e)) return true;
    throw e;
  }
}

/** The value, or undefined if missing or unknown. */
export function valueOf<T = any>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (isUnknownError(e)) return undefined;
    throw e;
  }
}

export const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
export const LISTENER = "aws:lb/listener:Listener";
export const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
export const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
export const RECORD = "aws:route53/record:Record";

/** Application load balancers only: NLBs have no header parsing, access-log or TLS-policy semantics of the same kind. */
export function isApplicationLb(props: Record<string, any>): boolean {
  const t = valueOf(() => props.loadBalancerType);
  return t === undefined || t === "application";
}
