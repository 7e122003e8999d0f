from samverka.needs.tests.conftest import gov, kuf, lead_kuf, lead_mf, mf  # noqa: F401
