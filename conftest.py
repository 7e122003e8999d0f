import shutil
import tempfile

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings):
    """Each test writes uploaded files to its own folder."""
    folder = tempfile.mkdtemp(prefix="samverka-media-")
    settings.MEDIA_ROOT = folder
    yield
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _no_axes_lockouts_between_tests(settings):
    settings.AXES_ENABLED = True
    yield
