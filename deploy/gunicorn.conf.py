"""gunicorn settings: `gunicorn -c deploy/gunicorn.conf.py "tracker:create_app()"`.

Web workers serve requests only; the scheduler is its own single process
(accord-tracker-scheduler.service). Every value can be overridden from the environment.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread"
timeout = 60
graceful_timeout = 30
# Restart workers now and then so that a slow leak cannot grow for ever; not too often, as
# a new worker starts with no kept pages (tracker.services.read_cache) and no compiled
# templates: at 2,000 a worker of a busy host was recycled every few seconds (h19b).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 20000))
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
# The reverse proxy on this host sets X-Forwarded-*; TRACKER_PROXY_FIX=1 makes Flask trust it.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
