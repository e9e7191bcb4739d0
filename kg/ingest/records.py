"""Article records: JSONL (one JSON object a line) and CSV (one article a row), bad records reported, never fatal."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.dates import READABLE, dateline, iso_date
from kg.ingest.pages import clean_page
from kg.normalize import clean_text
from kg.records import Article

_SURROGATE = re.compile("[\ud800-\udfff]")
FIELDS = ("id", "text", "title", "date", "source", "url")
csv.field_size_limit(sys.maxsize)  # a long article is no bad record


class NoTextColumn(ValueError):
    """A CSV file without a ``text`` column: there is no article in it."""


def jsonl_rows(lines: Iterable[str]) -> Iterator[tuple[int, dict | str]]:
    """``(line, record)`` of each line, or ``(line, problem)`` for a line that is no JSON object.

    >>> list(jsonl_rows(['{"text": "衡阳"}', '', '[1]']))
    [(1, {'text': '衡阳'}), (3, 'not a JSON object')]
    """
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if _SURROGATE.search(line):  # raw bytes the file's encoding cannot read (JSON escapes are ASCII)
            yield number, "holds bytes that are no text in the file's encoding"
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, f"not valid JSON ({error.msg})"
            continue
        except RecursionError:
            yield number, "JSON nested too deeply to read"
            continue
        except ValueError as error:  # e.g. an integer of thousands of digits
            yield number, f"JSON value kg cannot read ({error})"
            continue
        yield number, row if isinstance(row, dict) else "not a JSON object"


def csv_rows(text: str) -> Iterator[tuple[int, dict | str]]:
    """``(line, record)`` of each row, or ``(line, problem)`` for a row that is broken.

    The delimiter (``,``, ``;``, tab or ``|``) is sniffed and column names are read without case
    or spaces (``Text`` is ``text``). Line breaks other than ``\\n`` and ``\\r`` (U+2028, U+0085)
    are text, not row ends. A quote that is never closed is reported at the row it opens and
    reading goes on with the next line, so the rows after it are kept.
    """
    lines = text.split("\n")
    dialect = _dialect(text[:8192])
    header = next(csv.reader([lines[0]], dialect), [])
    columns = [name.strip().lower() for name in header]
    if "text" not in columns:
        raise NoTextColumn(f"no 'text' column (columns: {', '.join(header) or 'none'})")
    first = 1  # index in ``lines`` where the reader (re)starts
    while first < len(lines):
        reader = csv.reader(io.StringIO("\n".join(lines[first:]), newline=""), dialect, strict=True)
        begin = 1
        try:
            for cells in reader:
                if any(cell.strip() for cell in cells):
                    yield first + begin, dict(zip(columns, cells))
                begin = reader.line_num + 1
            return
        except csv.Error as error:
            yield first + begin, f"broken CSV row ({error}); reading goes on from the next line"
            first += begin


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def record_article(row: dict, path: Path, line: int, warnings: list[str] | None = None,
                   stem: str | None = None) -> Article | None:
    """The article of one record, or None (with a warning naming file and line) when it has no usable text.

    Values are cleaned as all text is (:func:`kg.normalize.clean_text`); numbers are written as
    text; a list or an object where text belongs is dropped with a warning.
    """
    warnings = warnings if warnings is not None else []
    where = f"{path.name}:{line}"
    values, invalid = {}, []
    for name in FIELDS:
        value = row.get(name)
        if isinstance(value, (dict, list)):
            warnings.append(f"{where}: '{name}' is a JSON {type(value).__name__}, not text; left out")
            value = None
        elif name == "text" and value is not None and not isinstance(value, str):
            warnings.append(f"{where}: 'text' is {type(value).__name__} {value!r}, not text; record left out")
            return None
        value = "" if value is None else str(value)
        if _SURROGATE.search(value):
            invalid.append(name)
        values[name] = clean_text(value).strip()
    if invalid:
        warnings.append(f"{where}: {', '.join(invalid)} held invalid characters (lone surrogates), left out")
    if not values["text"]:
        warnings.append(f"{where}: record has no 'text'")
        return None
    text = clean_page(values["text"])
    date = iso_date(values["date"])
    if not date:  # a year alone (2023, 2023年4月) dates the lead's 4月27日; no date at all, a full dateline
        year = _YEAR.fullmatch(values["date"])
        date = dateline(text, year.group(1) if year else "")
        if values["date"] and not year and not date:
            warnings.append(f"{where}: date {values['date'][:40]!r} is no date kg can read ({READABLE}); "
                            "the article is kept without one")
    return Article(id=values["id"] or f"{stem or path.stem}:{line}", text=text,
                   source=values["source"] or path.name, title=values["title"], date=date, url=values["url"])


_YEAR = re.compile(r"\s*((?:19|20)\d{2})\s*(?:年|[-/.])?\s*(?:\d{1,2}\s*月?)?\s*")
