"""Full-text index of cases and documents. Public and protected text are indexed apart, so a
search by the public can never match on what is secret."""

from __future__ import annotations

import math
import re
import time
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
# The newest HIT_CAP + 1 matches (one more tells "more than HIT_CAP") are looked for in windows of
# ids, newest first. The first window is sized from the share of matches to hold WINDOW_MARGIN times
# the hits needed; when it falls short (rarely), a wider one below it is searched, and the last has
# no bottom: a wrong estimate costs a window more, never a fetch of every match. A window is searched by
# the GIN bitmap ANDed with the BRIN ranges of its ids (registry_search_recent_brin): the matches
# outside it are not fetched. For a common word, walking the primary key over the first window and
# testing each entry is cheaper than reading the word's whole posting list: when HIT_CAP hits are
# expected within WALK_LIMIT ids. The share comes from testing the newest entries (search_plan).
WINDOW_MARGIN = 2.0
# The widths of the windows but the last, in first windows: an estimate off by a little more than the
# margin (the usual miss) is mended by the second, one far off by the third, and the last, below them
# all, has no bottom. Each window reads the words' posting lists again (~15 ms for a common pair).
WINDOW_GROWTH = (1, 1, 8)
WALK_LIMIT = 30_000
# Testing one entry costs ~1.3 µs, adding one to a GIN bitmap ~0.25 µs (3.2 million entries): the
# walk is the cheaper when more than ~3 % of the entries match. The sample costs ~4 ms.
SAMPLE = 3_000
SAMPLE_HITS = 30
RANKED = " ".join(
    [
        "SELECT e.id, e.case_id, e.document_id,",
        "CASE WHEN {secret} THEN ts_rank(e.public_vector || e.protected_vector, q)",
        "ELSE ts_rank(e.public_vector, q) END AS rank,",
        "CASE WHEN {secret} THEN 1 ELSE 0 END AS may_see",
        "FROM registry_searchentry e{joins}, websearch_to_tsquery('swedish', %s) q",
        "WHERE e.id = ANY(%s) ORDER BY rank DESC, e.id DESC LIMIT %s OFFSET %s",
    ]
)
# Share of entries per lexeme of public_vector from ANALYZE (pg_stats), and the newest entry id,
# read once a while per process: entries added since fall in the first window, which has no top.
STATS_SECONDS = 600


@dataclass(frozen=True)
class LexemeStats:
    shares: dict[str, float]
    floor: float  # lexemes below this share are not listed
    rows: float
    newest_id: int


_lexeme_stats_cache: dict[str, tuple[float, LexemeStats | None]] = {}


def _lexeme_stats() -> LexemeStats | None:
    """The words' shares and the table's size, or None before the table has been analysed."""
    cached = _lexeme_stats_cache.get(connection.alias)
    if cached is not None and cached[0] > time.monotonic():
        return cached[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples,"
            " (SELECT max(id) FROM registry_searchentry)"
            " FROM pg_stats s JOIN pg_class c ON c.oid = 'registry_searchentry'::regclass"
            " WHERE s.schemaname = current_schema() AND s.tablename = 'registry_searchentry'"
            " AND s.attname = 'public_vector'"
        )
        row = cursor.fetchone()
    stats = None
    if row and row[0] and row[1] and row[2] > 0:
        lexemes, shares, rows, newest_id = row
        # After the shares of the listed lexemes come the lowest and the highest of them.
        stats = LexemeStats(dict(zip(lexemes, shares, strict=False)), shares[len(lexemes)], float(rows), newest_id or 0)
    _lexeme_stats_cache[connection.alias] = (time.monotonic() + STATS_SECONDS, stats)
    return stats


def _tsquery(query: str, sample_from: int | None = None) -> tuple[str, int, int]:
    """The query as PostgreSQL reads it and, with `sample_from`, how many of the entries above that
    id match publicly, of how many: (tsquery, hits, entries). A single word is not sampled: its
    share in the statistics is close enough."""
    with connection.cursor() as cursor:
        if sample_from is None:
            cursor.execute("SELECT websearch_to_tsquery('swedish', %s)::text", [query])
            return cursor.fetchone()[0], 0, 0
        cursor.execute(
            "SELECT q::text, s.hits, s.entries FROM websearch_to_tsquery('swedish', %s) q, LATERAL"
            " (SELECT count(*) FILTER (WHERE ts_match_vq(e.public_vector, q)) AS hits, count(*) AS entries"
            " FROM registry_searchentry e WHERE e.id > %s AND numnode(q) > 1) s",
            [query, sample_from],
        )
        return cursor.fetchone()


def _estimated_share(tsquery: str, stats: LexemeStats) -> float:
    """The share of entries whose public vector matches, from the lexemes' shares: a phrase (also
    what a hyphenated word becomes) as its rarest lexeme (the planner multiplies, far too low for
    "e-arkiv"), an OR as the sum, a NOT as everything."""
    quoted = r"'((?:[^']|'')*)'"
    lexemes = [m.replace("''", "'") for m in re.findall(quoted, tsquery)]
    if not lexemes:
        return 0.0
    operators = re.sub(quoted, "", tsquery)
    found = [stats.shares.get(lexeme, stats.floor) for lexeme in lexemes]
    if "!" in operators:
        return 1.0
    if "|" in operators:
        return min(1.0, sum(found))
    if "<" in operators:
        return min(found)
    # Words that always go together ("barnets bästa") match as often as the rarer one, unrelated
    # words as often as the product of their shares: the geometric mean errs least either way.
    return math.sqrt(min(found) * math.prod(found))


def estimated_matches(query: str) -> float | None:
    """The entries whose public vector matches, by the lexemes' shares; None before ANALYZE."""
    stats = _lexeme_stats()
    if stats is None:
        return None
    return _estimated_share(_tsquery(query)[0], stats) * stats.rows


@dataclass(frozen=True)
class SearchPlan:
    """How the newest hits are looked for: windows of ids below `newest_id`, the first `first_window`
    ids wide, walked by the primary key or (`bitmap`) fetched through the GIN and BRIN indexes."""

    bitmap: bool
    first_window: int
    newest_id: int


def search_plan(query: str) -> SearchPlan | None:
    """The plan from the share of matches among the newest SAMPLE entries, which are tested one by
    one: word statistics cannot tell whether two words go together ("barnets bästa": 3 times the
    geometric mean; "avtal Adda": none among the newest). Too few hits in the sample to count on
    only bound the statistics' share from above. None (the planner chooses) without statistics."""
    stats = _lexeme_stats()
    if stats is None:
        return None
    tsquery, hits, sampled = _tsquery(query, sample_from=stats.newest_id - SAMPLE)
    share, margin = _estimated_share(tsquery, stats), WINDOW_MARGIN
    if sampled and hits >= SAMPLE_HITS:
        share = hits / sampled
    elif sampled:
        # Words rarely together: the share is an upper bound, so the window gets twice the margin
        # (a second window costs a second scan of the GIN index).
        share, margin = min(share, SAMPLE_HITS / sampled), 2 * WINDOW_MARGIN
    share = max(share, 1e-9)
    walk = (HIT_CAP + 1) / share <= WALK_LIMIT
    window = max(1, math.ceil(margin * (HIT_CAP + 1) / share))
    return SearchPlan(bitmap=not walk, first_window=window, newest_id=stats.newest_id)


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
        self._candidates: list[int] | None = None
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

    def _joins(self, *, secrecy: bool = True) -> str:
        if self.vendor != "postgresql":
            return (
                " JOIN registry_case c ON c.id = e.case_id"
                " JOIN registry_caseseries s ON s.id = c.series_id"
                " LEFT JOIN organisation_administration sa ON sa.id = s.administration_id"
                " LEFT JOIN registry_document d ON d.id = e.document_id"
            )
        # PostgreSQL keeps an inner join nobody reads: one case lookup per match costs as much as
        # a middling word's heap scan, so only what the secrecy test and the filters read is joined.
        dated = self.filters.get("date_from") or self.filters.get("date_to")
        joins = ""
        if (secrecy and "c." in self._secret_ok_sql()[0]) or self.filters.get("body") or dated:
            joins += " JOIN registry_case c ON c.id = e.case_id"
        if self.filters.get("body"):
            joins += (
                " JOIN registry_caseseries s ON s.id = c.series_id"
                " LEFT JOIN organisation_administration sa ON sa.id = s.administration_id"
            )
        if self.filters.get("document_type") or dated:
            joins += " LEFT JOIN registry_document d ON d.id = e.document_id"
        return joins

    def _arms(self, *, indexed: bool = True, exists: bool = False) -> tuple[str, str | None, list]:
        """The public match and, for staff, the protected one with its params. Public and
        protected words may meet in one match (a case number and a name in a secret file), so the
        protected arm tests both vectors together; its GIN index covers only rows with protected
        text, which the arm names so the planner may use it. `indexed=False` writes the test as a
        function call, which no index serves: the planner then walks the primary key. `exists` tests
        the secrecy scope in a subquery instead of on a joined case."""

        def match(vector: str) -> str:
            return f"{vector} @@ q" if indexed else f"ts_match_vq({vector}, q)"

        public = match("e.public_vector")
        if self.public:
            return public, None, []
        secret_sql, secret_params = self._secret_exists_sql() if exists else self._secret_ok_sql()
        protected = f"e.protected_text <> '' AND {match('(e.public_vector || e.protected_vector)')} AND {secret_sql}"
        return public, protected, secret_params

    def _pg_from(self, *, secrecy: bool = True) -> str:
        return " FROM registry_searchentry e" + self._joins(secrecy=secrecy) + ", websearch_to_tsquery('swedish', %s) q"

    def _pg_body(self) -> tuple[str, list]:
        public, protected, secret_params = self._arms()
        filter_sql, filter_params = self._filter_sql()
        match = f"({public} OR ({protected}))" if protected else public
        return f"{self._pg_from()} WHERE {match}{filter_sql}", [self.query, *secret_params, *filter_params]

    def _base(self) -> tuple[str, list, str, list]:
        """FROM/WHERE clause and the rank and secret-ok expressions with their params."""
        secret_sql, secret_params = self._secret_ok_sql()
        filter_sql, filter_params = self._filter_sql()
        if self.vendor == "postgresql":
            body, params = self._pg_body()
            return body, params, secret_sql, secret_params
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
        if self.vendor == "postgresql" and limit <= HIT_CAP + 1:
            return min(len(self._candidate_ids()), limit)
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
            candidates = self._candidate_ids()[:HIT_CAP]
            if not candidates:
                return []
            joins = " JOIN registry_case c ON c.id = e.case_id" if "c." in secret_sql else ""
            sql = RANKED.format(secret=secret_sql, joins=joins)
            params = [*secret_params, *secret_params, self.query, candidates, limit, offset]
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

    def _candidate_ids(self) -> list[int]:
        """Ids of the newest HIT_CAP + 1 hits, newest first: they give the capped count and are ranked."""
        if self._candidates is None:
            plan = search_plan(self.query)
            if plan is None:  # no statistics yet: the planner chooses
                body, params = self._pg_body()
                sql = f"SELECT e.id{body} ORDER BY e.id DESC"  # noqa: S608 (fixed SQL)
            else:
                sql, params = self._windows_sql(plan)
            with connection.cursor() as cursor:
                cursor.execute(f"{sql} LIMIT %s", [*params, HIT_CAP + 1])
                self._candidates = [row[0] for row in cursor.fetchall()]
        return self._candidates

    def _windows_sql(self, plan: SearchPlan) -> tuple[str, list]:
        """The newest hits, newest first, in one statement: the windows are the arms of a UNION ALL
        under the LIMIT, and PostgreSQL's Append starts an arm only when those before it have not
        filled the LIMIT, so a later window costs nothing when the first one suffices."""
        arms, params = [], []
        high, walk = None, not plan.bitmap
        widths = [plan.first_window * growth for growth in WINDOW_GROWTH]
        for window in range(len(widths) + 1):
            top = plan.newest_id if high is None else high
            low = top - widths[window] if window < len(widths) else 0
            sql, window_params = self._window_sql(low if low > 0 else None, high, walk=walk)
            arms.append(f"({sql} LIMIT %s)")
            params += [*window_params, HIT_CAP + 1]
            if low <= 0:
                break
            high, walk = low, False
        return f"SELECT id FROM ({' UNION ALL '.join(arms)}) hits", params  # noqa: S608 (fixed SQL)

    def _secret_exists_sql(self) -> tuple[str, list]:
        """The secrecy test as a subquery: a join to the case would look up the case of every
        entry tested, where only protected matches need it."""
        secret_sql, secret_params = self._secret_ok_sql()
        if "c." not in secret_sql:
            return secret_sql, secret_params
        exists = f"EXISTS (SELECT 1 FROM registry_case c WHERE c.id = e.case_id AND {secret_sql})"  # noqa: S608
        return exists, secret_params

    def _window_sql(self, low: int | None, high: int | None, *, walk: bool) -> tuple[str, list]:
        """The hits with low < id <= high (either end open), newest first."""
        filter_sql, filter_params = self._filter_sql()
        from_sql = self._pg_from(secrecy=False)
        if walk:
            # The key walked backwards, each entry tested; the function call keeps the GIN away.
            public, protected, secret_params = self._arms(indexed=False, exists=True)
            key, order = "e.id", "e.id DESC"
        else:
            public, protected, secret_params = self._arms(exists=True)
            # `id + 0`: only the BRIN index serves the window, the key's order never tempts a walk.
            key, order = "e.id + 0", "e.id + 0 DESC"
        bounds, bound_params = "", []
        if low is not None:
            bounds += f" AND {key} > %s"
            bound_params.append(low)
        if high is not None:
            bounds += f" AND {key} <= %s"
            bound_params.append(high)
        if protected is None:
            sql = f"SELECT e.id{from_sql} WHERE {public}{bounds}{filter_sql} ORDER BY {order}"
            return sql, [self.query, *bound_params, *filter_params]
        if walk:
            sql = f"SELECT e.id{from_sql} WHERE ({public} OR ({protected})){bounds}{filter_sql} ORDER BY {order}"
            return sql, [self.query, *secret_params, *bound_params, *filter_params]
        # Two scans instead of an OR: each arm has its own GIN index.
        sql = (
            f"SELECT id FROM (SELECT e.id{from_sql} WHERE {public}{bounds}{filter_sql}"  # noqa: S608 (fixed SQL)
            f" UNION SELECT e.id{from_sql} WHERE {protected}{bounds}{filter_sql}) w ORDER BY id DESC"
        )
        return sql, [
            *[self.query, *bound_params, *filter_params],
            *[self.query, *secret_params, *bound_params, *filter_params],
        ]

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
