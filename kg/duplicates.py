"""The same story told twice: near-duplicate articles found by MinHash over character shingles.

A 新华社 story reprinted by five papers, one press release in three, a page and its web copy:
counted once, they would link their people five times over. Each article's text is cut into
overlapping runs of :data:`SHINGLE` characters; MinHash (``datasketch``) estimates the Jaccard
similarity of two articles' runs, and an LSH index finds, for each new article, the earlier
ones that may be that close. An article at least ``threshold`` similar to an earlier one is a
copy of it: the earlier one counts, the copy is listed with ``duplicate_of``.
"""

from __future__ import annotations

import zlib

from kg.records import Article

SHINGLE = 5  # characters: long enough that two different stories share few runs, short enough for edits
PERMUTATIONS = 128
SCHEME = "affine32"  # datasketch's hashing of MinHash values: named, so stored values read back alike
THRESHOLD = 0.8  # Jaccard similarity of the shingle sets: small edits stay above it, a shared paragraph below


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)  # fast and the same in every process (Python's hash() is salted)


class Duplicates:
    """Remembers the articles seen so far; :meth:`original_of` says which one a new article copies."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        from datasketch import MinHashLSH

        if not 0 < threshold <= 1:
            raise ValueError(f"the duplicate threshold is a similarity between 0 and 1, not {threshold}")
        self.threshold = threshold
        self._index = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
        self._signatures: dict[str, object] = {}
        self._order: dict[str, int] = {}  # ties go to the article read first

    def remember(self, article_id: str, values: bytes) -> None:
        """An original read before (from the store), by the MinHash values :meth:`values` gave."""
        import numpy as np
        from datasketch import MinHash

        signature = MinHash(num_perm=PERMUTATIONS, seed=1, hashfunc=_crc32, scheme=SCHEME,
                            hashvalues=np.frombuffer(values, dtype=np.uint64))
        self._signatures[article_id] = signature
        self._order[article_id] = len(self._order)
        self._index.insert(article_id, signature)

    def values(self, article_id: str) -> bytes | None:
        """The MinHash values of an original this finder remembers (None for a text too short to have one)."""
        signature = self._signatures.get(article_id)
        return signature.hashvalues.astype("uint64").tobytes() if signature is not None else None

    def original_of(self, article: Article) -> str | None:
        """The id of the earlier article this one copies, or None (then it is remembered as an original)."""
        signature = signature_of(article.text)
        if signature is None:
            return None
        candidates = [key for key in self._index.query(signature) if key in self._signatures]
        close = [(self._signatures[key].jaccard(signature), key) for key in candidates]
        close = [(similarity, key) for similarity, key in close if similarity >= self.threshold]
        if close:
            return max(close, key=lambda item: (item[0], -self._order[item[1]]))[1]
        if article.id not in self._signatures:
            self._signatures[article.id] = signature
            self._order[article.id] = len(self._order)
            self._index.insert(article.id, signature)
        return None


def signature_of(text: str):
    """The MinHash of a text's shingles; None for a text too short to have any."""
    from datasketch import MinHash

    text = "".join(text.split())  # line breaks and spaces are layout, not wording
    if len(text) < SHINGLE:
        return None
    signature = MinHash(num_perm=PERMUTATIONS, seed=1, hashfunc=_crc32, scheme=SCHEME)
    signature.update_batch({text[i:i + SHINGLE].encode("utf-8") for i in range(len(text) - SHINGLE + 1)})
    return signature
