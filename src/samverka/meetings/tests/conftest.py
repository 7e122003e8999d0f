import pytest


@pytest.fixture(autouse=True)
def _seal_dir(settings, tmp_path_factory):
    """The development seal is generated once per test session in a temporary folder."""
    settings.SAMVERKA_SEAL_DEV_DIR = str(tmp_path_factory.getbasetemp() / "seal")
