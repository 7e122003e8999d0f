import gc
import os
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from samverka import gunicorn_conf


@pytest.fixture
def unfrozen(monkeypatch):
    monkeypatch.setattr(gunicorn_conf, "_served", 0)
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_worker_freezes_its_heap_when_loaded_and_after_its_first_requests(unfrozen):
    gunicorn_conf.post_worker_init(worker=None)
    loaded = gc.get_freeze_count()
    assert loaded > 0

    kept = [[n] for n in range(5_000)]  # what the first requests leave in caches
    for _ in range(9):
        gunicorn_conf.post_request(None, None, {}, None)
    assert gc.get_freeze_count() == loaded
    gunicorn_conf.post_request(None, None, {}, None)
    assert gc.get_freeze_count() >= loaded + len(kept)


class Node:
    pass


def test_garbage_is_collected_before_freezing(unfrozen):
    node = Node()
    node.itself = node  # freed by the cyclic collector only
    gone = weakref.ref(node)
    del node
    gunicorn_conf.freeze_long_lived()
    assert gone() is None


def test_gunicorn_reads_the_configuration():
    root = Path(__file__).resolve().parents[4]
    result = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--check-config", "-c", "python:samverka.gunicorn_conf",
         "samverka.wsgi:application"],
        cwd=root, env={**os.environ, "PYTHONPATH": str(root / "src")}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
