"""Newspaper pages: column breaks mended, bylines tidied, articles and sentences split."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kg.records import Article, Sentence

_CJK = r"\u3400-\u9fff"
_TERMINAL = "。！？!?；;…"
_CLOSERS = "”’\"'）)」』】"
_LEAD = re.compile(r"^(?:\*\*)?[^\s，。,]{0,12}讯(?:\*\*)?")
BYLINE_TITLES = "全媒体记者|见习记者|首席记者|主任记者|特约记者|本报记者|记者|通讯员|摄影|摄|责任编辑|编辑|校对"
_PAPER = rf"[{_CJK}]{{2,10}}?(?:日报|晚报|时报|晨报|商报|早报|报|通讯社|新闻社|社|电视台|台|网)"
_MASTHEAD = re.compile(rf"({_PAPER})(?:讯|\d{{1,2}}月\d{{1,2}}日讯|[{_CJK}]{{0,6}}\d{{1,2}}月\d{{1,2}}日电)")  # 水母网8月10日讯 too


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
    credit = re.match(rf"^(?:{_PAPER}(?:·[{_CJK}]{{2,6}})?)?(?:{BYLINE_TITLES})[{_CJK}]", squeezed)
    return len(line) <= 40 and bool(credit or squeezed.endswith("摄"))


def masthead(text: str) -> str:
    """The paper an article's lead names (``信息时报讯`` -> 信息时报; ``新华社北京3月9日电`` -> 新华社), else ''.

    ``本报讯`` names none: 本报 is whatever paper printed it.

    >>> masthead("长沙晚报讯（记者 舒薇）昨日…"), masthead("新华社北京3月9日电 会议…"), masthead("本报讯 昨日…")
    ('长沙晚报', '新华社', '')
    >>> masthead("潇湘网5月3日讯（记者 李一）…"), masthead("潇湘晚报网5月3日讯 …")
    ('潇湘网', '潇湘晚报网')
    
    """
    span = masthead_span(text)
    return text[span[0]:span[1]] if span else ""


def masthead_span(text: str) -> tuple[int, int] | None:
    """Where the paper's name stands in an article's lead, if it names one."""
    match = _MASTHEAD.search(text[:300])
    return None if match is None or match.group(1).endswith("本报") else match.span(1)


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
        title = _title(part)
        articles.append(Article(id=f"{stem}#{n}", text="\n\n".join(part), source=source, title=title))
    return articles


def _title(blocks: list[str]) -> str:
    """An article's headline: the longest of the headline lines it opens with, whether a blank
    line or one line break sets them off from the story; else the story's first 40 characters.

    >>> _title(["市委书记到祁东调研\\n本报讯 4月26日，市委书记邓群策到祁东县调研。"])
    '市委书记到祁东调研'
    """
    headlines = []
    for line in (_TITLE_LABEL.sub("", line) for block in blocks for line in block.split("\n")):
        if line and (not _is_headline(line) or is_byline(line) or _DATELINE.search(line)):
            break
        headlines.append(line)
    return max(headlines, key=len) if any(headlines) else _TITLE_LABEL.sub("", blocks[0]).split("\n")[0][:40]


# A crawl or a reprint labels the text: 2023-07-29 20:51，正文：…, 原标题：…; the headline follows the label.
_DATELINE = re.compile(r"\d{1,2}日电\s*$")  # 本报富阳7月6日电 on a line of its own opens the story
_TITLE_LABEL = re.compile(r"^(?:[^。！？\n]{0,60}?(?:正文|原标题|标题)[:：]\s*)+")


def _is_headline(block: str) -> bool:
    block = block.strip()
    return (0 < len(block) <= 64 and "\n" not in block and block[-1] not in _TERMINAL
            and not block.startswith("■") and not _LEAD.match(block))


MAX_ARTICLE = 100_000  # characters mapped as one article; a longer text (a 50 MB record) is cut into parts
PART = "#part"  #: what joins a part's number to its article's id: ``huge#part2``


def article_parts(article: Article, limit: int = MAX_ARTICLE) -> list[Article]:
    r"""``article``, or its parts when its text is over ``limit`` characters, as a sentence over
    :data:`MAX_SENTENCE` is cut: at the last paragraph break in the second half of ``limit``,
    else the last sentence end, else at ``limit``. Each part is mapped as an article of its own,
    so that one huge record is read and mapped in memory that its parts bound, not its size.

    >>> [(a.id, a.text) for a in article_parts(Article("a", "甲乙。丙丁\n\n戊己。庚辛。", "x"), limit=8)]
    [('a#part1', '甲乙。丙丁'), ('a#part2', '戊己。庚辛。')]
    """
    text = article.text
    if len(text) <= limit:
        return [article]
    parts, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            window = text[start + limit // 2:end]
            cut = window.rfind("\n\n")
            cut = cut if cut >= 0 else max(window.rfind(mark) + 1 or -1 for mark in "。！？")
            end = start + limit // 2 + cut if cut > 0 else end
        part = text[start:end].strip()
        if part:
            parts.append(replace(article, id=f"{article.id}{PART}{len(parts) + 1}", text=part))
        start = end
    return parts


def part_of_same(article_id: str, other_id: str) -> bool:
    """Whether two article ids are parts of one article (``x#part1``, ``x#part7``)."""
    return PART in article_id and article_id.rsplit(PART, 1)[0] == other_id.rsplit(PART, 1)[0]


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
