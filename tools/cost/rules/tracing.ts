import { addGp3 } from "./ebs";
import { type Rule, obj, str } from "./common";

/**
 * A PersistentVolumeClaim the program creates (Jaeger's Badger store): a gp3 volume of its
 * requested size. Claims rendered inside Helm charts are priced by their chart's rule.
 */
const claim: Rule = (ctx, r) => {
  const spec = obj(r.inputs.spec);
  // Bound to a PersistentVolume the program creates (Jenkins' EFS home): priced on its backing store.
  if (str(spec.volumeName))
    return ctx.free(r, "bound to a planned PersistentVolume: its storage is priced where it lives");
  const size = str(obj(obj(spec.resources).requests).storage);
  if (!size) return ctx.skip(r, "claim without a storage request");
  const m = /^(\d+)Gi$/.exec(size);
  if (!m) return ctx.skip(r, `claim size ${size} not in Gi`);
  const name = str(obj(r.inputs.metadata).name) ?? r.name;
  addGp3(ctx, r, `volume ${name}`, Number(m[1]), `${m[1]} GiB PVC (${str(spec.storageClassName) ?? "default class"})`);
};

export const TRACING_RULES: Record<string, Rule> = { "kubernetes:core/v1:PersistentVolumeClaim": claim };
