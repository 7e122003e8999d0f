"""For an app's scale tests: the organisation, a registry, and that app's generator alone, so a
test neither waits for a large registry nor depends on the other apps' generators."""

from __future__ import annotations

import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from .context import ScaleContext
from .foundation import generate_organisation, generate_registry
from .loader import BulkLoader


@transaction.atomic
def generate_app(
    generator: Callable[[ScaleContext], None],
    *,
    scale: float,
    seed: int,
    registry_scale: float | None = None,
    log: Callable[[str], None] = lambda _m: None,
) -> ScaleContext:
    """As `samverka.scale.generate.generate` with one app's generator; the registry at
    `registry_scale` (the app's scale when not given)."""
    loader = BulkLoader()
    rng = random.Random(seed)  # noqa: S311 (test data, reproducible by seed)
    ctx = ScaleContext(
        scale=scale if registry_scale is None else registry_scale,
        rng=rng,
        loader=loader,
        today=timezone.localdate(),
        log=log,
    )
    generate_organisation(ctx)
    generate_registry(ctx)
    ctx.scale = scale
    generator(ctx)
    loader.finish()
    ctx.registry.finish()
    return ctx


def assert_endpoints_answer(client, endpoints, *, per_endpoint: int = 3, require_paths: bool = True) -> None:
    """Each endpoint's first paths answer 200 for every user it names ("" is the public)."""
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.filter(username__in=["bench-user", "bench-admin"])}
    for endpoint in endpoints:
        if require_paths:
            assert endpoint.paths, endpoint.name
        for who in endpoint.users:
            client.logout()
            if who:
                client.force_login(users[who])
            for path in endpoint.paths[:per_endpoint]:
                response = client.get(path, HTTP_ACCEPT="text/html,application/json")
                assert response.status_code == 200, (endpoint.name, who or "public", path, response.status_code)
