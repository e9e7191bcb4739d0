"""Publication dates as ISO dates (``2023-04-27``), from the ways news data writes them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from kg.errors import KgError

READABLE = "2023-04-27, 2023/4/27, 2023年4月27日, 20230427, 二〇二三年四月二十七日"  # the forms kg reads, for messages

_FORMS = (
    re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)"),  # 2023-04-27, 2021/3/5, 2023年9月12日
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"),  # 20230427
)


_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
_YEAR = re.compile("[〇○零一二三四五六七八九]{4}(?=\\s*年)")  # 二〇二三年: digit by digit
_NUMBER = "(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"  # 一 to 三十九: 十二, 二十七, 三十一
_MONTH_DAY = re.compile(f"({_NUMBER})(?=\\s*月)|(?<=月)(\\s*)({_NUMBER})(?=\\s*[日号])")


def _number(numeral: str) -> str:
    """十二 -> 12, 二十七 -> 27, 三十 -> 30, 七 -> 7."""
    tens, _, ones = numeral.rpartition("十")
    if "十" not in numeral:
        return _DIGIT[numeral]
    return str(int(_DIGIT.get(tens, "1")) * 10 + int(_DIGIT.get(ones, "0")))


def arabic_dates(text: str) -> str:
    """``text`` with the years, months and days written in Chinese numerals in digits (one
    character may become two, so offsets move: for reading dates, not for text kept).

    >>> arabic_dates("二〇二三年四月二十七日"), arabic_dates("二○二三年"), arabic_dates("十二月三十一日")
    ('2023年4月27日', '2023年', '12月31日')
    """
    if not re.search("[〇○零一二三四五六七八九十]", text):
        return text
    text = _YEAR.sub(lambda m: "".join(_DIGIT[c] for c in m.group()), text)
    return _MONTH_DAY.sub(lambda m: _number(m.group(1)) if m.group(1) else m.group(2) + _number(m.group(3)), text)


def iso_date(text: str) -> str:
    """The first real calendar date written in ``text``, as ``YYYY-MM-DD``; ``""`` when there is none.

    >>> iso_date("2021/3/5"), iso_date("2023年9月12日 08:30"), iso_date("20230427"), iso_date("2023-04-27T10:00:00+08:00")
    ('2021-03-05', '2023-09-12', '2023-04-27', '2023-04-27')
    >>> iso_date("二〇二三年四月二十七日"), iso_date("2023-02-30"), iso_date("第3版"), iso_date("")
    ('2023-04-27', '', '', '')
    """
    text = arabic_dates(text or "")
    for form in _FORMS:
        for match in form.finditer(text):
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


HEAD_LINES = 12  # a page's head: the paper, its date, headlines and bylines, then the lead paragraph


def page_date(path: Path | str, text: str, given: str = "") -> tuple[str, str]:
    r"""A page's ISO date and where it came from: ``given`` (``--date``), the file name
    (``2023-04-27_03.txt``, ``20230427-3.txt``) or the page's dateline (:func:`dateline`, a month
    and day taking the year a file or folder name gives); ``("", "")`` if none.

    >>> page_date("2023-04-27_03.txt", "本报讯 4月26日上午"), page_date("p.txt", "衡阳日报\n2023年4月27日 星期四")
    (('2023-04-27', 'file name'), ('2023-04-27', 'dateline'))
    """
    path = Path(path)
    year = next((m.group() for part in (path.stem, path.parent.name) for m in [_A_YEAR.search(part)] if m), "")
    for found, source in ((iso_date(given), "--date"), (iso_date(path.stem), "file name"),
                          (dateline(text, year), "dateline")):
        if found:
            return found, source
    return "", ""


_A_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_FULL_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)\s*日?"
# A page's own date stands on a line of its own: alone, after the paper's name or a label and a
# space or bar, before a weekday or the time (衡阳日报 2023年4月27日 星期四; 来源：X | 2023-08-18 09:25).
_DATE_LINE = re.compile(rf"^(?:|[^，。；！？]{{0,40}}?[\s|｜丨>:：\[【(（])({_FULL_DATE})[\]】)）]?"
                        r"(?=\s*(?:星期|周|礼拜)[一二三四五六日天]|\s+\d{1,2}[:：]\d{2}|\s*$|\s*[，,][^，,。]{0,4}[:：])")
# A story's lead opens with its date: 新华社北京4月27日电, 本报讯（记者 X）4月27日，, 7月24日晚间，
_LEAD_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:电|讯|(?:上午|下午|中午|晚上|晚间|傍晚|凌晨|早上|清晨|夜间|晚)?\s*[，,])")
_LEAD_IN = re.compile(r"[讯电]|记者|通讯员|[)）\]】/]")  # what stands before a lead's date: masthead, byline


def dateline(text: str, year: str = "") -> str:
    r"""The date a page or an article prints in its head, as an ISO date; ``""`` when none.

    Only a dateline counts, not a date the story tells of (营业期限为2018年10月19日, 据悉，2013年
    7月1日…): a date on a line of its own, or one that opens the lead, after the masthead or the
    byline; a lead's month and day take ``year``.

    >>> dateline("衡阳日报\n2023年4月27日 星期四\n\n本报讯 昨日…"), dateline("新华社北京4月27日电 会议…", "2023")
    ('2023-04-27', '2023-04-27')
    >>> dateline("本报讯（记者 李明）4月26日，市长调研。", "2023"), dateline("据悉，2013年7月1日，公司成立。")
    ('2023-04-26', '')
    """
    for line in arabic_dates(text[:4000]).split("\n")[:HEAD_LINES]:
        line = line.strip()
        if found := _DATE_LINE.match(line):
            return iso_date(found.group(1))
        if (lead := _LEAD_DATE.search(line[:60])) and _opens_lead(line[:lead.start()], lead.group()):
            day = iso_date(f"{lead.group(1) or year}-{lead.group(2)}-{lead.group(3)}")
            if day or lead.group(1):
                return day
        if len(line) > 64 or re.search("[。！？]", line):  # the lead paragraph: the head ends with it
            return ""
    return ""


def _opens_lead(before: str, date: str) -> bool:
    """Whether a date with ``before`` ahead of it on its line opens a lead (no story before it)."""
    if re.search(r"[，。；！？,\d]", before) or len(before) > 40:
        return False
    return not before.strip() or date[-1] in "电讯" or bool(_LEAD_IN.search(before))


def span(dates) -> tuple[str, str]:
    """The first and last of some ISO dates, empty ones left out: ``("", "")`` when none is known.

    >>> span(["2023-04-27", "", "2021-03-05"]), span([""])
    (('2021-03-05', '2023-04-27'), ('', ''))
    """
    known = [d for d in dates if d]
    return (min(known), max(known)) if known else ("", "")
