/**
 * Kubernetes rules of the EKS access policies the program associates, transcribed from
 * https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html (source:
 * awsdocs/amazon-eks-user-guide latest/ug/manage-access/k8s-access/access-policy-reference.adoc at
 * c88259aeca48be7fcb947f11b1c0fe6b2ea734e2; read 2026-12-07). Access policies only allow.
 * AmazonEKSAdminPolicy and AmazonEKSEditPolicy are transcribed only for the rows the model asks
 * about (Secrets, workloads, pods); a policy missing here is an error, not a denial.
 */
export interface K8sRule {
  groups: string[];
  resources: string[];
  verbs: string[];
}

const READ = ["get", "list", "watch"];
const WRITE = ["create", "delete", "deletecollection", "patch", "update"];

const VIEW: K8sRule[] = [
  {
    groups: ["apps"],
    resources: [
      "controllerrevisions",
      "daemonsets",
      "daemonsets/status",
      "deployments",
      "deployments/scale",
      "deployments/status",
      "replicasets",
      "replicasets/scale",
      "replicasets/status",
      "statefulsets",
      "statefulsets/scale",
      "statefulsets/status",
    ],
    verbs: READ,
  },
  { groups: ["autoscaling"], resources: ["horizontalpodautoscalers", "horizontalpodautoscalers/status"], verbs: READ },
  { groups: ["batch"], resources: ["cronjobs", "cronjobs/status", "jobs", "jobs/status"], verbs: READ },
  { groups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: READ },
  { groups: ["networking.k8s.io"], resources: ["ingresses", "ingresses/status", "networkpolicies"], verbs: READ },
  { groups: ["policy"], resources: ["poddisruptionbudgets", "poddisruptionbudgets/status"], verbs: READ },
  {
    groups: [""],
    resources: [
      "configmaps",
      "endpoints",
      "persistentvolumeclaims",
      "persistentvolumeclaims/status",
      "pods",
      "replicationcontrollers",
      "replicationcontrollers/scale",
      "serviceaccounts",
      "services",
      "services/status",
    ],
    verbs: READ,
  },
  {
    groups: [""],
    resources: [
      "bindings",
      "events",
      "limitranges",
      "namespaces/status",
      "pods/log",
      "pods/status",
      "replicationcontrollers/status",
      "resourcequotas",
      "resourcequotas/status",
    ],
    verbs: READ,
  },
  { groups: [""], resources: ["namespaces"], verbs: READ },
];

const EDIT_ROWS: K8sRule[] = [
  { groups: ["apps"], resources: ["daemonsets", "deployments", "replicasets", "statefulsets"], verbs: WRITE },
  {
    groups: [""],
    resources: ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"],
    verbs: READ,
  },
  {
    groups: [""],
    resources: ["configmaps", "events", "persistentvolumeclaims", "secrets", "serviceaccounts", "services"],
    verbs: WRITE,
  },
  { groups: [""], resources: ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"], verbs: WRITE },
];

export const EKS_ACCESS_POLICIES: Readonly<Record<string, K8sRule[]>> = {
  "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy": [
    { groups: ["*"], resources: ["*"], verbs: ["*"] },
  ],
  "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy": [{ groups: ["*"], resources: ["*"], verbs: READ }],
  "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy": VIEW,
  "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy": [...VIEW, ...EDIT_ROWS],
  "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy": [...VIEW, ...EDIT_ROWS],
};

const hit = (xs: string[], x: string) => xs.includes("*") || xs.includes(x);

/** Whether the access policy allows `verb` on `group/resource`, and by which rule. */
export function k8sAllows(
  policyArn: string,
  verb: string,
  group: string,
  resource: string,
): { allowed: boolean; rule?: number } {
  const rules = EKS_ACCESS_POLICIES[policyArn];
  if (!rules)
    throw new Error(`EKS access policy ${policyArn} is not transcribed in tools/access/eks-access-policies.ts`);
  const i = rules.findIndex((r) => hit(r.groups, group) && hit(r.resources, resource) && hit(r.verbs, verb));
  return i >= 0 ? { allowed: true, rule: i } : { allowed: false };
}
