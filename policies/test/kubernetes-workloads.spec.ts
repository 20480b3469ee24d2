import { strict as assert } from "node:assert";
import { imageProblem, imageTagPinned } from "../kubernetes/image-tag-pinned";
import { noExternalService } from "../kubernetes/no-external-service";
import { podSecurityRestricted } from "../kubernetes/pod-security-restricted";
import { probes } from "../kubernetes/probes";
import { readOnlyRootFilesystem } from "../kubernetes/read-only-root-filesystem";
import { resourceRequestsLimits } from "../kubernetes/resource-requests-limits";
import { DEPLOYMENT, SERVICE } from "../lib/k8s";
import { goodContainer, goodDeployment } from "./fixtures";
import { resourceArgs, runResource } from "./harness";

/** Runs a policy on a good Deployment after one change to its pod spec. */
function onDeployment(policy: any, change: (podSpec: any) => void = () => {}, type = DEPLOYMENT) {
  const props = goodDeployment();
  change(props.spec.template.spec);
  return runResource(policy, resourceArgs(type, props, { name: "user-service" }));
}
const first = (spec: any) => spec.containers[0];
const sc = (spec: any) => spec.containers[0].securityContext;

describe("policies: kubernetes workloads", () => {
  describe("k8s-pod-security-restricted", () => {
    let policy: ReturnType<typeof podSecurityRestricted>;
    beforeEach(() => {
      policy = podSecurityRestricted();
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes a compliant Deployment", () => assert.deepEqual(onDeployment(policy).messages, []));
    it("accepts runAsNonRoot and seccomp set on the container only", () => {
      const r = onDeployment(policy, (s) => {
        delete s.securityContext;
        Object.assign(sc(s), { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
      });
      assert.deepEqual(r.messages, []);
    });
    const cases: [string, (s: any) => void, string][] = [
      [
        "runAsNonRoot missing",
        (s) => {
          delete s.securityContext.runAsNonRoot;
          delete sc(s).runAsNonRoot;
        },
        'container "app" must set securityContext.runAsNonRoot: true (on the pod or the container)',
      ],
      [
        "container overrides runAsNonRoot false",
        (s) => {
          sc(s).runAsNonRoot = false;
        },
        'container "app" must set securityContext.runAsNonRoot: true (on the pod or the container)',
      ],
      [
        "runAsUser 0",
        (s) => {
          s.securityContext.runAsUser = 0;
        },
        'container "app" must not run as UID 0',
      ],
      [
        "privileged",
        (s) => {
          sc(s).privileged = true;
        },
        'container "app" must not be privileged',
      ],
      [
        "privilege escalation not disabled",
        (s) => {
          delete sc(s).allowPrivilegeEscalation;
        },
        'container "app" must set securityContext.allowPrivilegeEscalation: false',
      ],
      [
        "capabilities not dropped",
        (s) => {
          sc(s).capabilities = { drop: ["NET_RAW"] };
        },
        'container "app" must drop ALL capabilities (securityContext.capabilities.drop: ["ALL"])',
      ],
      [
        "extra capability added",
        (s) => {
          sc(s).capabilities.add = ["NET_BIND_SERVICE", "SYS_ADMIN"];
        },
        'container "app" may only add NET_BIND_SERVICE, not SYS_ADMIN',
      ],
      [
        "no seccomp profile",
        (s) => {
          delete s.securityContext.seccompProfile;
        },
        'container "app" must use seccompProfile.type RuntimeDefault (on the pod or the container), got none',
      ],
      [
        "container seccomp Unconfined",
        (s) => {
          sc(s).seccompProfile = { type: "Unconfined" };
        },
        'container "app" must use seccompProfile.type RuntimeDefault (on the pod or the container), got Unconfined',
      ],
      [
        "hostNetwork",
        (s) => {
          s.hostNetwork = true;
        },
        "pod must not set hostNetwork: true",
      ],
      [
        "hostPID",
        (s) => {
          s.hostPID = true;
        },
        "pod must not set hostPID: true",
      ],
      [
        "hostIPC",
        (s) => {
          s.hostIPC = true;
        },
        "pod must not set hostIPC: true",
      ],
      [
        "init container escalates",
        (s) => {
          s.initContainers = [
            { ...goodContainer("migrate"), securityContext: { runAsNonRoot: true, capabilities: { drop: ["ALL"] } } },
          ];
        },
        'initContainer "migrate" must set securityContext.allowPrivilegeEscalation: false',
      ],
    ];
    for (const [title, change, message] of cases)
      it(`reports ${title}`, () => assert.deepEqual(onDeployment(policy, change).messages, [message]));
    it("checks CronJob pod templates", () => {
      const job = goodDeployment().spec.template;
      job.spec.containers[0].securityContext.allowPrivilegeEscalation = true;
      const props = { spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: job } } } };
      const r = runResource(policy, resourceArgs("kubernetes:batch/v1:CronJob", props));
      assert.deepEqual(r.messages, ['container "app" must set securityContext.allowPrivilegeEscalation: false']);
    });
    it("is not applicable to objects rendered by an upstream Helm chart", () => {
      const props = goodDeployment();
      props.spec.template.spec.hostNetwork = true;
      const r = runResource(
        policy,
        resourceArgs(DEPLOYMENT, props, { parents: ["platform:cluster:Addons", "kubernetes:helm.sh/v4:Chart"] }),
      );
      assert.deepEqual(r, { messages: [], notApplicable: "rendered from an upstream Helm chart" });
    });
    it("ignores non-workload types", () =>
      assert.deepEqual(runResource(policy, resourceArgs("kubernetes:core/v1:ConfigMap", { data: {} })).messages, []));
  });

  describe("k8s-read-only-root-filesystem", () => {
    let policy: ReturnType<typeof readOnlyRootFilesystem>;
    beforeEach(() => {
      policy = readOnlyRootFilesystem();
    });
    it("is advisory by default", () => assert.equal(policy.enforcementLevel, "advisory"));
    it("passes a compliant Deployment", () => assert.deepEqual(onDeployment(policy).messages, []));
    it("reports a writable root filesystem", () =>
      assert.deepEqual(
        onDeployment(policy, (s) => {
          sc(s).readOnlyRootFilesystem = false;
        }).messages,
        ['container "app" must set securityContext.readOnlyRootFilesystem: true'],
      ));
  });

  describe("k8s-resource-requests-limits", () => {
    let policy: ReturnType<typeof resourceRequestsLimits>;
    beforeEach(() => {
      policy = resourceRequestsLimits();
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes a compliant Deployment", () => assert.deepEqual(onDeployment(policy).messages, []));
    it("reports a missing memory limit", () =>
      assert.deepEqual(
        onDeployment(policy, (s) => {
          delete first(s).resources.limits.memory;
        }).messages,
        ['container "app" must set resources limits.memory'],
      ));
    it("reports missing requests", () =>
      assert.deepEqual(
        onDeployment(policy, (s) => {
          delete first(s).resources.requests;
        }).messages,
        ['container "app" must set resources requests.cpu, requests.memory'],
      ));
    it("reports an init container without resources", () =>
      assert.deepEqual(
        onDeployment(policy, (s) => {
          s.initContainers = [{ ...goodContainer("migrate"), resources: undefined }];
        }).messages,
        ['initContainer "migrate" must set resources requests.cpu, requests.memory, limits.cpu, limits.memory'],
      ));
  });

  describe("k8s-probes", () => {
    let policy: ReturnType<typeof probes>;
    beforeEach(() => {
      policy = probes();
    });
    it("is advisory by default", () => assert.equal(policy.enforcementLevel, "advisory"));
    it("passes a compliant Deployment", () => assert.deepEqual(onDeployment(policy).messages, []));
    it("reports a missing readiness probe", () =>
      assert.deepEqual(
        onDeployment(policy, (s) => {
          delete first(s).readinessProbe;
        }).messages,
        ['container "app" must define a readinessProbe'],
      ));
    it("reports a missing liveness probe on a StatefulSet", () =>
      assert.deepEqual(
        onDeployment(
          policy,
          (s) => {
            delete first(s).livenessProbe;
          },
          "kubernetes:apps/v1:StatefulSet",
        ).messages,
        ['container "app" must define a livenessProbe'],
      ));
    it("does not require probes on init containers or Jobs", () => {
      assert.deepEqual(
        onDeployment(policy, (s) => {
          s.initContainers = [{ name: "migrate", image: "m:1" }];
        }).messages,
        [],
      );
      assert.deepEqual(
        onDeployment(
          policy,
          (s) => {
            delete first(s).livenessProbe;
          },
          "kubernetes:batch/v1:Job",
        ).messages,
        [],
      );
    });
  });

  describe("k8s-image-tag-pinned", () => {
    let policy: ReturnType<typeof imageTagPinned>;
    beforeEach(() => {
      policy = imageTagPinned();
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes a versioned image and a digest", () => {
      assert.deepEqual(onDeployment(policy).messages, []);
      assert.equal(imageProblem("registry.local:5000/app@sha256:abc"), undefined);
      assert.equal(imageProblem("registry.local:5000/app:2.0"), undefined);
    });
    it("reports the latest tag", () =>
      assert.deepEqual(
        onDeployment(policy, (s) => {
          first(s).image = "nginx:latest";
        }).messages,
        ['container "app" image "nginx:latest" uses the latest tag; pin a version or a digest'],
      ));
    it("reports an untagged image behind a registry port", () =>
      assert.deepEqual(
        onDeployment(policy, (s) => {
          first(s).image = "registry.local:5000/app";
        }).messages,
        ['container "app" image "registry.local:5000/app" has no tag; pin a version or a digest'],
      ));
    it("reports a container without image", () =>
      assert.deepEqual(
        onDeployment(policy, (s) => {
          delete first(s).image;
        }).messages,
        ['container "app" has no image'],
      ));
  });

  describe("k8s-no-external-service", () => {
    let policy: ReturnType<typeof noExternalService>;
    beforeEach(() => {
      policy = noExternalService();
    });
    const service = (type?: string) => ({
      metadata: { name: "gateway" },
      spec: { ...(type ? { type } : {}), ports: [{ port: 80 }] },
    });
    it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));
    it("passes ClusterIP (explicit or default)", () => {
      assert.deepEqual(runResource(policy, resourceArgs(SERVICE, service("ClusterIP"))).messages, []);
      assert.deepEqual(runResource(policy, resourceArgs(SERVICE, service())).messages, []);
    });
    for (const type of ["LoadBalancer", "NodePort"])
      it(`reports type ${type}`, () =>
        assert.deepEqual(runResource(policy, resourceArgs(SERVICE, service(type))).messages, [
          `Service type ${type} is not allowed; use ClusterIP behind the ALB TargetGroupBinding`,
        ]));
  });
});
