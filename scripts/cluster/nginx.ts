/**
 * nginx in front of the app processes: round robin, no sticky sessions (sessions live in the database),
 * X-Forwarded-For set (the apps run with TRUST_PROXY=1), and a request whose process died before it was
 * answered is passed to the next process when nginx may do so (idempotent methods, or not yet sent).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { ClusterConfig } from "./config";

export function nginxBinary(): string | null {
  for (const p of ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]) if (fs.existsSync(p)) return p;
  return null;
}

export function nginxConf(c: ClusterConfig, appPorts: number[] = c.appPorts): string {
  const d = path.join(c.dir, "nginx");
  const asRoot = process.getuid?.() === 0;
  return `# recovery-posture cluster (npm run cluster): loopback only
${asRoot ? "user root root;" : ""}
worker_processes 1;
daemon on;
pid ${d}/nginx.pid;
error_log ${d}/error.log warn;
events { worker_connections 2048; }
http {
  access_log ${d}/access.log;
  client_body_temp_path ${d}/tmp/body;
  proxy_temp_path ${d}/tmp/proxy;
  fastcgi_temp_path ${d}/tmp/fastcgi;
  uwsgi_temp_path ${d}/tmp/uwsgi;
  scgi_temp_path ${d}/tmp/scgi;
  # The ingest API answers 413 itself above 5 MB: let such bodies reach it.
  client_max_body_size 8m;
  upstream app {
${appPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join("\n")}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${c.lbPort};
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 1s;
      proxy_read_timeout 60s;
      # Pages stream (Suspense boundaries): pass them on as they come.
      proxy_buffering off;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

export function startNginx(c: ClusterConfig): { conf: string; pidFile: string } {
  const bin = nginxBinary();
  if (!bin) throw new Error("nginx is not installed (Debian: apt-get install -y nginx)");
  const d = path.join(c.dir, "nginx");
  for (const t of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) fs.mkdirSync(path.join(d, "tmp", t), { recursive: true });
  const conf = path.join(d, "nginx.conf");
  fs.writeFileSync(conf, nginxConf(c));
  const r = spawnSync(bin, ["-c", conf, "-p", d], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`nginx did not start: ${r.stderr.trim()}`);
  return { conf, pidFile: path.join(d, "nginx.pid") };
}

export function stopNginx(n: { conf: string; pidFile: string }): void {
  const pid = readPid(n.pidFile);
  if (pid === null) return;
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    /* already gone */
  }
}

/** The pid on the first line of a pid file (nginx.pid, PostgreSQL's postmaster.pid), or null. */
export function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").split("\n")[0]!.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
