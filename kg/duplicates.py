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
    """Remembers the articles seen so far; :meth:`original_of` says which one a new article copies.

    The index is lean, as a 100,000-article corpus needs: each article's 128 MinHash values as one
    row of a numpy array (512 bytes) and, per LSH band, one dict entry from the band's hash to the
    article; about 1.4 KB an article, where datasketch's own ``MinHashLSH`` and ``MinHash``
    objects took 5.5 KB. The bands and rows are datasketch's choice for the threshold, and the
    similarity is its ``jaccard``: the share of equal values.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        import numpy as np
        from datasketch.lsh import _optimal_param

        if not 0 < threshold <= 1:
            raise ValueError(f"the duplicate threshold is a similarity between 0 and 1, not {threshold}")
        self.threshold = threshold
        self._bands, self._rows = _optimal_param(threshold, PERMUTATIONS, 0.5, 0.5)
        self._values = np.zeros((1024, PERMUTATIONS), dtype=np.uint32)  # grown as articles come
        self._ids: list[str] = []
        self._index_of: dict[str, int] = {}  # also the order read: ties go to the article read first
        self._buckets: dict[int, int | list[int]] = {}

    def remember(self, article_id: str, values: bytes) -> None:
        """An original read before (from the store), by the MinHash values :meth:`values` gave."""
        import numpy as np

        self._add(article_id, np.frombuffer(values, dtype=np.uint64))

    def values(self, article_id: str) -> bytes | None:
        """The MinHash values of an original this finder remembers (None for a text too short to have one)."""
        index = self._index_of.get(article_id)
        return self._values[index].astype("uint64").tobytes() if index is not None else None

    def original_of(self, article: Article) -> str | None:
        """The id of the earlier article this one copies, or None (then it is remembered as an original)."""
        signature = signature_of(article.text)
        if signature is None:
            return None
        values = signature.hashvalues.astype("uint32")  # affine32 values: below 2**32
        candidates = {i for key in self._keys(values) for i in _members(self._buckets.get(key))}
        close = [(float((self._values[i] == values).mean()), -i) for i in candidates]
        close = [item for item in close if item[0] >= self.threshold]
        if close:
            return self._ids[-max(close)[1]]
        if article.id not in self._index_of:
            self._add(article.id, values)
        return None

    def _keys(self, values) -> list[int]:
        """The LSH key of each band of ``values``: rows that agree in a band land on one key."""
        data = values.astype("uint32").tobytes()
        width = 4 * self._rows
        return [hash((band, data[band * width:(band + 1) * width])) for band in range(self._bands)]

    def _add(self, article_id: str, values) -> None:
        import numpy as np

        index = len(self._ids)
        if index == len(self._values):
            self._values = np.concatenate([self._values, np.zeros_like(self._values)])
        self._values[index] = values
        self._ids.append(article_id)
        self._index_of[article_id] = index
        for key in self._keys(self._values[index]):
            held = self._buckets.get(key)
            self._buckets[key] = index if held is None else [*_members(held), index]


def _members(held: int | list[int] | None) -> list[int]:
    return [] if held is None else [held] if isinstance(held, int) else held


def signature_of(text: str):
    """The MinHash of a text's shingles; None for a text too short to have any."""
    from datasketch import MinHash

    text = "".join(text.split())  # line breaks and spaces are layout, not wording
    if len(text) < SHINGLE:
        return None
    signature = MinHash(num_perm=PERMUTATIONS, seed=1, hashfunc=_crc32, scheme=SCHEME)
    signature.update_batch({text[i:i + SHINGLE].encode("utf-8") for i in range(len(text) - SHINGLE + 1)})
    return signature
