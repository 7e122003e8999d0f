"""Gunicorn settings of the web tier: `gunicorn -c python:samverka.gunicorn_conf samverka.wsgi:application`.

Prefetched relations keep their parent in the queryset's hints, a reference cycle per row, so a
request leaves tens of thousands of objects for the cyclic collector; a full collection then walks
the whole worker heap (Django, the URL conf, compiled templates: ~100 ms at the bench scale, the
p95 of an otherwise 20 ms endpoint). What lives as long as the worker is moved out of the
collector's sight with `gc.freeze()`: once the application is loaded, and again after the first
requests have filled the per-process caches. A full collection then takes a few tens of ms.
"""

from __future__ import annotations

import gc

# After these requests of a worker its long-lived objects are frozen again: by then the templates
# are compiled and the caches filled. Each costs one full collection, once.
FREEZE_AFTER_REQUESTS = frozenset({10, 100, 500})

_served = 0


def freeze_long_lived() -> None:
    """Collect what is garbage now, then exempt every surviving object from later collections."""
    gc.collect()
    gc.freeze()


def post_worker_init(worker) -> None:
    freeze_long_lived()


def post_request(worker, req, environ, resp) -> None:
    global _served
    _served += 1
    if _served in FREEZE_AFTER_REQUESTS:
        freeze_long_lived()
