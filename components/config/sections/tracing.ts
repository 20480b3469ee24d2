import { z } from "zod";
import { positiveInt } from "../primitives";

/** Jaeger's Badger store keeps spans this long: a Go duration in whole hours (e.g. "72h"). */
const retention = z
  .string({ error: 'a duration in hours like "72h"' })
  .regex(/^[1-9][0-9]*h$/, { error: 'a whole number of hours like "72h" (Badger span TTL)' });

/**
 * `platform:tracing`: seed 003's "Jaeger traces beside metrics and logs". The waypoints report
 * spans over OTLP to an OpenTelemetry Collector per region, which batches them into Jaeger (v2,
 * Badger store on a gp3 volume, its UI on port 16686, reached by port-forward). Istio's mesh config
 * names the collector as its tracing provider; a Telemetry object sets the sampling.
 */
export const tracingSchema = z
  .strictObject({
    /** Default on: the mesh's latency alerts are read beside traces; needs platform:mesh.enabled. */
    enabled: z.boolean().default(true),
    /** Share of requests a waypoint starts a trace for, 0..100 (Istio randomSamplingPercentage). */
    samplingPercent: z
      .number({ error: "a number from 0 to 100" })
      .min(0, { error: "a number from 0 to 100" })
      .max(100, { error: "a number from 0 to 100 (percent of requests)" })
      .default(1),
    /** How long Jaeger keeps spans. */
    retention: retention.default("72h"),
    /** Size of Jaeger's Badger volume (GiB); spans older than `retention` are dropped first. */
    storageGiB: positiveInt.default(20),
    /** Collector replicas (stateless; at least 2 keeps spans flowing through a node drain). */
    collectorReplicas: positiveInt.default(2),
  })
  .prefault({});

export type TracingConfig = z.output<typeof tracingSchema>;

/** The hours of a validated retention ("72h" -> 72). */
export function retentionHours(t: Pick<TracingConfig, "retention">): number {
  return Number(t.retention.slice(0, -1));
}
