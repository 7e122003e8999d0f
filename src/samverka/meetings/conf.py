"""Settings of the meetings app, read from Django settings (which read the environment).

SAMVERKA_SEAL_PKCS12: path to the municipality's seal certificate (PKCS#12). Empty: a
self-signed development seal is generated on first use in the var folder.
SAMVERKA_SEAL_PASSPHRASE: its passphrase.
SAMVERKA_MINUTES_KEPT_AT: where the verified minutes are kept (shown on the notice board).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings


def seal_pkcs12_path() -> str:
    return getattr(settings, "SAMVERKA_SEAL_PKCS12", "") or os.environ.get("SAMVERKA_SEAL_PKCS12", "")


def seal_passphrase() -> bytes | None:
    value = getattr(settings, "SAMVERKA_SEAL_PASSPHRASE", "") or os.environ.get("SAMVERKA_SEAL_PASSPHRASE", "")
    return value.encode() if value else None


def development_seal_dir() -> Path:
    default = Path(getattr(settings, "VAR_DIR", Path.cwd() / "var")) / "seal"
    return Path(getattr(settings, "SAMVERKA_SEAL_DEV_DIR", "") or default)


def minutes_kept_at() -> str:
    return getattr(settings, "SAMVERKA_MINUTES_KEPT_AT", "") or os.environ.get(
        "SAMVERKA_MINUTES_KEPT_AT", "Stadskontoret, kommunens registratur"
    )


VERIFICATION_DAYS = 14
POSTING_DAYS = 2
APPEAL_DAYS = 21
