"""Silver NER data: LAC's names on unlabelled news, mapped to MSRA's conventions, written as MSRA files."""

from __future__ import annotations

import json
import lzma
import os
import re
import sys
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from kg.errors import KgError
from kg.wordlists import titles

# One-character country and region names: MSRA tags 中美 as 中/S-LOC 美/S-LOC, LAC as one LOC.
COUNTRY_CHARS = frozenset("中美日英法德俄韩朝印意加澳欧非亚越泰巴以埃伊荷葡西港台")
SAR = "特别行政区"  # LAC cuts 香港 from it; MSRA's 香港特别行政区 is one name
GOVERNMENT = re.compile("(?:人民)?政府$")  # MSRA: 中国/LOC 政府/O, 北京市/LOC 政府/O; LAC: one ORG
HONORIFICS = ("先生", "女士", "同志", "夫人", "小姐", "教授", "老师", "总统", "总理", "首相", "大使", "主席")
_DATELINE = re.compile(r"^\d{4}-\d\d-\d\d[\d: ]*，正文：")  # how each crud_rag line begins
_CJK = re.compile("[\u4e00-\u9fff]")
MIN_CHARS, MAX_CHARS = 6, 150  # shorter ones are headlines and fragments, longer ones lists


@cache
def _titles() -> tuple[str, ...]:
    return tuple(sorted(titles() | set(HONORIFICS), key=len, reverse=True))  # the longest title first


def msra_spans(words: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """LAC's words and tags as MSRA's names: (start, end, PER/LOC/ORG) with character offsets.

    A person keeps no title (江主席 → 江), a pair of countries is two places (中美), a government
    is its place (中国政府 → 中国), a place runs on over 特别行政区. Places inside an organization's
    name stay unmarked, as in MSRA, whose names do not nest.

    >>> msra_spans([("江主席", "PER"), ("会见", "v"), ("中美", "LOC"), ("代表", "n"), ("中国政府", "ORG")])
    [(0, 1, 'PER'), (5, 6, 'LOC'), (6, 7, 'LOC'), (9, 11, 'LOC')]
    """
    text = "".join(word for word, _ in words)
    spans, at = [], 0
    for word, tag in words:
        start, at = at, at + len(word)
        if tag == "PER":
            name = _without_title(word)
            spans += [(start, start + len(name), "PER")] if name else []
        elif tag in ("LOC", "ORG") and len(word) > 1 and set(word) <= COUNTRY_CHARS:
            spans += [(start + i, start + i + 1, "LOC") for i in range(len(word))]
        elif tag == "ORG" and GOVERNMENT.search(word):
            place = GOVERNMENT.sub("", word)
            spans += [(start, start + len(place), "LOC")] if len(place) > 1 or place in COUNTRY_CHARS else []
        elif tag == "LOC" and text.startswith(SAR, at):
            spans.append((start, at + len(SAR), "LOC"))
        elif tag in ("LOC", "ORG"):
            spans.append((start, at, tag))
    return spans


def _without_title(name: str) -> str:
    for title in _titles():
        if name.endswith(title):
            return name[:-len(title)]
        if name.startswith(title):
            return name[len(title):]
    return name


def msra_lines(text: str, spans: list[tuple[int, int, str]]) -> str | None:
    """One sentence as MSRA lines (``char TAG``, BMES, a blank line after); None when a name holds a space.

    Spaces cannot be written in that format, so they are left out (news has them around Latin words).

    >>> print(msra_lines("王刚 来了", [(0, 2, "PER")]), end="")
    王 B-PER
    刚 E-PER
    来 O
    了 O
    <BLANKLINE>
    """
    tags = ["O"] * len(text)
    for start, end, label in spans:
        if any(c.isspace() for c in text[start:end]):
            return None
        if end - start == 1:
            tags[start] = f"S-{label}"
        else:
            tags[start:end] = [f"B-{label}"] + [f"M-{label}"] * (end - start - 2) + [f"E-{label}"]
    return "".join(f"{c} {t}\n" for c, t in zip(text, tags) if not c.isspace()) + "\n"


def news_sentences(path: str | Path) -> Iterator[str]:
    """Sentences of a news file (one article a line, as ``../shared/data/news``; ``.xz`` read as a stream).

    Sentences are cut as a build cuts them; those of fewer than 6 or more than 150 characters, or
    without a Chinese character, are left out.
    """
    from kg.ingest import split_sentences
    from kg.records import Article

    opener = lzma.open if str(path).endswith(".xz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                article = Article(str(number), _DATELINE.sub("", line.strip()), str(path))
                for sentence in split_sentences(article):
                    if MIN_CHARS <= len(sentence.text) <= MAX_CHARS and _CJK.search(sentence.text):
                        yield sentence.text
    except (OSError, UnicodeDecodeError, lzma.LZMAError) as error:
        raise KgError(f"{path}: cannot read the news text ({error})") from error


def make_silver(news: str | Path, output: str | Path, limit: int | None = None, tagger=None,
                chunk: int = 2000, log=None) -> dict[str, int]:
    """Tags news sentences with LAC and appends them to ``output`` in MSRA's format; resumable.

    A sentence seen before (boilerplate an outlet prints under every article) is left out.

    After each chunk of sentences the file is flushed and ``OUTPUT.progress`` records how many
    sentences were read and how many bytes of ``output`` they made, so a run stopped anywhere
    goes on from its last whole chunk (a half-written one is cut off). ``limit`` is the number
    of sentences to have written in all. Returns the counts (read, written, names, chars).
    """
    from kg.lac import LacTagger

    tagger = tagger or LacTagger()
    output, log = Path(output), log or (lambda line: print(line, file=sys.stderr, flush=True))
    state_file = output.with_name(output.name + ".progress")
    state = _read_state(state_file) if output.exists() and state_file.exists() else {
        "read": 0, "written": 0, "names": 0, "chars": 0, "bytes": 0}
    if output.exists() and not state_file.exists() and output.stat().st_size:
        raise KgError(f"{output}: exists without {state_file.name}; name a new file, or remove it to start afresh")
    sentences, started, chars_before = _first_times(news_sentences(news)), time.monotonic(), state["chars"]
    for _ in range(state["read"]):  # skip what the last run wrote
        next(sentences, None)
    with open(output, "ab") as out:
        out.truncate(state["bytes"])
        while limit is None or state["written"] < limit:
            batch = [s for _, s in zip(range(chunk), sentences)]
            if not batch:
                break
            _write_chunk(out, batch, tagger, state, limit)
            _write_state(state_file, state)
            rate = (state["chars"] - chars_before) / max(time.monotonic() - started, 1e-9)
            log(f"silver: {state['read']:,} sentences read, {state['written']:,} written "
                f"({state['names']:,} names), {rate:,.0f} chars/s this run")
    return state


def _first_times(sentences: Iterator[str]) -> Iterator[str]:
    """Each sentence once: outlets repeat their boilerplate (广告声明…) under every article."""
    seen: set[int] = set()
    for sentence in sentences:
        key = hash(sentence)  # one process: Python's string hash is stable within it
        if key not in seen:
            seen.add(key)
            yield sentence


def _write_chunk(out, batch: list[str], tagger, state: dict, limit: int | None) -> None:
    for text, words in zip(batch, tagger.analyze(batch)):
        state["read"] += 1
        spans = msra_spans(words)
        lines = msra_lines(text, spans)
        if lines is not None:
            out.write(lines.encode("utf-8"))
            state["written"] += 1
            state["names"] += len(spans)
            state["chars"] += len(text)
        if limit is not None and state["written"] >= limit:
            break
    out.flush()
    os.fsync(out.fileno())
    state["bytes"] = out.tell()


def _read_state(path: Path) -> dict[str, int]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise KgError(f"{path}: not a progress file of kg's silver data ({error}); remove it and its output") from error


def _write_state(path: Path, state: dict[str, int]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temporary, path)  # whole or not at all
