"""Plain text out of the files we accept, for full-text search."""

from __future__ import annotations

import io
import logging

logger = logging.getLogger(__name__)

MAX_TEXT = 2_000_000


def extract_text(content: bytes, content_type: str) -> str:
    try:
        if content_type == "application/pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(content), strict=False)
            text = "\n".join(page.extract_text() or "" for page in reader.pages)
        elif content_type.endswith("wordprocessingml.document"):
            import docx

            document = docx.Document(io.BytesIO(content))
            text = "\n".join(p.text for p in document.paragraphs)
        elif content_type == "text/plain":
            text = content.decode("utf-8", "replace")
        else:
            return ""
    except Exception:  # a file we cannot read gives no text, never a failed registration
        logger.warning("Kunde inte extrahera text (%s)", content_type, exc_info=True)
        return ""
    return text.replace("\x00", "")[:MAX_TEXT]
