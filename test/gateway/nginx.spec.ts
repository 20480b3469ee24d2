import * as assert from "assert";
import * as path from "path";
import {
  GatewayPlan,
  defaultGatewayPlan,
  nginxTime,
  renderNginxConf,
  validateGatewayPlan,
} from "../../components/workloads/nginx";
import { snapshotProblem } from "../helpers/snapshot";

const SNAPSHOT = path.join(__dirname, "fixtures", "default.nginx.conf");

/** Body of the first block whose header line is exactly `head {`. */
function block(conf: string, head: string): string {
  const lines = conf.split("\n");
  const start = lines.findIndex((l) => l.trim() === `${head} {`);
  assert.ok(start >= 0, `no block "${head}" in config`);
  const body: string[] = [];
  let depth = 1;
  for (const line of lines.slice(start + 1)) {
    depth += (line.match(/{/g) ?? []).length - (line.match(/}/g) ?? []).length;
    if (depth === 0) break;
    body.push(line.trim());
  }
  return body.join("\n");
}

function withPlan(change: (p: GatewayPlan) => void): GatewayPlan {
  const plan = defaultGatewayPlan();
  change(plan);
  return plan;
}

describe("gateway nginx.conf", () => {
  const conf = renderNginxConf(defaultGatewayPlan());

  it("renders the seed plan exactly as the committed snapshot", () => {
    assert.strictEqual(snapshotProblem(SNAPSHOT, conf), undefined);
  });

  it("builds seed 000's routing table from the service list", () => {
    const plan = defaultGatewayPlan();
    assert.deepStrictEqual(validateGatewayPlan(plan), []);
    assert.deepStrictEqual(
      plan.routes.map((r) => `${r.path} -> ${r.upstream} (${r.kind})`),
      [
        "/ -> frontend (proxy)",
        "/api/v1/users/ -> user_service (proxy)",
        "/media/avatars/ -> user_service (media)",
        "/api/v1/activities/ -> activity_service (cached)",
        "/media/activities/ -> activity_service (media)",
        "/api/v1/notifications/ -> notification_service (proxy)",
      ],
    );
    assert.deepStrictEqual(plan.staticAssets?.upstream, "frontend");
  });

  it("tunes events for 10,000+ clients with enough file descriptors per worker", () => {
    const events = block(conf, "events");
    assert.match(events, /^use epoll;$/m);
    assert.match(events, /^multi_accept on;$/m);
    const connections = Number(/^worker_connections (\d+);$/m.exec(events)![1]);
    const nofile = Number(/^worker_rlimit_nofile (\d+);$/m.exec(conf)![1]);
    // Two sockets per proxied client: one worker alone must hold 10,000 clients.
    assert.ok(connections >= 20000, `worker_connections ${connections}`);
    assert.ok(nofile >= 2 * connections, `worker_rlimit_nofile ${nofile}`);
    assert.match(conf, /^worker_processes auto;$/m);
  });

  it("sets the seed's HTTP, gzip, body-size and timeout directives", () => {
    for (const directive of [
      "sendfile on;",
      "tcp_nopush on;",
      "tcp_nodelay on;",
      "keepalive_timeout 65s;",
      "server_tokens off;",
      "client_max_body_size 50m;",
      "gzip on;",
      "gzip_vary on;",
      "gzip_proxied any;",
      "gzip_min_length 1024;",
      "proxy_connect_timeout 30s;",
      "proxy_send_timeout 30s;",
      "proxy_read_timeout 30s;",
      "proxy_http_version 1.1;",
      'proxy_set_header Connection "";',
      "proxy_set_header X-Real-IP $remote_addr;",
      "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
      "proxy_set_header X-Forwarded-Proto $gateway_forwarded_proto;",
    ]) {
      assert.ok(
        conf.split("\n").some((l) => l.trim() === directive),
        `missing "${directive}"`,
      );
    }
    const types = /^\s*gzip_types (.*);$/m.exec(conf)![1].split(" ");
    for (const t of ["text/plain", "text/css", "application/json", "application/javascript"])
      assert.ok(types.includes(t), t);
    assert.match(
      conf,
      /rt=\$request_time uct="\$upstream_connect_time" '\n\s+'uht="\$upstream_header_time" urt="\$upstream_response_time"';/,
    );
    assert.match(conf, /^\s*access_log \/dev\/stdout main buffer=64k flush=1s;$/m);
  });

  it("renders each upstream as its one ClusterIP server with keep-alive, without inert balancing", () => {
    // One server per upstream: least_conn and max_fails/fail_timeout never act on it (the mesh's
    // waypoint balances and ejects per pod), so neither is rendered anywhere.
    assert.strictEqual(block(conf, "upstream user_service"), "server user-service:8000;\nkeepalive 32;");
    assert.doesNotMatch(conf, /least_conn|max_fails|fail_timeout/);
    const noKeepalive = renderNginxConf(withPlan((p) => (p.upstreamKeepalive = 0)));
    assert.doesNotMatch(block(noKeepalive, "upstream user_service"), /keepalive/);
  });

  it("marks media immutable for 30 days and caches the activities API for 5 minutes", () => {
    assert.strictEqual(
      block(conf, "location ^~ /media/avatars/"),
      'proxy_pass http://user_service;\nexpires 30d;\nadd_header Cache-Control "public, immutable";',
    );
    const activities = block(conf, "location ^~ /api/v1/activities/");
    for (const line of [
      "proxy_cache gateway_cache;",
      "proxy_cache_valid 200 5m;",
      "proxy_cache_key $scheme$proxy_host$request_uri;",
      "proxy_cache_lock on;",
      "add_header X-Cache-Status $upstream_cache_status always;",
      "proxy_cache_bypass $http_authorization $http_cookie;",
    ]) {
      assert.ok(activities.split("\n").includes(line), `activities location lacks "${line}"`);
    }
    assert.match(activities, /^proxy_cache_use_stale error timeout updating/m);
    assert.strictEqual(
      block(conf, "location ~* \\.(jpg|jpeg|png|gif|ico|css|js|svg|woff2)$"),
      'proxy_pass http://frontend;\nexpires 1y;\nadd_header Cache-Control "public, immutable";',
    );
  });

  it("answers the health check itself and exposes stub_status on loopback only", () => {
    assert.match(block(conf, "location = /health"), /^return 200 "ok\\n";$/m);
    assert.match(conf, /^\s*listen 8080 default_server reuseport backlog=4096;$/m);
    assert.match(conf, /^\s*listen 127\.0\.0\.1:8081;$/m);
    assert.strictEqual(block(conf, "location = /stub_status"), "stub_status;\nallow 127.0.0.1;\ndeny all;");
  });

  it("writes only under runDir, the cache path and the log paths (non-root, read-only root)", () => {
    const plan = defaultGatewayPlan(undefined, {
      runDir: "/scratch",
      cache: { path: "/scratch/cache", zoneSize: "10m", maxSize: "1g", ttlSeconds: 300 },
      accessLogPath: "/scratch/access.log",
      errorLogPath: "/scratch/error.log",
    });
    const text = renderNginxConf(plan);
    assert.doesNotMatch(text, /^\s*user\s/m);
    assert.doesNotMatch(text, /^\s*include\s/m);
    const written = [...text.matchAll(/^\s*(pid|\w+_temp_path|proxy_cache_path|access_log|error_log) (\S+)/gm)].filter(
      ([, , target]) => target !== "off;",
    );
    assert.strictEqual(written.length, 9);
    for (const [, directive, target] of written) {
      assert.ok(target.startsWith("/scratch/"), `${directive} writes to ${target}`);
    }
  });

  it("renders optional listen address and trusted proxies", () => {
    const text = renderNginxConf(
      withPlan((p) => {
        p.listenAddress = "127.0.0.1";
        p.trustedProxyCidrs = ["10.0.0.0/16"];
      }),
    );
    assert.match(text, /^\s*listen 127\.0\.0\.1:8080 default_server/m);
    assert.match(
      text,
      /^\s*set_real_ip_from 10\.0\.0\.0\/16;\n\s*real_ip_header X-Forwarded-For;\n\s*real_ip_recursive on;$/m,
    );
  });

  it("formats seconds as the largest exact nginx unit", () => {
    assert.deepStrictEqual([300, 30, 90, 7200, 2592000].map(nginxTime), ["5m", "30s", "90s", "2h", "30d"]);
  });
});

describe("validateGatewayPlan", () => {
  const cases: [string, (p: GatewayPlan) => void, string[]][] = [
    [
      "a route that does not start with /",
      (p) => (p.routes[1].path = "api/v1/users/"),
      [
        'routes[1].path: got "api/v1/users/"; expected a path starting with "/" without spaces, quotes, ";", "$" or braces',
      ],
    ],
    [
      "a route with nginx syntax in it",
      (p) => (p.routes[1].path = "/x; deny all"),
      [
        'routes[1].path: got "/x; deny all"; expected a path starting with "/" without spaces, quotes, ";", "$" or braces',
      ],
    ],
    [
      "a duplicate route",
      (p) => p.routes.push({ path: "/api/v1/users/", upstream: "frontend", kind: "proxy" }),
      ['routes[6].path: got "/api/v1/users/"; expected a path not already routed by routes[1]'],
    ],
    [
      "a route to an unknown upstream",
      (p) => (p.routes[2].upstream = "avatar_service"),
      [
        'routes[2].upstream: got "avatar_service"; expected one of the upstream names ("frontend", "user_service", "activity_service", "notification_service")',
      ],
    ],
    [
      "a privileged or out-of-range port",
      (p) => {
        p.listenPort = 80;
        p.upstreams[0].servers[0].port = 70000;
      },
      [
        "listenPort: got 80; expected an integer port from 1024 to 65535 (nginx runs as non-root)",
        "upstreams[0].servers[0].port: got 70000; expected an integer port from 1 to 65535",
      ],
    ],
    [
      "the status port equal to the listen port",
      (p) => (p.statusPort = 8080),
      ["statusPort: got 8080; expected a port different from listenPort (8080)"],
    ],
    [
      "too few file descriptors for the connections",
      (p) => (p.workerRlimitNofile = 20480),
      [
        "workerRlimitNofile: got 20480; expected an integer of at least 2 x workerConnections (40960) and at most 1048576: each proxied client holds two sockets",
      ],
    ],
    [
      "a route shadowing the health check",
      (p) => p.routes.push({ path: "/health", upstream: "frontend", kind: "proxy" }),
      ['routes[6].path: got "/health"; expected a path other than healthPath, which nginx answers itself'],
    ],
    [
      "bad sizes, times and CIDRs",
      (p) => {
        p.clientMaxBodySize = "50 MB";
        p.mediaExpires = "30 days";
        p.trustedProxyCidrs = ["10.0.0.0/33"];
      },
      [
        'clientMaxBodySize: got "50 MB"; expected an nginx size like "50m"',
        'mediaExpires: got "30 days"; expected an nginx time like "30d"',
        'trustedProxyCidrs[0]: got "10.0.0.0/33"; expected an IPv4 or IPv6 CIDR like "10.0.0.0/16"',
      ],
    ],
  ];
  for (const [name, change, expected] of cases) {
    it(`reports ${name}`, () => {
      assert.deepStrictEqual(validateGatewayPlan(withPlan(change)), expected);
    });
  }

  it("makes renderNginxConf throw with every problem", () => {
    const plan = withPlan((p) => {
      p.routes[0].upstream = "nope";
      p.statusPort = 1;
    });
    assert.throws(() => renderNginxConf(plan), {
      message:
        "Invalid gateway plan (2 problems):\n" +
        "  - statusPort: got 1; expected an integer port from 1024 to 65535 (nginx runs as non-root)\n" +
        '  - routes[0].upstream: got "nope"; expected one of the upstream names ("frontend", "user_service", "activity_service", "notification_service")',
    });
  });
});
