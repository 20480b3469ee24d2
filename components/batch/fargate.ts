/**
 * How EKS Fargate sizes a pod, as data. Source: "Fargate Pod configuration", Amazon EKS User Guide,
 * https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html (read 2026-12-07):
 * the pod's request is the larger of its largest init container and the sum of its long-running
 * containers; Fargate adds 256 MB for kubelet, kube-proxy and containerd and rounds up to the
 * nearest combination below. Limits play no part in the size. The guide's "GB" are the 1024 MiB
 * units Fargate reserves (0.5 GB is 512 MiB).
 */
export const FARGATE_POD_SOURCE = "https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html";

/** Memory Fargate adds to every pod for its Kubernetes components (GiB). */
export const FARGATE_OVERHEAD_GIB = 0.25;

const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);

/** vCPU -> the memory sizes (GiB) available with it, smallest first. */
export const FARGATE_COMBINATIONS: ReadonlyArray<{ vcpu: number; memoryGiB: readonly number[] }> = [
  { vcpu: 0.25, memoryGiB: [0.5, 1, 2] },
  { vcpu: 0.5, memoryGiB: [1, 2, 3, 4] },
  { vcpu: 1, memoryGiB: [2, 3, 4, 5, 6, 7, 8] },
  { vcpu: 2, memoryGiB: range(4, 16, 1) },
  { vcpu: 4, memoryGiB: range(8, 30, 1) },
];

export const FARGATE_MAX = { vcpu: 4, memoryGiB: 30 } as const;

export interface FargateSize {
  vcpu: number;
  memoryGiB: number;
}

/**
 * The combination Fargate provisions for a pod requesting `vcpu` and `memoryGiB` (before the
 * 256 MB it adds): the smallest vCPU that has a memory size covering the request, then the
 * smallest such memory size. Undefined when no combination is large enough.
 */
export function fargatePodSize(vcpu: number, memoryGiB: number): FargateSize | undefined {
  const need = memoryGiB + FARGATE_OVERHEAD_GIB;
  for (const c of FARGATE_COMBINATIONS) {
    if (c.vcpu < vcpu) continue;
    const mem = c.memoryGiB.find((m) => m >= need);
    if (mem !== undefined) return { vcpu: c.vcpu, memoryGiB: mem };
  }
  return undefined;
}
