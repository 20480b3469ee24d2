/**
 * The three nginx configs of the gateway benchmark (scripts/bench-gateway.ts): the upstream, a
 * baseline built from seed 000's gateway settings, and the rendered gateway.
 */
import * as path from "path";
import { SEED_GATEWAY_SERVICES, defaultGatewayPlan, renderNginxConf } from "../components/workloads/nginx";

/** The upstream both gateways proxy to: a tiny nginx answering `return 200`. */
export function upstreamConf(port: number, dir: string, nofile: number): string {
  return `worker_processes auto;
worker_rlimit_nofile ${nofile};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log error;
events { worker_connections 30000; use epoll; multi_accept on; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path ${dir}/client_body_temp;
    proxy_temp_path ${dir}/proxy_temp;
    fastcgi_temp_path ${dir}/fastcgi_temp;
    uwsgi_temp_path ${dir}/uwsgi_temp;
    scgi_temp_path ${dir}/scgi_temp;
    server {
        listen 127.0.0.1:${port} reuseport backlog=4096;
        default_type application/json;
        location / { return 200 '{"ok":true}'; }
    }
}
`;
}

/**
 * Seed 000's gateway as written there: 1024 connections per worker, epoll/multi_accept,
 * sendfile/tcp_nopush/tcp_nodelay, keepalive 65, gzip, 50m bodies, 30s timeouts, and upstreams
 * without keep-alive (HTTP/1.0, one upstream connection per request). worker_processes auto and
 * an unbuffered access log are the nginx:1.25-alpine image defaults the seed ran with.
 */
export function seedBaselineConf(port: number, upstreamPort: number, dir: string): string {
  return `worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events {
    worker_connections 1024;
    use epoll;
    multi_accept on;
}
http {
    log_format main '$remote_addr - $remote_user [$time_local] "$request" '
                    '$status $body_bytes_sent "$http_referer" '
                    '"$http_user_agent" "$http_x_forwarded_for" '
                    'rt=$request_time uct="$upstream_connect_time" '
                    'uht="$upstream_header_time" urt="$upstream_response_time"';
    access_log ${dir}/access.log main;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    gzip on;
    gzip_types text/plain application/json;
    client_max_body_size 50m;
    proxy_connect_timeout 30s;
    proxy_send_timeout 30s;
    proxy_read_timeout 30s;
    client_body_temp_path ${dir}/client_body_temp;
    proxy_temp_path ${dir}/proxy_temp;
    fastcgi_temp_path ${dir}/fastcgi_temp;
    uwsgi_temp_path ${dir}/uwsgi_temp;
    scgi_temp_path ${dir}/scgi_temp;
    upstream user_service {
        least_conn;
        server 127.0.0.1:${upstreamPort} max_fails=3 fail_timeout=30s;
    }
    server {
        listen 127.0.0.1:${port};
        location /api/v1/users/ {
            proxy_pass http://user_service/api/v1/users/;
            proxy_set_header Host $host;
            proxy_set_header X-Real-IP $remote_addr;
        }
    }
}
`;
}

/** The gateway this program renders, with its upstreams pointed at the bench upstream. */
export function renderedConf(
  port: number,
  statusPort: number,
  upstreamPort: number,
  dir: string,
  upstreamKeepalive?: number,
): string {
  const services = SEED_GATEWAY_SERVICES.map((s) => ({ ...s, host: "127.0.0.1", port: upstreamPort }));
  return renderNginxConf(
    defaultGatewayPlan(services, {
      listenAddress: "127.0.0.1",
      listenPort: port,
      statusPort,
      runDir: dir,
      cache: { path: path.join(dir, "cache"), zoneSize: "10m", maxSize: "100m", ttlSeconds: 300 },
      accessLogPath: path.join(dir, "access.log"),
      errorLogPath: path.join(dir, "error.log"),
      ...(upstreamKeepalive === undefined ? {} : { upstreamKeepalive }),
    }),
  );
}
