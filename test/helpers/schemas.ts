/**
 * Loads the ESM-only `kubernetes-models` packages from CommonJS tests.
 * ts-node (module: commonjs) rewrites `import()` into `require()`, which these
 * packages refuse; a Function-built import survives the rewrite.
 */

const esmImport = new Function("s", "return import(s)") as (specifier: string) => Promise<Record<string, unknown>>;

/** A generated model class: construct with the manifest, `validate()` throws on schema errors. */
export type ModelClass = new (data: unknown) => { validate(): void };

/**
 * `loadModel("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule", "PrometheusRule")`.
 * Throws if the module has no such export, so a typo fails the test instead of skipping validation.
 */
export async function loadModel(pkgPath: string, className: string): Promise<ModelClass> {
  const mod = await esmImport(pkgPath);
  const cls = mod[className];
  if (typeof cls !== "function") throw new Error(`${pkgPath} has no export named ${className}`);
  return cls as ModelClass;
}

/** Validate a plain manifest against a model; resolves on success, rejects with the model's error. */
export async function validateManifest(pkgPath: string, className: string, manifest: unknown): Promise<void> {
  const Model = await loadModel(pkgPath, className);
  new Model(manifest).validate();
}
