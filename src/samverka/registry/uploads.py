"""Checks on uploaded files: size, type by content (never by name), no archives, no broken files."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from samverka.core.errors import DomainError

OOXML_MAIN_PARTS = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xl/workbook.xml": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
    ),
}
ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg"}
# A document container unpacks to at most this much, and no part to more than this many times its
# packed size: Word files compress text 5–20 times, a zip bomb a million times.
MAX_UNPACKED_SIZE = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
# Names a file of the detected type may keep; any other extension is replaced by the detected one.
EXTENSION_ALIASES = {"jpg": {"jpg", "jpeg"}, "txt": {"txt", "csv"}}


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    content_type: str
    extension: str
    size: int
    sha256: str


def _check_unpacked_size(archive: zipfile.ZipFile) -> None:
    """Refuse a container that would unpack to far more than it weighs (readers of it, like the text
    extraction, trust the sizes in its directory, which Python's zipfile enforces while reading)."""
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    inflated = any(
        member.file_size > 1024 * 1024 and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if unpacked > MAX_UNPACKED_SIZE or inflated:
        raise DomainError(
            "Filen packas upp till orimligt mycket mer än den väger och tas inte emot. "
            "Spara dokumentet på nytt och ladda upp det igen.",
            code="unpacks_too_large",
        )


def _zip_office_type(content: bytes) -> tuple[str, str]:
    """An OOXML or ODF document is a zip container; any other zip is an archive and refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_unpacked_size(archive)
            names = set(archive.namelist())
            for part, found in OOXML_MAIN_PARTS.items():
                if part in names and "[Content_Types].xml" in names:
                    return found
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype in ODF_MIMETYPES:
                    return mimetype, ODF_MIMETYPES[mimetype]
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise DomainError("Filen är skadad och kan inte läsas.", code="malformed") from exc
    raise DomainError(
        "Arkivfiler (t.ex. zip) tas inte emot. Packa upp filen och ladda upp handlingarna en och en.",
        code="archive",
    )


def _check_pdf(content: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if len(reader.pages) < 1:
            raise DomainError("PDF-filen saknar sidor.", code="malformed")
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DomainError("PDF-filen är skadad och kan inte läsas.", code="malformed") from exc


def _is_text(content: bytes) -> bool:
    if b"\x00" in content[:8192]:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Read the whole upload, decide its type from its bytes, and refuse what we do not keep."""
    limit = settings.SAMVERKA_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise DomainError(
            f"Filen är för stor ({filesizeformat(upload.size)}). Största tillåtna storlek är {filesizeformat(limit)}.",
            code="too_large",
        )
    content = upload.read()
    if not content:
        raise DomainError("Filen är tom.", code="empty")
    if len(content) > limit:
        raise DomainError(f"Filen är för stor. Största tillåtna storlek är {filesizeformat(limit)}.", code="too_large")
    kind = filetype.guess(content)
    if kind is None:
        if _is_text(content):
            content_type, extension = "text/plain", "txt"
        else:
            raise DomainError(
                "Filtypen känns inte igen. Tillåtna filtyper är PDF, Word, Excel, PowerPoint, "
                "OpenDocument, text, PNG och JPEG.",
                code="unknown_type",
            )
    elif kind.mime == "application/pdf":
        _check_pdf(content)
        content_type, extension = "application/pdf", "pdf"
    elif kind.mime in IMAGE_TYPES:
        content_type, extension = kind.mime, IMAGE_TYPES[kind.mime]
    elif kind.mime == "application/zip" or kind.extension in {"docx", "xlsx", "pptx", "odt", "ods"}:
        content_type, extension = _zip_office_type(content)
    else:
        raise DomainError(
            f"Filtypen ({kind.extension}) tas inte emot. Tillåtna filtyper är PDF, Word, Excel, "
            "PowerPoint, OpenDocument, text, PNG och JPEG.",
            code="unsupported_type",
        )
    return CheckedUpload(
        content=content,
        content_type=content_type,
        extension=extension,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


def stored_filename(name: str, extension: str) -> str:
    """The uploaded name without any folder, with an extension that matches the content: a PDF
    called .txt is saved as .pdf, and a text file called .bat or .html cannot be opened as one."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    if not stem.strip(". "):
        stem = "handling"
    if suffix.lower() not in EXTENSION_ALIASES.get(extension, {extension}):
        suffix = extension
    return f"{stem[: 254 - len(suffix)]}.{suffix}"
