// Validates Istio manifests against @kubernetes-models/istio (generated from Istio's CRDs).
// The models are ES modules only; policies run synchronously under CommonJS, so
// istio-schema.ts runs this file as a child process: JSON array in on stdin, results out.
import { readFileSync } from "node:fs";

const items = JSON.parse(readFileSync(0, "utf8"));
const results = [];
for (const { id, manifest } of items) {
  const [group, version] = String(manifest.apiVersion ?? "").split("/");
  const kind = String(manifest.kind ?? "");
  let error = null;
  try {
    const mod = await import(`@kubernetes-models/istio/${group}/${version}/${kind}`);
    new mod[kind](manifest).validate();
  } catch (e) {
    const missing = e && (e.code === "ERR_MODULE_NOT_FOUND" || e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED");
    error = missing
      ? `no model for ${manifest.apiVersion} ${kind} in @kubernetes-models/istio`
      : String(e && e.message ? e.message : e);
  }
  results.push({ id, error });
}
process.stdout.write(JSON.stringify(results));
