"""The word lists kg ships in ``kg/data`` (surnames, titles, known firms and people, short names), each read once.

The user's own additions come with the build's options and are read where they are used: a
``--titles`` file in :meth:`kg.roles.TitleLexicon.load`, a ``--gazetteer`` as
:attr:`kg.extract.MapOptions.gazetteer`, the ``--aliases`` and ``--stop`` files by
:func:`kg.pipeline.read_name_table`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.records import COMPANY, PERSON

DATA = Path(__file__).parent / "data"


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The lines of a word list in ``kg/data``, comments and blanks left out.

    >>> word_list("companies.txt")[:2]
    ('比亚迪', '富士康')
    """
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def abbreviations() -> dict[str, str]:
    """The one-character place names news writes and the places they stand for (abbreviations.txt).

    >>> abbreviations()["湘"]
    '湖南'
    """
    return dict(line.split(",", 1) for line in word_list("abbreviations.txt"))


@cache
def titles() -> frozenset[str]:
    """The posts of titles.txt (each line's words before any ``=``, which gives the body a post implies).

    >>> "市长" in titles(), "市委" in titles()
    (True, False)
    """
    return frozenset(line.split("=", 1)[0] for line in word_list("titles.txt"))


def short_names() -> dict[str, str]:
    """The short names of national bodies and their full names (short_names.txt).

    >>> short_names()["工商银行"]
    '中国工商银行'
    """
    return dict(line.split(",", 1) for line in word_list("short_names.txt"))


@cache
def surnames() -> frozenset[str]:
    """Common surnames, of one character and of two (surnames.txt).

    >>> "王" in surnames(), "欧阳" in surnames()
    (True, True)
    """
    return frozenset(name for line in word_list("surnames.txt") for name in line.split())


def known_names() -> dict[str, str]:
    """Names kg ships knowing, by type: companies.txt and people.txt.

    >>> known_names()["比亚迪"], known_names()["习近平"]
    ('company', 'person')
    """
    known = dict.fromkeys(word_list("companies.txt"), COMPANY)
    known.update(dict.fromkeys(word_list("people.txt"), PERSON))
    return known
