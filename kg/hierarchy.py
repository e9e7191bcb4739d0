"""Where a place lies: China's provinces, cities and counties, with their codes and parents.

The list (``kg/data/divisions.tsv``: code, name, short form, parent code) is jionlp 1.5.31's
``china_location`` (Apache-2.0), cut to the three levels with codes; :func:`from_jionlp` makes
it again. A place entity is located by its name and aliases: a full name (祁东县) before a short
form (祁东); a short form shared by two levels names the higher one (衡阳 is 衡阳市, not 衡阳县,
which news writes in full); two places of one name (朝阳区 in 北京 and in 长春) are told apart by
the other places the corpus names, and left unlocated when nothing tells them apart.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FILE = Path(__file__).parent / "data" / "divisions.tsv"


@dataclass(frozen=True)
class Division:
    code: str  #: the 6-digit administrative code
    name: str  #: full name: 祁东县
    short: str  #: short form: 祁东
    parent: str  #: the parent's code; "" for a province
    level: int  #: 0 province, 1 city, 2 county


class Divisions:
    """The divisions, looked up by name or short form."""

    def __init__(self, rows: Iterable[Division]) -> None:
        self.by_code = {d.code: d for d in rows}
        self.by_name: dict[str, list[Division]] = {}
        self.by_short: dict[str, list[Division]] = {}
        for division in self.by_code.values():
            self.by_name.setdefault(division.name, []).append(division)
            if division.short and division.short != division.name:
                self.by_short.setdefault(division.short, []).append(division)

    @classmethod
    @functools.cache
    def shipped(cls) -> Divisions:
        return cls.read(FILE)

    @classmethod
    def read(cls, path: Path) -> Divisions:
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            code, name, short, parent, level = line.split("\t")
            rows.append(Division(code, name, short, parent, int(level)))
        return cls(rows)

    def chain(self, division: Division) -> list[Division]:
        """The division and its parents, itself first."""
        chain = [division]
        while chain[-1].parent in self.by_code and len(chain) < 4:
            chain.append(self.by_code[chain[-1].parent])
        return chain

    def locate(self, forms: Iterable[str], context: set[str] = frozenset()) -> Division | None:
        """The division that ``forms`` (a place's name and aliases) name, or None.

        >>> d = Divisions.shipped()
        >>> d.locate(["衡阳"]).name, d.locate(["祁东县"]).code
        ('衡阳市', '430426')
        >>> d.locate(["朝阳区"]) is None, d.locate(["朝阳区"], {"北京市"}).code, d.locate(["朝阳区"], {"长春"}).code
        (True, '110105', '220104')
        """
        forms = set(forms)
        for table in (self.by_name, self.by_short):
            candidates = {d.code: d for form in forms for d in table.get(form, [])}
            if not candidates:
                continue
            if table is self.by_short:  # a short form names the highest level that has it
                top = min(d.level for d in candidates.values())
                candidates = {c: d for c, d in candidates.items() if d.level == top}
            if len(candidates) == 1:
                return next(iter(candidates.values()))
            named = {c: sum(a.name in context or a.short in context for a in self.chain(d)[1:])
                     for c, d in candidates.items()}
            best = max(named.values())
            winners = [c for c, n in named.items() if n == best]
            return candidates[winners[0]] if best and len(winners) == 1 else None
        return None

    def describe(self, division: Division) -> dict[str, str]:
        """``code``, ``province`` and ``city`` of a division (``city`` empty above city level)."""
        chain = self.chain(division)[::-1]  # province first
        return {"code": division.code, "province": chain[0].name,
                "city": next((d.name for d in chain if d.level == 1), "")}


def from_jionlp() -> list[Division]:
    """The divisions from jionlp's ``china_location.zip`` (the ``train`` extra installs jionlp)."""
    from kg.lexicon import china_location

    rows: dict[str, Division] = {}
    parents: list[str] = []
    for level, fields in china_location():
        if level > 2 or len(fields) < 3:
            continue
        name, code, short = fields[0], fields[1], fields[2]
        del parents[level:]
        parent = next((p for p in reversed(parents) if p != code), "")
        parents.append(code)
        if code not in rows:  # a municipality is listed as province and as city under one code
            rows[code] = Division(code, name, short, parent, level)
    return list(rows.values())


def write(rows: list[Division], path: Path = FILE) -> None:
    lines = ["code\tname\tshort\tparent\tlevel"] + [f"{d.code}\t{d.name}\t{d.short}\t{d.parent}\t{d.level}"
                                                    for d in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
