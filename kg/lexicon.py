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

_JIEBA_TAGS = {"nr": PERSON, "nrfg": PERSON, "nrt": PERSON, "ns": PLACE, "nt": ORGANIZATION}


class Lexicon:
    """Words with their categories (bit masks), matched against sentences by :meth:`features`."""

    def __init__(self, words: dict[str, int]) -> None:
        self.words = {w: c for w, c in words.items() if c and 0 < len(w) <= MAX_LENGTH}
        # Every proper prefix of a word maps to 0, so matching stops as soon as no word can follow.
        self._table = dict.fromkeys((w[:k] for w in self.words for k in range(2, len(w))), 0)
        self._table.update(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def features(self, chars: Sequence[str] | str) -> list[int]:
        """For each character, the 16 feature bits of the lexicon words matching the sentence there.

        >>> lexicon = Lexicon({"衡阳": PLACE | WORD, "衡阳市": PLACE, "市": WORD})
        >>> [describe(bits) for bits in lexicon.features("衡阳市")]
        [['begin word', 'begin place'], ['middle place', 'end word', 'end place'], ['end place', 'single word']]
        """
        text = chars if isinstance(chars, str) else "".join(chars)
        table, n = self._table, len(text)
        marks = [table.get(c, 0) << SINGLE for c in text]
        for i in range(n - 1):
            for j in range(i + 2, n + 1):
                kinds = table.get(text[i:j])
                if kinds is None:  # not a word, nor the start of one (so nothing past the longest word)
                    break
                if kinds:
                    marks[i] |= kinds << BEGIN
                    marks[j - 1] |= kinds << END
                    middle = kinds << MIDDLE
                    for k in range(i + 1, j - 1):
                        marks[k] |= middle
        return marks

    def save(self, path: str | Path) -> None:
        """Writes ``word<TAB>mask`` lines, sorted, gzipped (reproducible: no name or time stamp inside)."""
        lines = "".join(f"{w}\t{c}\n" for w, c in sorted(self.words.items()))
        with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as out:
            out.write(lines.encode("utf-8"))

    @classmethod
    def load(cls, path: str | Path) -> Lexicon:
        try:
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                return cls({w: int(c) for w, c in (line.rstrip("\n").split("\t") for line in lines)})
        except (OSError, ValueError, EOFError) as error:
            raise KgError(f"{path}: not a readable lexicon ({error})") from error


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
