"""China's divisions: the list with codes and parents, the provinces, the units ending their names, a place's bodies.

The list (``kg/data/divisions.tsv``: code, name, short form, parent code, level) is jionlp
1.5.31's ``china_location`` (Apache-2.0), cut to the three levels with codes; :func:`from_jionlp`
makes it again. A place entity is located by its name and aliases: a full name (祁东县) before a
short form (祁东); a short form shared by two levels names the higher one (衡阳 is 衡阳市, not
衡阳县, which news writes in full); two places of one name (朝阳区 in 北京 and in 长春) are told
apart by the other places the corpus names, and left unlocated when nothing tells them apart.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.normalize import simplified

FILE = Path(__file__).parent / "data" / "divisions.tsv"

# The units a division's name ends with: 湖南省, 广西壮族自治区, 衡阳市, 湘西土家族苗族自治州, 祁东县,
# 石鼓区, 城步苗族自治县.
UNITS = ("省", "市", "县", "区", "自治区", "自治州", "自治县")
# Below and beside them: towns, villages and streets (青山街道, 利民村), and Inner Mongolia's 盟 and 旗.
LOCAL_UNITS = ("州", "盟", "旗", "镇", "乡", "村", "街道", "社区")
_UNIT = re.compile(rf"^(.{{2,8}}?)({'|'.join(UNITS)})$")
BODIES = "委|政府|人民政府|人大常委会|人大|政协|纪委|监委"  # what a place's own bodies are called: 长沙市委, 湖南省政府
_BODY = re.compile(rf"^(.{{2,4}}?)(省|市|县|区)(?={BODIES}|长|领导)")  # 长沙市委, 衡阳市长, 县领导 has no place
# One-character names of China's provincial-level regions and big cities, as news pairs them (粤港澳, 京津冀).
REGION_ABBREVIATIONS = frozenset("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川蜀黔滇陕秦甘陇青蒙桂藏宁新港澳台穗深")


def split_unit(name: str) -> tuple[str, str] | None:
    """A division's name as its stem and its unit, or None for a name that ends with no unit.

    >>> split_unit("衡阳市"), split_unit("广西壮族自治区"), split_unit("衡阳")
    (('衡阳', '市'), ('广西壮族', '自治区'), None)
    """
    match = _UNIT.match(name)
    return (match.group(1), match.group(2)) if match else None


def without_unit(name: str) -> str:
    """A place's name without its unit, the key a bare name shares with it: 衡阳市 -> 衡阳.

    >>> without_unit("衡阳市"), without_unit("衡阳")
    ('衡阳', '衡阳')
    """
    return (split_unit(name) or (name,))[0]


def place_named(name: str) -> tuple[str, str] | None:
    """The place a place name or a place's own body names, as stem and unit: 长沙市委 -> (长沙, 市).

    >>> place_named("祁东县"), place_named("长沙市委"), place_named("湖南大学")
    (('祁东', '县'), ('长沙', '市'), None)
    """
    match = _UNIT.match(name) or _BODY.match(name)
    return (match.group(1), match.group(2)) if match else None


def is_place_body(name: str) -> bool:
    """Whether ``name`` is a place's own body, written with its place (长沙市委, 湖南省政府, 衡阳市长).

    >>> is_place_body("长沙市委"), is_place_body("市委"), is_place_body("长沙市")
    (True, False, False)
    """
    return bool(_BODY.match(name))


def ends_with_unit(name: str) -> bool:
    """Whether a name ends with the unit of a division or of a town, village or street (利民村).

    >>> ends_with_unit("祁东县"), ends_with_unit("青山街道"), ends_with_unit("湖南大学")
    (True, True, False)
    """
    return name.endswith(UNITS + LOCAL_UNITS)


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
        #: short forms of the provincial and prefectural cities: 北京, 衡阳 (not 耒阳, a county's city)
        self.city_stems = frozenset(d.short for d in self.by_code.values()
                                    if d.level <= 1 and d.name.endswith("市") and d.short)
        #: short forms of the provincial-level divisions, the stems written before 省, 市 or 自治区: 湖南, 北京, 广西
        self.provinces = frozenset(d.short for d in self.by_code.values() if d.level == 0 and d.short)
        #: the cities at provincial level: 北京, 天津, 上海, 重庆
        self.municipalities = frozenset(d.short for d in self.by_code.values() if d.level == 0 and d.name.endswith("市"))

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
        >>> d.locate(["衡阳"]).name, d.locate(["祁东县"]).code, d.locate(["衡陽市"]).code
        ('衡阳市', '430426', '430400')
        >>> d.locate(["朝阳区"]) is None, d.locate(["朝阳区"], {"北京市"}).code, d.locate(["朝阳区"], {"长春"}).code
        (True, '110105', '220104')
        """
        forms = {simplified(form) for form in forms}  # 衡陽 is 衡阳: the list is in simplified characters
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

    def is_named(self, name: str) -> bool:
        """Whether ``name`` is a division's name or short form (北京, 北京市, 祁东县).

        >>> Divisions.shipped().is_named("北京"), Divisions.shipped().is_named("北大")
        (True, False)
        """
        return name in self.by_name or name in self.by_short


#: China's provincial-level divisions, by the stem written before 省, 市 or 自治区: 湖南, 北京, 内蒙古, 香港
PROVINCES = Divisions.shipped().provinces


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
