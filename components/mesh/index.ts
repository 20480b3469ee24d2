export { Mesh, type MeshArgs, type AppsAttachment } from "./mesh";
export { planMesh, type MeshPlan, type MeshPlanInput } from "./plan";
export {
  MESH_METRICS,
  MESH_REQUEST_LABELS,
  requestRateQuery,
  errorRatioQuery,
  latencyQuantileQuery,
} from "./telemetry";
export { MESH_PORTS, KUBELET_PROBE_SNAT } from "./network-policies";
