"""Handing out stored files. A file the database knows but the storage has lost is an operations
fault (a restore without the media, a broken mount): the reader gets a clear 404 and the fault
is logged for whoever runs the system, instead of a server error."""

from __future__ import annotations

import logging

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

logger = logging.getLogger("samverka.files")


def stored_file_response(stored: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    try:
        handle = stored.open("rb")
    except OSError:
        logger.error("Stored file missing from storage: %s", stored.name)
        raise Http404(_("Filen saknas i lagringen. Kontakta registratorn; felet är loggat.")) from None
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
