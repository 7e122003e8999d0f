"""Full-text index of cases and documents. Public and protected text are indexed apart, so a
search by the public can never match on what is secret."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Case, Document, DocumentFile, SearchEntry

START, STOP = "\x02", "\x03"
MAX_QUERY_LENGTH = 200


def _case_texts(case: Case) -> tuple[str, str, str]:
    public = [case.number, case.display_public_title]
    protected = []
    if case.is_secret:
        protected += [case.title, case.description]
    else:
        public.append(case.description)
    return case.display_public_title, " ".join(filter(None, public)), " ".join(filter(None, protected))


def index_case(case_id: int, *, with_documents: bool = False) -> None:
    """Index the case; `with_documents` also re-indexes its documents, whose protection follows
    the case's secrecy."""
    case = Case.objects.select_related("series").get(pk=case_id)
    title, public, protected = _case_texts(case)
    SearchEntry.objects.update_or_create(
        case=case, document=None, defaults={"title": title, "public_text": public, "protected_text": protected}
    )
    if with_documents:
        for document_id in Document.objects.filter(case=case).values_list("pk", flat=True):
            index_document(document_id)


def index_document(document_id: int) -> None:
    document = Document.objects.select_related("case").get(pk=document_id)
    texts = list(
        DocumentFile.objects.filter(document=document).order_by("-version").values_list("extracted_text", flat=True)[:1]
    )
    file_text = texts[0] if texts else ""
    public = [document.number, document.subject]
    # The protected description is never shown to the public, secret or not.
    protected = [document.protected_subject]
    if document.is_secret or document.case.is_secret:
        protected.append(file_text)
    else:
        public.append(file_text)
    SearchEntry.objects.update_or_create(
        document=document,
        defaults={
            "case": document.case,
            "title": document.subject,
            "public_text": " ".join(filter(None, public)),
            "protected_text": " ".join(filter(None, protected)),
        },
    )


def extract_text(file_id: int) -> None:
    from .tasks import extract_document_text

    extract_document_text.enqueue(file_id)


@dataclass
class SearchHit:
    entry_id: int
    case_id: int
    document_id: int | None
    rank: float
    snippet: SafeString
    case: Case | None = None
    document: Document | None = None
    masked: bool = False


def _snippet_html(raw: str | None) -> SafeString:
    text = escape(raw or "")
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 (escaped above)


def _sqlite_match(query: str) -> str:
    """FTS5 has no Swedish stemmer: each word becomes a quoted prefix term, so 'digitalisering'
    also finds 'digitaliseringen'. Quoting keeps user input from being read as FTS syntax."""
    words = re.findall(r"\w+", query, flags=re.UNICODE)
    terms = []
    for word in words[:12]:
        stem = word[:-2] if len(word) > 6 else word
        terms.append(f'"{stem}"*')
    return " ".join(terms)


# Hits are counted and ranked no further than this: every page the paginator offers has its hits,
# and ranking a thousand tsvectors takes milliseconds where ranking all matches of a common word
# in a registry of millions takes a second.
HIT_CAP = 1_000
RANKED_CANDIDATES = " ".join(
    [
        "WITH m AS (SELECT e.id {body} ORDER BY e.id DESC LIMIT %s)",
        "SELECT e.id, e.case_id, e.document_id,",
        "CASE WHEN {secret} THEN ts_rank(e.full_vector, q) ELSE ts_rank(e.public_vector, q) END AS rank,",
        "CASE WHEN {secret} THEN 1 ELSE 0 END AS may_see",
        "FROM m JOIN registry_searchentry e ON e.id = m.id JOIN registry_case c ON c.id = e.case_id,",
        "websearch_to_tsquery('swedish', %s) q",
        "ORDER BY rank DESC, e.id DESC LIMIT %s OFFSET %s",
    ]
)


class SearchResults:
    """A lazy, paginatable full-text search; only the rows of the shown page get snippets."""

    def __init__(
        self,
        query: str,
        *,
        public: bool,
        everywhere: bool = False,
        series_ids: frozenset[int] = frozenset(),
        person_id: int | None = None,
        filters: dict | None = None,
    ) -> None:
        self.query = query.strip()[:MAX_QUERY_LENGTH]
        self.public = public
        self.everywhere = everywhere
        self.series_ids = series_ids
        self.person_id = person_id
        self.filters = filters or {}
        self._count: int | None = None
        self.vendor = connection.vendor
        self.count_cap = HIT_CAP

    # -- SQL building -------------------------------------------------------------------------
    def _secret_ok_sql(self) -> tuple[str, list]:
        """SQL that is true where the user may read the protected text of the entry's case."""
        if self.public:
            return "0=1", []
        if self.everywhere:
            return "1=1", []
        parts, params = [], []
        if self.series_ids:
            parts.append(f"c.series_id IN ({', '.join(['%s'] * len(self.series_ids))})")
            params += sorted(self.series_ids)
        if self.person_id:
            parts.append("c.responsible_officer_id = %s")
            params.append(self.person_id)
        return ("(" + " OR ".join(parts) + ")" if parts else "0=1"), params

    def _filter_sql(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.filters.get("body"):
            clauses.append("(s.body_id = %s OR sa.body_id = %s)")
            params += [self.filters["body"], self.filters["body"]]
        if self.filters.get("document_type"):
            clauses.append("d.document_type_id = %s")
            params.append(self.filters["document_type"])
        if self.filters.get("date_from"):
            clauses.append("COALESCE(d.document_date, c.opened_on) >= %s")
            params.append(self.filters["date_from"])
        if self.filters.get("date_to"):
            clauses.append("COALESCE(d.document_date, c.opened_on) <= %s")
            params.append(self.filters["date_to"])
        if self.filters.get("kind") == "case":
            clauses.append("e.document_id IS NULL")
        elif self.filters.get("kind") == "document":
            clauses.append("e.document_id IS NOT NULL")
        return (" AND " + " AND ".join(clauses) if clauses else ""), params

    def _joins(self) -> str:
        return (
            " JOIN registry_case c ON c.id = e.case_id"
            " JOIN registry_caseseries s ON s.id = c.series_id"
            " LEFT JOIN organisation_administration sa ON sa.id = s.administration_id"
            " LEFT JOIN registry_document d ON d.id = e.document_id"
        )

    def _base(self) -> tuple[str, list, str, list]:
        """FROM/WHERE clause and the rank and secret-ok expressions with their params."""
        secret_sql, secret_params = self._secret_ok_sql()
        filter_sql, filter_params = self._filter_sql()
        if self.vendor == "postgresql":
            from_sql = " FROM registry_searchentry e" + self._joins() + ", websearch_to_tsquery('swedish', %s) q"
            where = f" WHERE (e.public_vector @@ q OR (e.full_vector @@ q AND {secret_sql})){filter_sql}"
            return from_sql + where, [self.query, *secret_params, *filter_params], secret_sql, secret_params
        match = _sqlite_match(self.query)
        public_match = "{title public_text} : (" + match + ")"
        # Public columns are a subset of all columns, so a public match is also a full match:
        # the MATCH on all columns drives the query (and bm25), the public one narrows it.
        from_sql = (
            " FROM registry_search_fts JOIN registry_searchentry e ON e.id = registry_search_fts.rowid" + self._joins()
        )
        where = (
            " WHERE registry_search_fts MATCH %s AND (registry_search_fts.rowid IN"  # noqa: S608 (fixed SQL)
            " (SELECT rowid FROM registry_search_fts WHERE registry_search_fts MATCH %s)"
            f" OR {secret_sql}){filter_sql}"
        )
        return from_sql + where, [match, public_match, *secret_params, *filter_params], secret_sql, secret_params

    # -- Paginator protocol -------------------------------------------------------------------
    def count(self) -> int:
        if self._count is None:
            if not self._has_terms():
                self._count = 0
            else:
                body, params, _s, _p = self._base()
                with connection.cursor() as cursor:
                    cursor.execute("SELECT COUNT(*)" + body, params)
                    self._count = cursor.fetchone()[0]
        return self._count

    def capped_count(self, limit: int) -> int:
        """The number of hits, counted no further than `limit` (a common word matches half the registry)."""
        if not self._has_terms():
            return 0
        body, params, _s, _p = self._base()
        with connection.cursor() as cursor:
            sql = "SELECT COUNT(*) FROM (SELECT 1" + body + " LIMIT %s) hits"  # noqa: S608 (fixed SQL, bound params)
            cursor.execute(sql, [*params, limit])
            return cursor.fetchone()[0]

    def __len__(self) -> int:
        return self.count()

    def _has_terms(self) -> bool:
        return bool(re.search(r"\w", self.query))

    def __getitem__(self, item: slice) -> list[SearchHit]:
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        if not self._has_terms():
            return []
        offset = item.start or 0
        limit = (item.stop or offset + 20) - offset
        body, params, secret_sql, secret_params = self._base()
        if self.vendor == "postgresql":
            # Ranking reads every matching tsvector; for a common word that is most of the registry.
            # Only the newest HIT_CAP matches are ranked, which is also what users look for.
            sql = RANKED_CANDIDATES.format(body=body, secret=secret_sql)
            params = [*params, HIT_CAP, *secret_params, *secret_params, self.query, limit, offset]
        else:
            sql = (
                f"SELECT e.id, e.case_id, e.document_id, bm25(registry_search_fts) AS rank,"
                f" CASE WHEN {secret_sql} THEN 1 ELSE 0 END AS may_see"
                + body
                + " ORDER BY rank ASC, e.id DESC LIMIT %s OFFSET %s"
            )
            params = [*secret_params, *params, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        hits = [SearchHit(r[0], r[1], r[2], float(r[3] or 0), mark_safe(""), masked=not r[4]) for r in rows]  # noqa: S308
        self._attach(hits)
        return hits

    def _attach(self, hits: list[SearchHit]) -> None:
        if not hits:
            return
        cases = Case.objects.select_related("series").in_bulk({h.case_id for h in hits})
        documents = Document.objects.select_related("document_type").in_bulk(
            {h.document_id for h in hits if h.document_id}
        )
        snippets = self._snippets(hits)
        for hit in hits:
            hit.case = cases.get(hit.case_id)
            hit.document = documents.get(hit.document_id) if hit.document_id else None
            hit.snippet = _snippet_html(snippets.get(hit.entry_id))

    def _snippets(self, hits: list[SearchHit]) -> dict[int, str]:
        public_ids = [h.entry_id for h in hits if h.masked]
        full_ids = [h.entry_id for h in hits if not h.masked]
        result: dict[int, str] = {}
        with connection.cursor() as cursor:
            for ids, column in ((public_ids, "public"), (full_ids, "full")):
                if not ids:
                    continue
                placeholders = ", ".join(["%s"] * len(ids))
                if self.vendor == "postgresql":
                    text = "e.public_text" if column == "public" else "e.public_text || ' ' || e.protected_text"
                    cursor.execute(
                        f"SELECT e.id, ts_headline('swedish', {text}"  # noqa: S608 (only placeholders vary)
                        ", websearch_to_tsquery('swedish', %s), %s)"
                        f" FROM registry_searchentry e WHERE e.id IN ({placeholders})",
                        [self.query, f"StartSel={START},StopSel={STOP},MaxFragments=2,MaxWords=30,MinWords=10", *ids],
                    )
                else:
                    column_index = 1 if column == "public" else -1
                    cursor.execute(
                        f"SELECT rowid, snippet(registry_search_fts"  # noqa: S608 (only placeholders vary)
                        f", {column_index}, %s, %s, '…', 24)"
                        f" FROM registry_search_fts WHERE registry_search_fts MATCH %s AND rowid IN ({placeholders})",
                        [START, STOP, _sqlite_match(self.query), *ids],
                    )
                result.update(dict(cursor.fetchall()))
        return result


def search_internal(user, query: str, filters: dict | None = None) -> SearchResults:
    from .policies import secret_scope

    everywhere, series_ids, person_id = secret_scope(user)
    return SearchResults(
        query,
        public=False,
        everywhere=everywhere,
        series_ids=frozenset(series_ids),
        person_id=person_id,
        filters=filters,
    )


def search_public(query: str, filters: dict | None = None) -> SearchResults:
    return SearchResults(query, public=True, filters=filters)
