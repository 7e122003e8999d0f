"""The municipality's electronic seal on verified minutes: PAdES signatures with pyHanko.

Production points SAMVERKA_SEAL_PKCS12 at the real seal certificate. Without it a self-signed
development seal is generated on first use in the var folder (for development, demo and tests).
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from . import conf

_lock = threading.Lock()
_signer_cache: dict[str, object] = {}


def _development_pkcs12() -> tuple[bytes, bytes]:
    """The self-signed development seal (created once, kept in the var folder)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder = conf.development_seal_dir()
    path = folder / "development-seal.p12"
    passphrase = b"samverka-development-seal"
    if path.exists():
        return path.read_bytes(), passphrase
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, settings.SAMVERKA_MUNICIPALITY_NAME),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{settings.SAMVERKA_MUNICIPALITY_NAME} – utvecklingssigill"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"samverka-seal", key, certificate, None, serialization.BestAvailableEncryption(passphrase)
    )
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".seal-{threading.get_ident()}.tmp"
    temporary.write_bytes(data)
    if not path.exists():
        temporary.replace(path)
    else:
        temporary.unlink(missing_ok=True)
    return path.read_bytes(), passphrase


def _pkcs12() -> tuple[bytes, bytes | None]:
    configured = conf.seal_pkcs12_path()
    if configured:
        return Path(configured).read_bytes(), conf.seal_passphrase()
    return _development_pkcs12()


def _signer():
    from pyhanko.sign import signers

    with _lock:
        key = conf.seal_pkcs12_path() or str(conf.development_seal_dir())
        if key not in _signer_cache:
            data, passphrase = _pkcs12()
            _signer_cache[key] = signers.SimpleSigner.load_pkcs12_data(data, [], passphrase=passphrase)
        return _signer_cache[key]


def seal_certificate():
    """The seal's certificate (asn1crypto), the trust root the verification page checks against."""
    return _signer().signing_cert


def seal_pdf(pdf: bytes, *, reason: str = "Justerat protokoll") -> bytes:
    """Add a PAdES seal to a PDF (an incremental update, so a PDF/A stays PDF/A)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name="Sigill",
        reason=reason,
        location=settings.SAMVERKA_MUNICIPALITY_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    output = signers.sign_pdf(writer, metadata, signer=_signer())
    return output.getvalue()


@dataclass(frozen=True)
class SealCheck:
    valid: bool
    message: str
    signer: str = ""
    signed_at: dt.datetime | None = None


def verify_pdf(data: bytes) -> SealCheck:
    """Check a PDF's seal: intact, covering the whole file, and made by the municipality's seal."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if not data.startswith(b"%PDF"):
        return SealCheck(False, "Filen är inte en PDF.")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # any malformed file is a refusal, never an error page
        return SealCheck(False, "PDF-filen kunde inte läsas.")
    if not signatures:
        return SealCheck(False, "PDF-filen har inget sigill.")
    signature = signatures[-1]
    try:
        status = validate_pdf_signature(signature, ValidationContext(trust_roots=[seal_certificate()]))
    except Exception:  # a damaged signature is a refusal, never an error page
        return SealCheck(False, "Sigillet är ogiltigt: filen har ändrats eller sigillet är skadat.")
    signer = status.signing_cert.subject.human_friendly if status.signing_cert else ""
    if not status.intact or not status.valid:
        return SealCheck(False, "Sigillet är brutet: filen har ändrats efter att den sigillerades.", signer)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return SealCheck(False, "Filen har ändrats efter att den sigillerades.", signer)
    if not status.trusted:
        return SealCheck(False, "Sigillet är inte kommunens.", signer)
    return SealCheck(
        True, "Sigillet är giltigt. Filen är oförändrad sedan den sigillerades.", signer, status.signer_reported_dt
    )
