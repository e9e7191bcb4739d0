"""From files to articles and sentences: decoding, page cleaning, article and sentence splitting."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.records import Article, Sentence

SAMPLES = Path(__file__).parent / "samples"
PAGE_SUFFIXES = {".txt", ".md"}
RECORD_SUFFIXES = {".jsonl", ".csv"}
SUFFIXES = PAGE_SUFFIXES | RECORD_SUFFIXES

_CJK = r"\u3400-\u9fff"
_TERMINAL = "。！？!?；;…"
_CLOSERS = "”’\"'）)」』】"
_LEAD = re.compile(r"^(?:\*\*)?[^\s，。,]{0,12}讯(?:\*\*)?")
_BYLINE_TITLES = "全媒体记者|见习记者|本报记者|记者|通讯员|摄影|摄"


@dataclass
class FileReport:
    """What happened to one input file."""

    path: str
    status: str = "read"  #: read or skipped
    reason: str = ""  #: why it was skipped
    articles: int = 0
    sentences: int = 0
    mentions: int = 0
    warnings: list[str] = field(default_factory=list)  #: records dropped, with file and line


def find_inputs(paths: list[str | Path]) -> Iterator[Path]:
    """Files to read: each file given, and the files of each folder (sorted, recursively)."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


class UndecodableError(ValueError):
    """A file's bytes are no text in any encoding kg reads."""


_BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]


def decode(data: bytes) -> str:
    """Text of a file, never with characters silently replaced.

    A BOM decides first; then strict UTF-8; then charset-normalizer's best guess (GB18030,
    GBK, Big5, UTF-16 without BOM…), accepted only if the text reads as text: few control
    characters, and Chinese, when there is any, mostly from the common CJK block.

    >>> decode("衡阳市委".encode("gb18030")), decode("衡阳".encode("utf-16"))
    ('衡阳市委', '衡阳')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding), encoding)
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    guess = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16_le", "utf_16_be", "utf_8"]).best() \
        or from_bytes(data).best()
    if guess is None:
        raise UndecodableError("not text in UTF-8, UTF-16, GB18030 or Big5 (binary data?)")
    return _checked(str(guess), guess.encoding)


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_ANY_CJK = re.compile("[\u2e80-\U0010ffff]")
_COMMON_CJK = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f]")


def _checked(text: str, encoding: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise UndecodableError(f"decodes as {encoding} but holds {controls} control characters (binary data?)")
    cjk = len(_ANY_CJK.findall(text))
    common = len(_COMMON_CJK.findall(text))
    if cjk > 20 and common < 0.9 * cjk:
        raise UndecodableError(f"decodes as {encoding} only into rare characters (wrong encoding or binary data)")
    return text


def read_file(path: Path, report: FileReport) -> list[Article]:
    """Articles of one file; problems go into ``report``, never out as exceptions for bad data."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = " (save it as .txt to read it)" if suffix in {".docx", ".doc", ".pdf", ".rtf", ".html"} else ""
        report.status, report.reason = "skipped", f"unsupported file type '{suffix or path.name}'{hint}"
        return []
    try:
        text = decode(path.read_bytes()).replace("\r\n", "\n").replace("\r", "\n")
    except UndecodableError as error:
        report.status, report.reason = "skipped", f"cannot decode: {error}"
        return []
    except OSError as error:
        report.status, report.reason = "skipped", f"cannot read: {error.strerror or error}"
        return []
    if not text.strip():
        report.status, report.reason = "skipped", "empty file"
        return []
    if suffix in PAGE_SUFFIXES:
        articles = split_page(clean_page(text), source=path.name, stem=path.stem)
    else:
        rows = _jsonl_rows(text) if suffix == ".jsonl" else _csv_rows(text)
        articles = []
        for line, row in rows:
            problem = row if isinstance(row, str) else None
            if problem is None and not str(row.get("text") or "").strip():
                problem = "record has no 'text'"
            if problem:
                report.warnings.append(f"{path.name}:{line}: {problem}")
                continue
            articles.append(record_article(row, path, line))
    report.articles = len(articles)
    return articles


def _jsonl_rows(text: str) -> Iterator[tuple[int, dict | str]]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, f"not valid JSON ({error.msg})"
            continue
        yield number, row if isinstance(row, dict) else "not a JSON object"


def _csv_rows(text: str) -> Iterator[tuple[int, dict | str]]:
    reader = csv.DictReader(text.splitlines(keepends=True))
    for row in reader:
        yield reader.line_num, row


def record_article(row: dict, path: Path, line: int) -> Article:
    text = clean_page(str(row["text"]))
    return Article(
        id=str(row.get("id") or f"{path.stem}:{line}"),
        text=text,
        source=str(row.get("source") or path.name),
        title=str(row.get("title") or ""),
        date=str(row.get("date") or ""),
        url=str(row.get("url") or ""),
    )


def clean_page(text: str) -> str:
    """A page's text with column breaks mended, markdown marks and byline spacing tidied.

    A paragraph cut by a column break (``曾\\n\\n胜``) ends without sentence-final punctuation
    in the middle of a long block; short blocks without it are headlines and stay apart.

    >>> clean_page("白沙洲消防救援站的代表们今天都来了，他们是来自各个战线的先进人物曾\\n\\n胜等。\\n\\n■本报记者 陈 润")
    '白沙洲消防救援站的代表们今天都来了，他们是来自各个战线的先进人物曾胜等。\\n\\n■本报记者 陈润'
    """
    blocks = [_tidy_block(b) for b in re.split(r"\n\s*\n", text.strip())]
    merged: list[str] = []
    for block in blocks:
        if not block:
            continue
        if merged and _continues(merged[-1], block):
            merged[-1] += block
        else:
            merged.append(block)
    return "\n\n".join(merged)


def _tidy_block(block: str) -> str:
    lines = []
    for line in block.split("\n"):
        line = re.sub(r"^#+\s*", "", line.strip()).replace("**", "")
        if is_byline(line):
            line = join_spaced_names(line)
        lines.append(line)
    return "\n".join(line for line in lines if line)


def _continues(previous: str, block: str) -> bool:
    """Whether ``block`` is the rest of ``previous``, cut by a column break."""
    last = previous.rstrip()[-1]
    if last in _TERMINAL or (last in _CLOSERS and previous.rstrip()[-2:-1] in tuple(_TERMINAL)):
        return False
    if is_byline(previous) or is_byline(block) or _LEAD.match(block):
        return False
    # Headlines are short and rarely hold a comma in mid-line; a cut paragraph is long or has one.
    long_paragraph = len(previous) >= 60 or last in "，、,：:（(“" or (
        bool(re.search("[，,、:：]", previous)) and bool(re.match(f"[{_CJK}]", last)))
    return long_paragraph and bool(re.match(rf"[{_CJK}0-9A-Za-z“”，、。]", block))


def is_byline(line: str) -> bool:
    """A reporter line: ``■本报记者 陈 润``, ``通 讯 员 刘慧玲``, ``罗茂盟 摄``."""
    line = line.strip()
    if line.startswith("■"):
        return len(line) <= 40
    squeezed = re.sub(r"\s+", "", line)
    return len(line) <= 30 and bool(re.match(rf"^(?:{_BYLINE_TITLES})[{_CJK}]", squeezed) or squeezed.endswith("摄"))


def join_spaced_names(line: str) -> str:
    """Joins runs of single characters split by spaces: ``陈 润`` is 陈润, ``周 围`` is 周围.

    >>> join_spaced_names("■本报记者 敖文景 周 围")
    '■本报记者 敖文景 周围'
    >>> join_spaced_names("通 讯 员 赵诗 文雅婷")
    '通讯员 赵诗 文雅婷'
    """
    words = line.split()
    out: list[str] = []
    single_run = False
    for word in words:
        single = len(word) == 1
        if single and single_run:
            out[-1] += word
        else:
            out.append(word)
        single_run = single and (len(out[-1]) == 1 or single_run)
    return " ".join(out)


def split_page(text: str, source: str, stem: str) -> list[Article]:
    """The articles of a newspaper page.

    An article starts at its lead (``本报讯``, ``衡阳晚报讯``) or the ``■`` byline before it,
    and takes the headline lines right above (short, without sentence-final punctuation).
    """
    blocks = text.split("\n\n")
    starts: list[int] = []
    for i, block in enumerate(blocks):
        byline = block.startswith("■") and not block.rstrip().endswith("摄")
        lead = _LEAD.match(block) and not (i > 0 and blocks[i - 1].startswith("■"))
        if not (byline or lead):
            continue
        start = i
        while start > 0 and (not starts or start - 1 > starts[-1]) and _is_headline(blocks[start - 1]):
            start -= 1
        if not starts or start > starts[-1]:
            starts.append(start)
    if starts:
        starts[0] = 0  # anything above the first article belongs to it
    else:
        starts = [0]
    articles = []
    for n, (begin, end) in enumerate(zip(starts, [*starts[1:], len(blocks)]), 1):
        part = blocks[begin:end]
        headlines = []
        for block in part:
            if not _is_headline(block):
                break
            headlines.append(block)
        title = max(headlines, key=len) if headlines else part[0][:40]
        articles.append(Article(id=f"{stem}#{n}", text="\n\n".join(part), source=source, title=title))
    return articles


def _is_headline(block: str) -> bool:
    block = block.strip()
    return (0 < len(block) <= 64 and "\n" not in block and block[-1] not in _TERMINAL
            and not block.startswith("■") and not _LEAD.match(block))


_SENTENCE_END = re.compile(rf"[{_TERMINAL}][{_CLOSERS}]*|\n+")
MAX_SENTENCE = 200


def split_sentences(article: Article) -> list[Sentence]:
    """Sentences with offsets into the article; headlines and bylines are sentences of their own.

    >>> [s.text for s in split_sentences(Article("a", "标题\\n\\n他说：“好。”我们走。", "x"))]
    ['标题', '他说：“好。”', '我们走。']
    """
    sentences: list[Sentence] = []
    start = 0
    text = article.text
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.end() if match else len(text)
        for piece_start, piece_end in _pieces(text, start, end):
            sentences.append(Sentence(article.id, len(sentences), piece_start, piece_end,
                                      text[piece_start:piece_end]))
        start = end
    return sentences


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The stripped span ``start:end``, cut at commas (then anywhere) when over MAX_SENTENCE."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    yield from cut_long(text, start, end, MAX_SENTENCE, "，,、", min_cut=MAX_SENTENCE // 2)


def cut_long(text: str, start: int, end: int, limit: int, marks: str, min_cut: int = 0) -> Iterator[tuple[int, int]]:
    """``start:end`` in pieces of at most ``limit``, each cut after the last of ``marks`` in it
    (when that lies past ``min_cut`` characters), else at ``limit``.

    >>> list(cut_long("甲乙，丙丁，戊己", 0, 8, 5, "，"))
    [(0, 3), (3, 8)]
    """
    while end - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind(mark) for mark in marks)
        cut = start + (cut + 1 if cut > min_cut else limit)
        yield start, cut
        start = cut
    if end > start:
        yield start, end
