"""Gunicorn for the app servers: `gunicorn -c deploy/gunicorn.conf.py cms.wsgi`.

Stateless: nothing is written to local disk (heartbeat files in memory, logs to stdout),
so any number of these can run behind the proxy tier (deploy/nginx.conf) on shared
PostgreSQL, Redis and object storage.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Requests are CPU-bound between short database round trips: two per core keep both busy.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2)
worker_class = "sync"
# Keep-alive only matters without a proxy; the proxy holds its own pool.
keepalive = 5
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Loaded once in the master, shared copy-on-write by the workers.
preload_app = True
# Recycle workers now and then; the jitter keeps them from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = 2000
worker_tmp_dir = "/dev/shm"  # noqa: S108 - memory, not disk
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
raw_env = ["DJANGO_SETTINGS_MODULE=" + os.environ.get("DJANGO_SETTINGS_MODULE", "cms.settings.production")]
# Gunicorn ≥ 25 opens a control socket under ~/.gunicorn: nothing on local disk.
control_socket_disable = True
