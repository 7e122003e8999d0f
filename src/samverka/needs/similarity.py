"""Swedish text similarity for finding duplicate needs: a small Snowball-style stemmer and TF-IDF.

The stemmer follows the Snowball Swedish algorithm (R1, three suffix steps). Similarity is the
cosine of TF-IDF vectors over stemmed tokens, with stop words removed. `CorpusIndex` holds the
vectors of a whole corpus as postings, so one query is scored against 50,000 needs in a few
milliseconds instead of building every vector again.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

VOWELS = set("aeiouyäåö")
S_ENDING = set("bcdfghjklmnoprtvy")


def _words(text: str) -> list[str]:
    return text.split()


STEP1_SUFFIXES = sorted(
    _words(
        "heterna hetens anden heten heter arnas ernas ornas andes arens andet arna erna orna ande arne "
        "aste aren ades erns ade are ern ens het ast ad en ar er or as es at a e"
    ),
    key=len,
    reverse=True,
)
STEP2_ENDINGS = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")
STOP_WORDS = frozenset(
    _words(
        "och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så "
        "kan man när år säga hon under också efter eller nu sin där vid mot ska skulle kommer ut får finns "
        "vara hade alla andra mycket än här då sedan över bara in blir blev bli vilket vilka dessa detta "
        "denna ni dem deras vår våra vårt sina sitt hur vad varje någon några inom utan samt både genom mer "
        "mest behov behöver behövs vill önskar egen egna eget"
    )
)
TOKEN = re.compile(r"[a-zåäöéü0-9]+")


def _r1(word: str) -> int:
    for i in range(1, len(word)):
        if word[i] not in VOWELS and word[i - 1] in VOWELS:
            return max(i + 1, 3)
    return len(word)


def stem(word: str) -> str:
    """Stem one lower-case Swedish word."""
    if len(word) < 3:
        return word
    r1 = _r1(word)
    # Step 1: the longest matching suffix in R1.
    for suffix in STEP1_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)]
            break
    else:
        if word.endswith("s") and len(word) - 1 >= r1 and len(word) > 1 and word[-2] in S_ENDING:
            word = word[:-1]
    # Step 2: a double or devoiced consonant ending in R1 loses its last letter.
    if any(word.endswith(e) for e in STEP2_ENDINGS) and len(word) - 2 >= r1:
        word = word[:-1]
    # Step 3.
    if word.endswith("fullt") and len(word) - 5 >= r1 or word.endswith("löst") and len(word) - 4 >= r1:
        word = word[:-1]
    else:
        for suffix in ("lig", "els", "ig"):
            if word.endswith(suffix) and len(word) - len(suffix) >= r1:
                word = word[: -len(suffix)]
                break
    return word


def tokens(text: str) -> list[str]:
    """The stems of a text's words, without stop words, digits-only tokens or single letters."""
    return [
        stem(word)
        for word in TOKEN.findall(text.lower())
        if len(word) > 1 and word not in STOP_WORDS and not word.isdigit()
    ]


def token_string(*texts: str) -> str:
    """The stems of the texts, space-separated (stored with each need for the database prefilter)."""
    return " ".join(tokens(" ".join(texts)))


def _vector(terms: Sequence[str], idf: dict[str, float]) -> dict[str, float]:
    return _weights(Counter(terms), idf)


def _weights(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    vector = {term: (1 + math.log(count)) * idf.get(term, 0.0) for term, count in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def rank_similar(
    query: Sequence[str], documents: Iterable[tuple[object, Sequence[str]]], *, threshold: float, limit: int
) -> list[tuple[object, float]]:
    """The documents most similar to the query: (key, cosine) best first, above `threshold`.

    Inverse document frequencies come from the documents plus the query, smoothed so that a term
    found everywhere still counts a little.
    """
    documents = list(documents)
    if not query or not documents:
        return []
    total = len(documents) + 1
    frequency: Counter[str] = Counter(set(query))
    for _key, terms in documents:
        frequency.update(set(terms))
    idf = {term: math.log((1 + total) / (1 + df)) + 1 for term, df in frequency.items()}
    query_vector = _vector(query, idf)
    results = []
    for key, terms in documents:
        vector = _vector(terms, idf)
        score = sum(weight * vector.get(term, 0.0) for term, weight in query_vector.items())
        if score >= threshold:
            results.append((key, round(score, 3)))
    results.sort(key=lambda item: -item[1])
    return results[:limit]


class CorpusIndex:
    """The TF-IDF vectors of a corpus, normalised, stored per term (postings) for fast cosines.

    Weights and inverse document frequencies are those of `rank_similar`, with one simplification
    so that the documents' vectors are computed once: the query is counted as one more document
    in the query's own vector, but not in the documents' norms (a difference of one in the
    document frequency, which only matters in very small corpora).
    """

    def __init__(self, documents: Iterable[tuple[int, int, Sequence[str]]]) -> None:
        # Built with array operations over all the corpus's tokens at once: counting term by term
        # in Python took seconds at 50,000 needs, paid by the first request of every process.
        keys: list[int] = []
        groups: list[int] = []
        lengths: list[int] = []
        flat: list[str] = []
        for key, group, terms in documents:
            keys.append(key)
            groups.append(group)
            lengths.append(len(terms))
            flat.extend(terms)
        self.keys = np.array(keys, dtype=np.int64)
        self.groups = np.array(groups, dtype=np.int64)
        self.total = len(keys) + 1
        vocabulary = list(dict.fromkeys(flat))
        term_ids = {term: number for number, term in enumerate(vocabulary)}
        size = max(len(vocabulary), 1)
        ids = np.fromiter(map(term_ids.__getitem__, flat), dtype=np.int64, count=len(flat))
        documents_of = np.repeat(np.arange(len(keys), dtype=np.int64), lengths)
        # One entry per (document, term) with its count, ordered by document and then term.
        pairs, counts = np.unique(documents_of * size + ids, return_counts=True)
        pair_documents, pair_terms = np.divmod(pairs, size)
        df = np.bincount(pair_terms, minlength=len(vocabulary))
        self.frequency = dict(zip(vocabulary, df.tolist(), strict=True))
        idf = np.log((1 + self.total) / (1 + df)) + 1
        weights = (1 + np.log(counts)) * idf[pair_terms]
        norms = np.sqrt(np.bincount(pair_documents, weights=weights * weights, minlength=len(keys)))
        weights = weights / norms[pair_documents]
        by_term = np.argsort(pair_terms, kind="stable")
        positions, weights = pair_documents[by_term], weights[by_term]
        ends = np.cumsum(df)
        self.postings = {
            term: (positions[end - count : end], weights[end - count : end])
            for term, count, end in zip(vocabulary, df.tolist(), ends.tolist(), strict=True)
        }

    def __len__(self) -> int:
        return len(self.keys)

    def _idf(self, term: str, extra: int = 0) -> float:
        return math.log((1 + self.total) / (1 + self.frequency.get(term, 0) + extra)) + 1

    def query_vector(self, query: Sequence[str]) -> dict[str, float]:
        counts = Counter(query)
        return _weights(counts, {term: self._idf(term, extra=1) for term in counts})

    def scores(self, query: Sequence[str]) -> np.ndarray:
        """The cosine of every document with the query, in the order the documents were given."""
        scores = np.zeros(len(self.keys), dtype=np.float64)
        for term, weight in self.query_vector(query).items():
            posting = self.postings.get(term)
            if posting is not None:
                scores[posting[0]] += weight * posting[1]
        return scores

    def score(self, query: Sequence[str], terms: Sequence[str]) -> float:
        """The cosine of one document that is not in the index (one saved since it was built)."""
        counts = Counter(terms)
        vector = _weights(counts, {term: self._idf(term) for term in counts})
        return sum(weight * vector.get(term, 0.0) for term, weight in self.query_vector(query).items())
