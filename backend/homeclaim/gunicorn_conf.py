"""gunicorn's settings, from the same environment as Django's (`gunicorn -c python:homeclaim.gunicorn_conf`).

`homeclaim serve` passes the address with --bind; the rest comes from here. Requests are logged
by homeclaim's own middleware (route template, status, time, request id), so gunicorn's access
log stays off; its error log goes to stderr in the format LOG_FORMAT asks for.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeclaim.settings")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # present but empty would mean "multiprocess"
    os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)

from django.conf import settings  # after the environment above

wsgi_app = "homeclaim.wsgi:application"
workers = settings.WEB_CONCURRENCY
threads = settings.WEB_THREADS
worker_class = "gthread" if threads > 1 else "sync"
timeout = settings.WEB_TIMEOUT
graceful_timeout = 10
keepalive = 5
accesslog = None
errorlog = "-"
control_socket_disable = True  # gunicorn 25+ would make one socket per user: two serves clash
# Behind a reverse proxy on the same machine, gunicorn trusts its X-Forwarded-Proto (the default
# 127.0.0.1); set FORWARDED_ALLOW_IPS for a proxy elsewhere.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

if settings.LOG_FORMAT == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "homeclaim.logs.JsonFormatter"}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "json"},
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


def child_exit(server: object, worker: object) -> None:
    """A web process ended: drop its live gauges from the shared metrics folder."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]
