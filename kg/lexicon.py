"""Lexicon features for the recognizer: which known words each character begins, continues or ends.

A tagger that sees only characters and bigrams has to learn from its training data alone where
names and places begin and end. A large lexicon knows many of them already. Following the
SoftLexicon idea (Ma et al., ACL 2020), every character gets, for each category of lexicon word
(any word, a person's name, a place, an organization), whether a word of that category that
matches the sentence Begins at it, continues through it (Middle), Ends at it or is the character
alone (Single): 16 bits, which the network embeds beside the character and its bigrams.

The words come from public lists on PyPI (see :func:`build`): jieba's dictionary (its ``nr``,
``ns`` and ``nt`` tags) and jionlp's lists of China's administrative divisions and of the world's
countries and cities. The lexicon is saved with the model (``lexicon.txt.gz``), so a model and
the lexicon it was trained with always travel together.

A lexicon can also carry word vectors (:meth:`Lexicon.with_vectors`, LAC's: Ma et al.'s full
SoftLexicon): then each character also gets the ids of up to :data:`WORD_SLOTS` vector words
that Begin at it, continue through it and End at it, which the network averages per set.
"""

from __future__ import annotations

import gzip
import importlib.util
from collections.abc import Iterable, Sequence
from pathlib import Path

from kg.errors import KgError
from kg.normalize import halfwidth

CATEGORIES = ("word", "person", "place", "organization")
WORD, PERSON, PLACE, ORGANIZATION = (1 << i for i in range(len(CATEGORIES)))
POSITIONS = ("begin", "middle", "end", "single")
BEGIN, MIDDLE, END, SINGLE = (i * len(CATEGORIES) for i in range(len(POSITIONS)))
N_FEATURES = len(CATEGORIES) * len(POSITIONS)
FILE = "lexicon.txt.gz"
MAX_LENGTH = 12  # longer lexicon entries are dropped: almost all are phrases, and they slow matching
WORD_SLOTS = 4  # vector words kept per character and position (begin, middle, end), the longest first
VECTOR_SETS = 3  # begin, middle, end: a single character's vector is the character embedding's

_JIEBA_TAGS = {"nr": PERSON, "nrfg": PERSON, "nrt": PERSON, "ns": PLACE, "nt": ORGANIZATION}


class Lexicon:
    """Words with their categories (bit masks), matched against sentences by :meth:`features`.

    ``vectors``: words that have a vector, in the order of their rows (ids from 1; 0 pads); they
    are matched whether or not they have a category.
    """

    def __init__(self, words: dict[str, int], vectors: Sequence[str] = ()) -> None:
        self.words = {w: c for w, c in words.items() if c and 0 < len(w) <= MAX_LENGTH}
        self.vector_words = list(vectors)
        self.vector_ids = {w: i for i, w in enumerate(self.vector_words, 1) if 1 < len(w) <= MAX_LENGTH}
        # Every proper prefix of a word maps to 0, so matching stops as soon as no word can follow;
        # so does a vector word without a category.
        known = [*self.words, *self.vector_ids]
        self._table = dict.fromkeys((w[:k] for w in known for k in range(2, len(w) + 1)), 0)
        self._table.update(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def with_vectors(self, vectors: Sequence[str]) -> Lexicon:
        """The same lexicon with ``vectors`` (words in the order of their rows) as its vector words."""
        return Lexicon(self.words, vectors)

    @property
    def stride(self) -> int:
        """Numbers :meth:`features` gives a character: its bits, then its vector words' slots if any."""
        return 1 + VECTOR_SETS * WORD_SLOTS if self.vector_ids else 1

    def features(self, chars: Sequence[str] | str) -> list[int]:
        """For each character, the 16 feature bits of the lexicon words matching the sentence there.

        >>> lexicon = Lexicon({"衡阳": PLACE | WORD, "衡阳市": PLACE, "市": WORD})
        >>> [describe(bits) for bits in lexicon.features("衡阳市")]
        [['begin word', 'begin place'], ['middle place', 'end word', 'end place'], ['end place', 'single word']]

        With vector words, each character's bits are followed by the ids of the vector words that
        begin at it, continue through it and end at it, :data:`WORD_SLOTS` each (the longest
        first, 0 where fewer match):

        >>> lexicon = Lexicon({"衡阳": PLACE}, vectors=["衡阳", "衡阳市", "阳市"])
        >>> lexicon.features("衡阳市")[:lexicon.stride]
        [4, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        """
        text = chars if isinstance(chars, str) else "".join(chars)
        table, n, ids = self._table, len(text), self.vector_ids
        marks = [table.get(c, 0) << SINGLE for c in text]
        found: list[tuple[int, int, int]] = []  # (start, end, vector id)
        for i in range(n - 1):
            for j in range(i + 2, n + 1):
                word = text[i:j]
                kinds = table.get(word)
                if kinds is None:  # not a word, nor the start of one (so nothing past the longest word)
                    break
                if kinds:
                    marks[i] |= kinds << BEGIN
                    marks[j - 1] |= kinds << END
                    middle = kinds << MIDDLE
                    for k in range(i + 1, j - 1):
                        marks[k] |= middle
                if ids and word in ids:
                    found.append((i, j, ids[word]))
        if not ids:
            return marks
        return _with_slots(marks, found)

    def save(self, path: str | Path) -> None:
        """Writes ``word<TAB>mask`` lines, sorted, gzipped (reproducible: no name or time stamp inside);
        a vector word's line ends in a third field, its id."""
        ids = {w: i for i, w in enumerate(self.vector_words, 1)}
        lines = "".join(f"{w}\t{self.words.get(w, 0)}" + (f"\t{ids[w]}\n" if w in ids else "\n")
                        for w in sorted(self.words.keys() | ids.keys()))
        with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as out:
            out.write(lines.encode("utf-8"))

    @classmethod
    def load(cls, path: str | Path) -> Lexicon:
        try:
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                rows = [line.rstrip("\n").split("\t") for line in lines]
            vectors = sorted((int(row[2]), row[0]) for row in rows if len(row) == 3)
            if [i for i, _ in vectors] != list(range(1, len(vectors) + 1)):
                raise ValueError("vector ids are not 1, 2, 3…")
            return cls({row[0]: int(row[1]) for row in rows}, [w for _, w in vectors])
        except (OSError, ValueError, EOFError) as error:
            raise KgError(f"{path}: not a readable lexicon ({error})") from error


def _with_slots(marks: list[int], found: list[tuple[int, int, int]]) -> list[int]:
    """Each character's bits followed by its begin, middle and end slots (:meth:`Lexicon.features`)."""
    sets: list[tuple[list, list, list]] = [([], [], []) for _ in marks]
    for i, j, word in found:
        sets[i][0].append((j - i, word))
        sets[j - 1][2].append((j - i, word))
        for k in range(i + 1, j - 1):
            sets[k][1].append((j - i, word))
    out: list[int] = []
    empty = [0] * (VECTOR_SETS * WORD_SLOTS)
    for bits, positions in zip(marks, sets):
        out.append(bits)
        if not any(positions):
            out += empty
            continue
        for words in positions:
            kept = [word for _, word in sorted(words, reverse=True)[:WORD_SLOTS]]
            out += kept + [0] * (WORD_SLOTS - len(kept))
    return out


def describe(bits: int) -> list[str]:
    """The feature bits of one character in words, e.g. ``['begin place']``."""
    return [f"{POSITIONS[b // len(CATEGORIES)]} {CATEGORIES[b % len(CATEGORIES)]}"
            for b in range(N_FEATURES) if bits >> b & 1]


def build(sources: Iterable[str] = ("jieba", "divisions", "world"), name_lists: Sequence[str | Path] = ()) -> Lexicon:
    """The lexicon of the shipped model, from public lists that PyPI packages carry.

    - ``jieba``: jieba's dictionary (349k words): every word of two characters or more is a
      ``word``; ``nr``/``nrfg``/``nrt`` words are also ``person`` (single characters: surnames),
      ``ns`` ``place`` (京, 湘…), ``nt`` ``organization``.
    - ``divisions``: jionlp's list of China's provinces, cities, counties and townships, with
      their short forms (衡阳市 and 衡阳): ``place``.
    - ``world``: jionlp's countries (short and full names), capitals and major cities: ``place``.

    ``name_lists``: files of people's full names, one a line (e.g. Japanese names, which Chinese
    news writes in characters that read as ordinary words): ``person``; lines without a Chinese
    character (headers) are skipped.
    """
    words: dict[str, int] = {}

    def add(word: str, kinds: int) -> None:
        word = halfwidth(word.strip())
        if len(word) == 1:
            kinds &= ~WORD  # every character is a word; a surname (nr) or 京 (ns) says more
        if word and kinds:
            words[word] = words.get(word, 0) | kinds

    for source in sources:
        if source == "jieba":
            for word, tag in _jieba_words():
                add(word, WORD | _JIEBA_TAGS.get(tag, 0))
        elif source == "divisions":
            for name in _divisions():
                add(name, PLACE)
        elif source == "world":
            for name in _world_places():
                add(name, PLACE)
        else:
            raise KgError(f"unknown lexicon source {source!r} (known: jieba, divisions, world)")
    for path in name_lists:
        for name in _names(path):
            add(name, PERSON)
    return Lexicon(words)


def _names(path: str | Path) -> Iterable[str]:
    try:
        with open(path, encoding="utf-8-sig") as lines:
            for line in lines:
                name = line.strip()
                if any("\u4e00" <= c <= "\u9fff" for c in name):
                    yield name
    except (OSError, UnicodeDecodeError) as error:
        raise KgError(f"{path}: not a readable list of names ({error})") from error


def _package_folder(name: str, extra: str = "train") -> Path:
    spec = importlib.util.find_spec(name)  # not imported: jionlp's import is slow and prints a banner
    if spec is None or not spec.submodule_search_locations:
        raise KgError(f"the lexicon needs the {name} package: pip install 'kg[{extra}]'")
    return Path(spec.submodule_search_locations[0])


def _jieba_words() -> Iterable[tuple[str, str]]:
    with open(_package_folder("jieba") / "dict.txt", encoding="utf-8") as lines:
        for line in lines:
            fields = line.split()
            if len(fields) >= 3:
                yield fields[0], fields[2]


def china_location() -> Iterable[tuple[int, list[str]]]:
    """jionlp's ``china_location`` list: each line's depth (0 province, 1 city, 2 county, 3
    township, 4 village) and fields (name, then code and short form where it has them)."""
    import zipfile

    archive = _package_folder("jionlp") / "dictionary" / "china_location.zip"
    with zipfile.ZipFile(archive) as zipped, zipped.open("china_location.txt") as raw:
        for line in raw.read().decode("utf-8").splitlines():
            yield len(line) - len(line.lstrip("\t")), line.strip().split("\t")


def _divisions() -> Iterable[str]:
    """Names down to townships (villages, 600k of them, are mostly ordinary words plus 村)."""
    for depth, fields in china_location():
        if depth <= 3:
            yield from fields[::2]  # full name, (code,) short name


def _world_places() -> Iterable[str]:
    path = _package_folder("jionlp") / "dictionary" / "world_location.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.endswith(":"):
            continue  # a continent's heading
        for field in line.split("\t"):
            yield from field.split("/")
