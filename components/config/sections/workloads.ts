import { z } from "zod";
import {
  cpuQuantity,
  dnsLabel,
  memoryQuantity,
  nonNegativeInt,
  percent,
  pinnedImage,
  positiveInt,
} from "../primitives";
import { orderServices, overlayServices } from "./services-overlay";

const probeTiming = (d: {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
}) =>
  z
    .strictObject({
      initialDelaySeconds: nonNegativeInt.default(d.initialDelaySeconds),
      periodSeconds: positiveInt.default(d.periodSeconds),
      timeoutSeconds: positiveInt.default(d.timeoutSeconds),
      failureThreshold: positiveInt.default(d.failureThreshold),
    })
    .prefault({});

const resourceSet = (cpu: string, memory: string) =>
  z.strictObject({ cpu: cpuQuantity.default(cpu), memory: memoryQuantity.default(memory) }).prefault({});

/** HPA shape (autoscaling/v2), seed 000/002. Omitted fields take `platform:autoscaling.hpa`. */
export const hpaOverrideSchema = z.strictObject({
  minReplicas: positiveInt.optional(),
  maxReplicas: positiveInt.optional(),
  cpuPercent: percent.optional(),
  memoryPercent: percent.optional(),
});

/** KEDA ScaledObject triggers; at least one. */
export const kedaSchema = z.strictObject({
  minReplicas: nonNegativeInt.optional(),
  maxReplicas: positiveInt.optional(),
  /** aws-sqs-queue trigger on this service's queue (seed 002: 10 messages per replica). */
  sqsQueueLength: positiveInt.optional(),
  /** Prometheus trigger: per-replica target of the query's value. */
  prometheus: z.strictObject({ query: z.string().min(1), threshold: z.number().positive() }).optional(),
  /** Scheduled floor (seed 004): business hours, weekday off-hours and weekends; see autoscaling.keda.businessHours. */
  businessHours: z.boolean().optional(),
  /**
   * Scale on mesh telemetry (web services only): request rate per replica, p95 latency and 5xx
   * ratio from the waypoint's istio_* metrics (components/mesh/telemetry.ts), plus CPU/memory.
   */
  mesh: z.boolean().optional(),
  /**
   * Kafka consumer lag (KEDA `kafka` scaler over MSK IAM, components/kafka/keda.ts): lag of this
   * service's consumer group on `topic` per replica (KEDA's default lagThreshold is 10). The service
   * must consume the topic in platform:kafka.topics; replicas never exceed its partitions.
   */
  kafka: z.strictObject({ topic: z.string().min(1), lagThreshold: positiveInt.default(10) }).optional(),
});

export const serviceSchema = z.strictObject({
  name: dnsLabel,
  image: pinnedImage,
  /** "web": HTTP service behind the gateway; "worker": queue consumer, no Service/routes. */
  kind: z.enum(["web", "worker"], { error: '"web" or "worker"' }).default("web"),
  port: z
    .number()
    .int()
    .min(1024, { error: "an unprivileged port between 1024 and 65535" })
    .max(65535, { error: "an unprivileged port between 1024 and 65535" })
    .default(8000),
  /** Gateway path prefixes routed to this service; each starts and ends with "/". */
  routes: z.array(z.string()).default([]),
  healthPath: z.string().startsWith("/", { error: 'a path starting with "/"' }).default("/api/v1/health/"),
  /** Replicas when not autoscaled (seed 000: 3). */
  replicas: positiveInt.default(3),
  resources: z
    .strictObject({ requests: resourceSet("100m", "128Mi"), limits: resourceSet("200m", "256Mi") })
    .prefault({}),
  probes: z
    .strictObject({
      liveness: probeTiming({ initialDelaySeconds: 20, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 }),
      readiness: probeTiming({ initialDelaySeconds: 5, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 }),
    })
    .prefault({}),
  /** Which data-tier connection info the service receives. */
  uses: z
    .strictObject({
      database: z.boolean().default(false),
      cache: z.boolean().default(false),
      queue: z.boolean().default(false),
      /** The DynamoDB global table (platform:dynamodb): DYNAMODB_TABLE_NAME and item access on the local replica. */
      dynamodb: z.boolean().default(false),
      /** The region's MSK cluster (platform:kafka): KAFKA_BROKERS and access to its topics there. */
      kafka: z.boolean().default(false),
    })
    .prefault({}),
  /** Exactly one of hpa or keda (KEDA rejects a target that an HPA already scales); neither = fixed replicas. */
  autoscaling: z.strictObject({ hpa: hpaOverrideSchema.optional(), keda: kedaSchema.optional() }).prefault({}),
});

const image = (name: string) => `ghcr.io/example/${name}:1.0.0`;
/** Seed 000 catalogue plus the notification worker (SQS consumer). */
export const DEFAULT_SERVICES = [
  { name: "frontend", image: image("frontend"), routes: ["/"], uses: {}, autoscaling: { keda: { mesh: true } } },
  {
    name: "user-service",
    image: image("user-service"),
    routes: ["/api/v1/users/", "/media/avatars/"],
    // Seed 001: user-service gets KAFKA_BROKERS and reports Kafka in its health check.
    uses: { database: true, cache: true, kafka: true },
    autoscaling: { keda: { mesh: true } },
  },
  {
    name: "activity-service",
    image: image("activity-service"),
    routes: ["/api/v1/activities/", "/media/activities/"],
    // Activity feeds in the DynamoDB global table (seed 002), written in every region.
    uses: { database: true, cache: true, dynamodb: true, kafka: true },
    // Request rate, p95 and 5xx ratio from the mesh (not from what the image exports), plus the
    // seed 004 schedule in the region's own time zone.
    autoscaling: { keda: { mesh: true, businessHours: true } },
  },
  {
    name: "notification-service",
    image: image("notification-service"),
    routes: ["/api/v1/notifications/"],
    uses: { database: true, cache: true, queue: true },
    autoscaling: { keda: { mesh: true } },
  },
  {
    name: "notification-worker",
    image: image("notification-service"),
    kind: "worker",
    uses: { database: true, queue: true },
    autoscaling: { keda: { sqsQueueLength: 10, minReplicas: 1, maxReplicas: 50 } },
  },
];

/** `remove: true` drops a default service (services-overlay.ts). */
const serviceEntrySchema = serviceSchema.extend({ remove: z.boolean().optional() });

/** `platform:services`: entries overlay DEFAULT_SERVICES by name (services-overlay.ts). */
export const servicesSchema = z
  .preprocess(overlayServices(DEFAULT_SERVICES), z.array(serviceEntrySchema))
  .transform(orderServices<z.output<typeof serviceEntrySchema>>(DEFAULT_SERVICES))
  .refine((list) => list.length > 0, { error: "at least one service (every default service is removed)" });

/** `platform:gateway`: nginx gateway (seeds 000/001). */
export const gatewaySchema = z
  .strictObject({
    image: pinnedImage.default("nginxinc/nginx-unprivileged:1.28.0-alpine"),
    exporterImage: pinnedImage.default("nginx/nginx-prometheus-exporter:1.4.2"),
    listenPort: z.number().int().min(1024, { error: "an unprivileged port (1024..65535)" }).max(65535).default(8080),
    statusPort: z.number().int().min(1024, { error: "an unprivileged port (1024..65535)" }).max(65535).default(8081),
    healthPath: z.string().startsWith("/", { error: 'a path starting with "/"' }).default("/health"),
    /** Per worker; seed target 10,000+ concurrent connections across replicas. */
    workerConnections: z.number().int().min(1024, { error: "at least 1024 (seed 000)" }).default(16384),
    minReplicas: positiveInt.default(2),
    maxReplicas: positiveInt.default(10),
    resources: z
      .strictObject({ requests: resourceSet("100m", "128Mi"), limits: resourceSet("500m", "256Mi") })
      .prefault({}),
    clientMaxBodySize: z
      .string()
      .regex(/^\d+[km]?$/, { error: 'an nginx size like "50m"' })
      .default("50m"),
    proxyTimeoutSeconds: positiveInt.default(30),
    cacheTtlSeconds: positiveInt.default(300),
  })
  .prefault({});

/** `platform:autoscaling`: defaults every service inherits (seeds 000, 002, 004). */
export const autoscalingSchema = z
  .strictObject({
    hpa: z
      .strictObject({
        minReplicas: positiveInt.default(3),
        maxReplicas: positiveInt.default(10),
        cpuPercent: percent.default(70),
        memoryPercent: percent.default(80),
        scaleUp: z
          .strictObject({
            stabilizationSeconds: nonNegativeInt.default(60),
            percent: z.number().int().min(1).default(100),
            periodSeconds: positiveInt.default(60),
          })
          .prefault({}),
        scaleDown: z
          .strictObject({
            stabilizationSeconds: nonNegativeInt.default(300),
            percent: percent.default(10),
            periodSeconds: positiveInt.default(60),
          })
          .prefault({}),
      })
      .prefault({}),
    keda: z
      .strictObject({
        minReplicas: nonNegativeInt.default(1),
        maxReplicas: positiveInt.default(10),
        pollingIntervalSeconds: positiveInt.default(30),
        cooldownSeconds: positiveInt.default(300),
        /**
         * Seed 004 scheduled scaling, as KEDA cron triggers in each region's own IANA time zone
         * (components/config/timezones.ts) unless `timezone` overrides it for every region.
         * Weekends use the ScaledObject's minimum; each floor must stay below maxReplicas.
         */
        businessHours: z
          .strictObject({
            timezone: z.string().optional(),
            start: z.string().default("0 9 * * 1-5"),
            end: z.string().default("0 17 * * 1-5"),
            desiredReplicas: positiveInt.default(10),
            offHoursReplicas: positiveInt.default(3),
            weekendReplicas: positiveInt.default(2),
          })
          .prefault({}),
      })
      .prefault({}),
    /**
     * Mesh triggers of services with keda.mesh (seeds 001/002: 100 rps per pod, 3..50; seed 004:
     * p95 500 ms). Seed 004's "errors > 1 %" is the HighErrorRate alert
     * (observability.thresholds.errorRatePercent), not a trigger: more pods do not fix a failing dependency.
     */
    mesh: z
      .strictObject({
        requestsPerSecondPerPod: z.number().positive().default(100),
        minReplicas: positiveInt.default(3),
        maxReplicas: positiveInt.default(50),
        p95Milliseconds: z.number().positive().default(500),
        /** Scale-up step: at most this many pods added per period, or the percent policy, whichever is more. */
        stepPods: positiveInt.default(4),
      })
      .prefault({}),
    /** VPA bounds for every app container (seed 002: 100m/128Mi .. 2/4Gi). */
    vpa: z
      .strictObject({
        minAllowed: z
          .strictObject({ cpu: cpuQuantity.default("100m"), memory: memoryQuantity.default("128Mi") })
          .prefault({}),
        maxAllowed: z
          .strictObject({ cpu: cpuQuantity.default("2"), memory: memoryQuantity.default("4Gi") })
          .prefault({}),
      })
      .prefault({}),
  })
  .prefault({});
