"""Render deploy/nginx.conf into a complete nginx configuration for a given set of ports.

Tests and the benchmark run the shipped site configuration itself, not a copy: the lines
marked `#@name` are replaced, everything else is used as it is.

    python deploy/nginx_conf.py --listen 9610 --upstream 127.0.0.1:9611 --prefix /tmp/x > /tmp/x/nginx.conf
    nginx -p /tmp/x -c /tmp/x/nginx.conf
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

SITE = Path(__file__).with_name("nginx.conf")
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")


def site_config(listen: str, upstreams: list[str], cache_dir: Path, static_root: Path) -> str:
    lines = []
    for line in SITE.read_text().splitlines():
        indent = line[: len(line) - len(line.lstrip())]
        if line.endswith("#@cache"):
            line = (
                f"proxy_cache_path {cache_dir} levels=1:2 keys_zone=vtnk:50m max_size=1g "
                "inactive=1d use_temp_path=off;"
            )
        elif line.endswith("#@upstream"):
            if not upstreams:
                continue
            line = "\n".join(f"{indent}server {u};" for u in upstreams)
            upstreams = []
        elif line.endswith("#@listen"):
            line = f"{indent}listen {listen};"
        elif line.endswith("#@static"):
            line = f"{indent}alias {static_root}/;"
        lines.append(line)
    return "\n".join(lines) + "\n"


def main_config(prefix: Path, http_body: str, workers: int = 1) -> str:
    """A whole nginx.conf (for `nginx -p prefix -c ...`) around the given http-level text."""
    for sub in ("logs", "work/client", "work/proxy", "work/fastcgi", "work/uwsgi", "work/scgi"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    user = "user root root;\n" if os.geteuid() == 0 else ""
    load = f"load_module {PURGE_MODULE};\n" if PURGE_MODULE.exists() else ""
    return f"""{load}{user}worker_processes {workers};
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {prefix}/work/client;
    proxy_temp_path {prefix}/work/proxy;
    fastcgi_temp_path {prefix}/work/fastcgi;
    uwsgi_temp_path {prefix}/work/uwsgi;
    scgi_temp_path {prefix}/work/scgi;
{http_body}
}}
"""


def render(prefix: Path, listen: str, upstreams: list[str], static_root: Path | None = None) -> Path:
    """Write prefix/nginx.conf for the proxy tier and return its path."""
    prefix.mkdir(parents=True, exist_ok=True)
    site = site_config(listen, upstreams, prefix / "cache", static_root or prefix / "static")
    path = prefix / "nginx.conf"
    path.write_text(main_config(prefix, site))
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listen", required=True)
    parser.add_argument("--upstream", action="append", required=True)
    parser.add_argument("--prefix", type=Path, required=True)
    args = parser.parse_args()
    print(render(args.prefix, args.listen, args.upstream))
