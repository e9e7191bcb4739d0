"""A build's options, each group made once and passed whole: what the map depends on
(:class:`kg.extract.MapOptions`, :func:`map_options`), how entities are recognized
(:class:`Recognition`) and what the reduce makes (:class:`ReduceOptions`); their defaults, which
``kg build --help`` shows; and :func:`kg.build`'s keyword arguments mapped onto them.

Imports nothing heavy: the CLI's help reads the defaults here without loading the model.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KgError

DEDUP = 0.8  #: how similar (Jaccard, 0 to 1) an article must be to an earlier one to count as its copy
WORKERS = 1  #: local processes running NER
PRECISION = "auto"  #: of the model's LSTM (see kg.recipe.PRECISIONS)
OUTPUT = "output"  #: the folder kg build writes into
MIN_WEIGHT = 0.0  #: graph.html hides lighter edges
TOP = 500  #: graph.html shows at most this many entities unless told otherwise (GraphML keeps all)


@dataclass(frozen=True)
class Recognition:
    """How the build recognizes entities: the model (or one loaded already), its NER cache, and
    where it runs (``workers`` local processes, or a Dask ``scheduler`` address)."""

    recognizer: Any = None  #: a loaded recognizer to use (its model and precision then hold); None: load ``model``
    model: str | Path | None = None  #: a HanLP model folder or pretrained identifier (None: the shipped model)
    precision: str = PRECISION
    cache: str | Path | None = None  #: an SQLite file of NER results to reuse (None: no cache)
    workers: int = WORKERS
    scheduler: str | None = None  #: tcp://HOST:PORT of a Dask scheduler

    def load(self):
        """The recognizer: the one given, or the model loaded (once: keep what this returns)."""
        if self.recognizer is not None:
            return self.recognizer
        from kg.ner import NamedEntityRecognizer  # torch: only when a build runs

        return NamedEntityRecognizer(self.model, precision=self.precision)


@dataclass(frozen=True)
class ReduceOptions:
    """What the reduce makes of the stored facts besides them (the home city is the map's option,
    :attr:`kg.extract.MapOptions.home_city`, which the reduce reads too)."""

    byline_edges: bool = False  #: link reporters to what they wrote about by co-occurrence (off: byline roles only)


def map_options(home_city: str | None = None, titles_file: str | Path | None = None,
                aliases_file: str | Path | None = None, stop_file: str | Path | None = None):
    """The map's options (:class:`kg.extract.MapOptions`) from the user's files, each read once;
    a file that cannot be read is a :class:`KgError` naming it, before any NER runs."""
    from kg.extract import MapOptions
    from kg.roles import TitleLexicon

    titles = TitleLexicon.load(Path(titles_file) if titles_file else None)
    aliases, stop = read_user_lists(aliases_file, stop_file)
    return MapOptions(titles, aliases, frozenset(stop), home_city or "")


def read_name_table(path: str | Path) -> list[list[str]]:
    """Rows of a user's CSV of names (alias file, stop list); a header row is optional.

    Raises :class:`KgError` naming the file when it cannot be read.
    """
    from kg import ingest

    text = ingest.read_option_file(path)
    rows = [[cell.strip() for cell in row] for row in csv.reader(text.splitlines()) if row and row[0].strip()]
    if rows and rows[0][0].lower() in ("alias", "name"):
        rows = rows[1:]
    return rows


def read_user_lists(aliases_file: str | Path | None, stop_file: str | Path | None) -> tuple[dict[str, str], set[str]]:
    """The user's alias table (alias -> canonical) and stop list, empty when not given."""
    user_aliases = {}
    for row in read_name_table(aliases_file) if aliases_file else []:
        if len(row) < 2 or not row[1]:
            raise KgError(f"{aliases_file}: each row needs two columns, alias and canonical name (got {row})")
        user_aliases[row[0]] = row[1]
    stop = {row[0] for row in read_name_table(stop_file)} if stop_file else set()
    return user_aliases, stop


MAP_KEYWORDS = ("home_city", "titles_file", "aliases_file", "stop_file")
RECOGNITION_KEYWORDS = ("recognizer", "model", "precision", "cache", "workers", "scheduler")
REDUCE_KEYWORDS = ("byline_edges",)
BUILD_KEYWORDS = ("date", "since", "until", "dedup", "store", "rebuild", "exclude")  #: pipeline.build's own


def from_keywords(**keywords) -> dict[str, Any]:
    """:func:`kg.build`'s keyword arguments (the options of ``kg build``, as the README lists them)
    as :func:`kg.pipeline.build`'s: ``map_options``, ``recognition``, ``reduce_options`` and the
    build's own (dates, ``dedup``, ``store``…). The one place they are mapped.

    >>> from_keywords(workers=2, byline_edges=True, store="a.duckdb")["recognition"].workers
    2
    """
    known = (*MAP_KEYWORDS, *RECOGNITION_KEYWORDS, *REDUCE_KEYWORDS, *BUILD_KEYWORDS)
    unknown = sorted(set(keywords) - set(known))
    if unknown:
        raise TypeError(f"build() got unexpected keyword arguments {', '.join(unknown)}; it takes {', '.join(known)}")
    given = lambda names: {name: keywords[name] for name in names if name in keywords}
    return {"map_options": map_options(**given(MAP_KEYWORDS)), "recognition": Recognition(**given(RECOGNITION_KEYWORDS)),
            "reduce_options": ReduceOptions(**given(REDUCE_KEYWORDS)), **given(BUILD_KEYWORDS)}
