// nginx 1.22 configured as the equivalent of the proxy's cache, the reference the tables compare
// the proxy with; started and stopped as the other measured servers are (servers.ts).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@mdss-kit/test-support';
import { type Running, startPinned } from './servers.ts';

/** nginx 1.22 as the equivalent caching proxy: one worker, keyed on Authorization and the URI. */
export async function startNginx(mdssUrl: string): Promise<Running> {
  const dir = await mkdtemp(join(tmpdir(), 'mdss-bench-nginx-'));
  const port = await freePort();
  const upstream = new URL(mdssUrl);
  // As root, nginx's worker would run as `nobody`, which cannot write this private temp dir.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  const conf = `
${user}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log ${dir}/access.log combined buffer=64k flush=1s;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=mdss:64m max_size=256m inactive=10m use_temp_path=off;
  upstream mdss { server ${upstream.host}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location /api/file/ {
      proxy_pass http://mdss;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache mdss;
      proxy_cache_key "$http_authorization$request_uri";
      proxy_cache_valid 200 300s;
      proxy_cache_lock on;
      proxy_cache_lock_timeout 10s;
      add_header Cache-Status $upstream_cache_status;
    }
  }
}`;
  await writeFile(join(dir, 'nginx.conf'), conf);
  return startPinned('nginx', ['nginx', '-p', dir, '-c', join(dir, 'nginx.conf')], port);
}
