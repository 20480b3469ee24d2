/**
 * The controller home on EFS, statically provisioned: a StorageClass naming the EFS CSI driver,
 * a PersistentVolume on the file system's access point, and the claim the chart mounts. Static,
 * so the driver's controller creates no access points and needs no write permission on EFS.
 * Volume handle format `<fs-id>::<access-point-id>` and the `tls` mount option: kubernetes-sigs/
 * aws-efs-csi-driver docs/README.md and examples/kubernetes/access_points (read 2026-12-07).
 */
import type { JenkinsConfig } from "../config/sections/jenkins";
import { EFS_CSI, JENKINS } from "./names";

/** EFS is elastic; Kubernetes still requires a capacity on the volume and the claim. */
export const NOMINAL_CAPACITY = "100Gi";
/** Encryption in transit: the file system policy refuses mounts without TLS. */
export const MOUNT_OPTIONS = ["tls"] as const;

export function efsStorageClass() {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: JENKINS.storageClass },
    provisioner: EFS_CSI.driver,
    // Jenkins' home outlives the release: removing the claim never deletes build history.
    reclaimPolicy: "Retain",
    volumeBindingMode: "Immediate",
    mountOptions: [...MOUNT_OPTIONS],
  };
}

/** `volumeHandle` is `<fs-id>::<access-point-id>` (a string, or an Output of one). */
export function homeVolume<H>(pvName: string, volumeHandle: H) {
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name: pvName },
    spec: {
      capacity: { storage: NOMINAL_CAPACITY },
      volumeMode: "Filesystem",
      accessModes: ["ReadWriteOnce"],
      persistentVolumeReclaimPolicy: "Retain",
      storageClassName: JENKINS.storageClass,
      mountOptions: [...MOUNT_OPTIONS],
      csi: { driver: EFS_CSI.driver, volumeHandle },
    },
  };
}

export function homeClaim(j: Pick<JenkinsConfig, "namespace">, pvName: string) {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: JENKINS.homeClaim, namespace: j.namespace },
    spec: {
      accessModes: ["ReadWriteOnce"],
      storageClassName: JENKINS.storageClass,
      volumeName: pvName,
      resources: { requests: { storage: NOMINAL_CAPACITY } },
    },
  };
}
