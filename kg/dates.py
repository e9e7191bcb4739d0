"""Publication dates as ISO dates (``2023-04-27``), from the ways news data writes them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from kg.errors import KgError

READABLE = "2023-04-27, 2023/4/27, 2023年4月27日, 20230427"  # the forms kg reads, for messages

_FORMS = (
    re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)"),  # 2023-04-27, 2021/3/5, 2023年9月12日
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"),  # 20230427
)


def iso_date(text: str) -> str:
    """The first real calendar date written in ``text``, as ``YYYY-MM-DD``; ``""`` when there is none.

    >>> iso_date("2021/3/5"), iso_date("2023年9月12日 08:30"), iso_date("20230427"), iso_date("2023-04-27T10:00:00+08:00")
    ('2021-03-05', '2023-09-12', '2023-04-27', '2023-04-27')
    >>> iso_date("2023-02-30"), iso_date("第3版"), iso_date("")
    ('', '', '')
    """
    for form in _FORMS:
        for match in form.finditer(text or ""):
            year, month, day = map(int, match.groups())
            try:
                if 1900 <= year <= 2100:
                    return date(year, month, day).isoformat()
            except ValueError:
                continue
    return ""


def date_option(name: str, value: str | None) -> str:
    """An option's date as an ISO date, ``""`` when not given; one clear error when unreadable.

    >>> date_option("--since", "2023/1/5"), date_option("--until", None)
    ('2023-01-05', '')
    """
    if not value:
        return ""
    day = iso_date(value)
    if not day:
        raise KgError(f"{name} {value!r} is no date kg can read ({READABLE})")
    return day


DATELINE_CHARS = 300  # a page's own date is printed in its head (2023年4月27日 星期四), not in a story


def page_date(path: Path | str, text: str, given: str = "") -> tuple[str, str]:
    r"""A page's ISO date and where it came from: ``given`` (``--date``), the file name
    (``2023-04-27_03.txt``, ``20230427-3.txt``) or the page's dateline; ``("", "")`` if none.

    >>> page_date("2023-04-27_03.txt", "本报讯 4月26日上午"), page_date("p.txt", "衡阳日报\n2023年4月27日 星期四")
    (('2023-04-27', 'file name'), ('2023-04-27', 'dateline'))
    """
    for found, source in ((iso_date(given), "--date"), (iso_date(Path(path).stem), "file name"),
                          (iso_date(text[:DATELINE_CHARS]), "dateline")):
        if found:
            return found, source
    return "", ""


def span(dates) -> tuple[str, str]:
    """The first and last of some ISO dates, empty ones left out: ``("", "")`` when none is known.

    >>> span(["2023-04-27", "", "2021-03-05"]), span([""])
    (('2021-03-05', '2023-04-27'), ('', ''))
    """
    known = [d for d in dates if d]
    return (min(known), max(known)) if known else ("", "")
