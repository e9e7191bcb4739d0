"""From files to articles and sentences: which files, decoding, pages, records, web pages, sentence splitting.

A file that cannot be read is skipped with its reason and a record that is bad is left out with a
warning naming file and line: nothing a file holds stops the others from being read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.dates import iso_date, page_date
from kg.ingest.files import (
    REPORT_NAME,
    STREAM_ERRORS,
    UndecodableError,
    article_stem,
    decode,
    find_inputs,
    inner_suffix,
    is_kg_output,
    read_option_file,
    read_text,
    shown,
    text_lines,
)
from kg.ingest.pages import (
    MAX_ARTICLE,
    MAX_SENTENCE,
    article_parts,
    clean_page,
    cut_long,
    is_byline,
    join_spaced_names,
    masthead,
    masthead_span,
    part_of_same,
    split_page,
    split_sentences,
)
from kg.ingest.records import NoTextColumn, csv_rows, jsonl_rows, record_article
from kg.ingest.web import extract, looks_like_html, trim
from kg.normalize import clean_text
from kg.records import Article

__all__ = [
    "MAX_ARTICLE",
    "MAX_SENTENCE",
    "REPORT_NAME",
    "SAMPLES",
    "SUFFIXES",
    "FileReport",
    "UndecodableError",
    "article_parts",
    "clean_page",
    "cut_long",
    "decode",
    "find_inputs",
    "is_byline",
    "is_kg_output",
    "join_spaced_names",
    "masthead",
    "masthead_span",
    "part_of_same",
    "read_articles",
    "read_file",
    "read_option_file",
    "record_article",
    "shown",
    "split_page",
    "split_sentences",
]

SAMPLES = Path(__file__).parent.parent / "samples"
PAGE_SUFFIXES = {".txt", ".md"}
RECORD_SUFFIXES = {".jsonl", ".csv"}
WEB_SUFFIXES = {".html", ".htm"}
SUFFIXES = PAGE_SUFFIXES | RECORD_SUFFIXES | WEB_SUFFIXES


@dataclass
class FileReport:
    """What happened to one input file."""

    path: str
    status: str = "read"  #: read or skipped
    reason: str = ""  #: why it was skipped
    articles: int = 0
    sentences: int = 0
    mentions: int = 0
    outside_dates: int = 0  #: articles left out by --since / --until (undated ones included)
    duplicates: int = 0  #: articles that copy an earlier one (articles.csv lists them with duplicate_of)
    stored: int = 0  #: articles the store holds already (the same text, headline and date), not read again
    warnings: list[str] = field(default_factory=list)  #: records dropped, with file and line

    def skip(self, reason: str) -> list:
        self.status, self.reason = "skipped", reason
        return []


def read_file(path: Path, report: FileReport, date: str = "") -> list[Article]:
    """Articles of one file; problems go into ``report``, never out as exceptions for bad data."""
    return [article for _, article in read_articles(path, report, date)]


def read_articles(path: Path, report: FileReport, date: str = "") -> list[tuple[int | None, Article]]:
    """Articles of one file, each with the line its record starts on (None for pages).

    Dates become ISO dates: a record's ``date``, a web page's own; a page's from ``date``
    (``--date``), its file name or its dateline (:func:`kg.dates.page_date`).
    """
    return list(iter_articles(path, report, date))


def iter_articles(path: Path, report: FileReport, date: str = "", read: Callable[[int], None] | None = None
                  ) -> Iterator[tuple[int | None, Article]]:
    """:func:`read_articles` one at a time: a JSONL file's lines are read, decoded and decompressed
    as its records are taken, so that a file of 100,000 records, or one of gigabytes, is never held
    whole (``report.articles`` counts them as it goes). ``x.jsonl.gz``, ``x.txt.xz``, ``x.csv.bz2``,
    ``x.html.zst`` are read as what their inner suffix says. ``read`` is told how many of the
    file's bytes are read, as they are (for the build's progress)."""
    suffix = inner_suffix(path)
    if suffix not in SUFFIXES:
        hint = " (save it as .txt to read it)" if suffix in {".docx", ".doc", ".pdf", ".rtf"} else ""
        report.skip(f"unsupported file type '{suffix or shown(path.name)}'{hint}")
        return
    if suffix == ".jsonl":
        yield from _jsonl_articles(path, report, read)
        return
    try:
        text = read_text(path)
    except UndecodableError as error:
        report.skip(f"cannot decode: {error}")
        return
    except STREAM_ERRORS as error:
        report.skip(f"cannot read: {_why(error)}")
        return
    if not text.strip():
        report.skip("empty file")
        return
    name = shown(path.name)
    if suffix in PAGE_SUFFIXES and looks_like_html(text):
        report.warnings.append(f"{name}: holds HTML markup; read as a web page")
        suffix = ".html"
    if suffix in WEB_SUFFIXES:
        located = _web_article(text, path, report)
    elif suffix in PAGE_SUFFIXES:
        page = clean_page(clean_text(text))
        del text  # a huge page: one copy of it at a time
        day, _ = page_date(path, page, date)
        located = [(None, replace(a, date=day)) for a in split_page(page, source=name, stem=article_stem(path))]
    else:
        yield from _record_articles(csv_rows(text), path, report)
        return
    located = [(line, part) for line, article in located for part in _parts(article, name, report)]
    report.articles = len(located)
    yield from located


def _parts(article: Article, where: str, report: FileReport) -> list[Article]:
    """The article, or its parts when it is too long to map at once (said in the report)."""
    parts = article_parts(article)
    if len(parts) > 1:
        report.warnings.append(f"{where}: article {article.id!r} of {len(article.text):,} characters mapped in "
                               f"{len(parts)} parts of at most {MAX_ARTICLE:,} (co-occurrence counted within each)")
    return parts


def _why(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _jsonl_articles(path: Path, report: FileReport, read: Callable[[int], None] | None = None
                    ) -> Iterator[tuple[int | None, Article]]:
    """The articles of a JSONL file, its lines read as they are wanted; a file that cannot be read
    further (a damaged archive, bytes that stop being text) keeps the records before the fault."""
    lines = _Counted(text_lines(path, read))
    try:
        yield from _record_articles(jsonl_rows(lines), path, report)
    except UndecodableError as error:
        report.skip(f"cannot decode: {error}")
    except (UnicodeDecodeError, *STREAM_ERRORS) as error:
        reason = f"cannot read on from line {lines.count} ({_why(error)})"
        if lines.blank:
            report.skip(reason)
        else:
            report.warnings.append(f"{shown(path.name)}: {reason}; the records before it are kept")
        return
    if lines.blank:
        report.skip("empty file")


class _Counted:
    """Lines passed on, counted; ``blank`` while none held text."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines, self.count, self.blank = lines, 0, True

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            self.count += 1
            self.blank = self.blank and not line.strip()
            yield line


def _record_articles(rows: Iterator[tuple[int, dict | str]], path: Path, report: FileReport
                     ) -> Iterator[tuple[int | None, Article]]:
    try:  # a CSV file's rows are read at once, so that a missing column is known before any row
        rows = rows if inner_suffix(path) == ".jsonl" else iter(list(rows))
    except NoTextColumn as error:
        report.skip(str(error))
        return
    name = Path(shown(path.name))
    for line, row in rows:
        if isinstance(row, str):
            report.warnings.append(f"{name}:{line}: {row}")
        elif (article := record_article(row, name, line, report.warnings, stem=article_stem(path))) is not None:
            for part in _parts(article, f"{name}:{line}", report):
                report.articles += 1
                yield line, part


def _web_article(html: str, path: Path, report: FileReport) -> list[tuple[int | None, Article]]:
    html, note = trim(html)
    if note:
        report.warnings.append(f"{shown(path.name)}: {note}")
    text, title, date = extract(html)
    text = clean_page(clean_text(text))
    if not text:
        return report.skip("a web page with no article text in it")
    return [(None, Article(id=article_stem(path), text=text, source=shown(path.name), title=clean_text(title),
                           date=iso_date(date)))]
