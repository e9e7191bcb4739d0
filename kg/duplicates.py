"""The same story told twice: near-duplicate articles found by MinHash over character shingles.

A 新华社 story reprinted by five papers, one press release in three, a page and its web copy:
counted once, they would link their people five times over. Each article's text is cut into
overlapping runs of :data:`SHINGLE` characters; MinHash (``datasketch``) estimates the Jaccard
similarity of two articles' runs, and an LSH index finds, for each new article, the earlier
ones that may be that close. An article at least ``threshold`` similar to an earlier one, or
whose own runs lie that much inside an earlier one (containment: shared runs over the new
article's runs, for a reprint cut or with a clause edited), is a copy of it: the earlier one
counts, the copy is listed with ``duplicate_of``. The dateline (新华社长沙9月12日电, 本报讯 and the
byline after it) is left out first: a paper reprinting a story writes its own.
"""

from __future__ import annotations

import re
import zlib

from kg.options import DEDUP
from kg.records import Article

SHINGLE = 5  # characters: long enough that two different stories share few runs, short enough for edits
PERMUTATIONS = 128
SCHEME = "affine32"  # datasketch's hashing of MinHash values: named, so stored values read back alike
THRESHOLD = DEDUP  # Jaccard similarity of the shingle sets: small edits stay above it, a shared paragraph below
# The dateline a paper writes before a story (新华社长沙9月12日电（记者 X）, 本报讯, 中新网8月10日电).
_DATELINE = re.compile(r"^[^。！？\n]{0,30}?(?:\d{1,2}月\d{1,2}日电|讯)\s*(?:[（(][^）)]{0,40}[）)])?")


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)  # fast and the same in every process (Python's hash() is salted)


class Duplicates:
    """Remembers the articles seen so far; :meth:`original_of` says which one a new article copies.

    The index is lean, as a 100,000-article corpus needs: each article's 128 MinHash values as one
    row of a numpy array (512 bytes) and, per LSH band, one dict entry from the band's hash to the
    article; about 1.7 KB an article (16 bands at the default threshold), where datasketch's own ``MinHashLSH`` and ``MinHash``
    objects took 5.5 KB. The bands and rows are datasketch's choice for the threshold, and the
    similarity is its ``jaccard``: the share of equal values.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        import numpy as np
        from datasketch.lsh import _optimal_param

        if not 0 < threshold <= 1:
            raise ValueError(f"the duplicate threshold is a similarity between 0 and 1, not {threshold}")
        self.threshold = threshold
        # Bands for three quarters of the threshold, so a copy cut by a part is still a candidate
        # (containment is checked on candidates only); 16 bands, not 9, at the default.
        self._bands, self._rows = _optimal_param(threshold * 0.75, PERMUTATIONS, 0.5, 0.5)
        self._values = np.zeros((1024, PERMUTATIONS), dtype=np.uint32)  # grown as articles come
        self._sizes = np.zeros(1024, dtype=np.uint32)  # each article's number of runs (0: not known)
        self._ids: list[str] = []
        self._index_of: dict[str, int] = {}  # also the order read: ties go to the article read first
        self._buckets: dict[int, int | list[int]] = {}

    def remember(self, article_id: str, values: bytes) -> None:
        """An original read before (from the store), by the MinHash values :meth:`values` gave (the
        last one its number of runs; values stored before that was kept have none)."""
        import numpy as np

        stored = np.frombuffer(values, dtype=np.uint64)
        size = int(stored[PERMUTATIONS]) if len(stored) > PERMUTATIONS else 0
        self._add(article_id, stored[:PERMUTATIONS], size)

    def values(self, article_id: str) -> bytes | None:
        """The MinHash values of an original this finder remembers (None for a text too short to have one)."""
        import numpy as np

        index = self._index_of.get(article_id)
        if index is None:
            return None
        return np.append(self._values[index].astype("uint64"), np.uint64(self._sizes[index])).tobytes()

    def original_of(self, article: Article) -> str | None:
        """The id of the earlier article this one copies, or None (then it is remembered as an original)."""
        runs = runs_of(article.text)
        signature, size = _signature(runs), len(runs)
        if signature is None:
            return None
        values = signature.hashvalues.astype("uint32")  # affine32 values: below 2**32
        candidates = {i for key in self._keys(values) for i in _members(self._buckets.get(key))}
        close = [(self._closeness(i, values, size), -i) for i in candidates]
        close = [item for item in close if item[0] >= self.threshold]
        if close:
            return self._ids[-max(close)[1]]
        if article.id not in self._index_of:
            self._add(article.id, values, size)
        return None

    def _closeness(self, index: int, values, size: int) -> float:
        """How much of a copy of article ``index`` the new one is: their Jaccard similarity, or the
        share of the new article's runs the other holds where both sizes are known."""
        similarity = float((self._values[index] == values).mean())
        other = int(self._sizes[index])
        if not other or not size:
            return similarity
        shared = similarity * (size + other) / (1 + similarity)  # |A∩B| from J = |A∩B| / |A∪B|
        return max(similarity, min(1.0, shared / size))

    def _keys(self, values) -> list[int]:
        """The LSH key of each band of ``values``: rows that agree in a band land on one key."""
        data = values.astype("uint32").tobytes()
        width = 4 * self._rows
        return [hash((band, data[band * width:(band + 1) * width])) for band in range(self._bands)]

    def _add(self, article_id: str, values, size: int = 0) -> None:
        import numpy as np

        index = len(self._ids)
        if index == len(self._values):
            self._values = np.concatenate([self._values, np.zeros_like(self._values)])
            self._sizes = np.concatenate([self._sizes, np.zeros_like(self._sizes)])
        self._values[index] = values
        self._sizes[index] = size
        self._ids.append(article_id)
        self._index_of[article_id] = index
        for key in self._keys(self._values[index]):
            held = self._buckets.get(key)
            self._buckets[key] = index if held is None else [*_members(held), index]


def _members(held: int | list[int] | None) -> list[int]:
    return [] if held is None else [held] if isinstance(held, int) else held


def runs_of(text: str) -> set[bytes]:
    """The shingles of a story: its runs of :data:`SHINGLE` characters, the dateline and the layout
    (line breaks, spaces) left out.

    >>> runs_of("新华社长沙9月12日电 今天下雨了") == runs_of("本报讯 今天下雨了")
    True
    """
    text = "".join(_DATELINE.sub("", text.strip(), count=1).split())
    return {text[i:i + SHINGLE].encode("utf-8") for i in range(len(text) - SHINGLE + 1)}


def signature_of(text: str):
    """The MinHash of a text's shingles (:func:`runs_of`); None for a text too short to have any."""
    return _signature(runs_of(text))


def _signature(runs: set[bytes]):
    from datasketch import MinHash

    if not runs:
        return None
    signature = MinHash(num_perm=PERMUTATIONS, seed=1, hashfunc=_crc32, scheme=SCHEME)
    signature.update_batch(runs)
    return signature
