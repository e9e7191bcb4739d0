"""Inputs made to break the reader: each bad record is named with file and line, everything else is read."""

import json
import os
from pathlib import Path

import pytest

from kg import ingest
from kg.ingest import FileReport, csv_rows, find_inputs, read_articles
from kg.normalize import clean_text

GOOD = "市委书记邓群策会见中国水环境集团董事长侯锋一行。"


def read(path: Path) -> tuple[list, FileReport]:
    report = FileReport(str(path))
    return [a for _, a in read_articles(path, report)], report


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_bad_jsonl_record_is_reported_and_the_rest_kept(tmp_path):
    good = json.dumps({"id": "ok", "text": GOOD}, ensure_ascii=False)
    path = write_jsonl(tmp_path / "bad.jsonl", [
        good,
        '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}",
        '{"id": "surrogate", "text": "邓群策\\ud800会见侯锋", "title": "\\udfff标题"}',
        '{"id": "number", "text": 12345}',
        '{"id": "list-title", "text": "' + GOOD + '", "title": ["a"]}',
        '{"id": 7, "text": "' + GOOD + '", "date": 20230427}',
    ])
    articles, report = read(path)
    assert [a.id for a in articles] == ["ok", "surrogate", "list-title", "7"]
    assert articles[1].text == "邓群策会见侯锋" and articles[1].title == "标题"  # lone surrogates are no text
    assert articles[3].date == "2023-04-27"  # a number is read as text, then as a date
    warnings = "\n".join(report.warnings)
    for line in (2, 3, 5, 6):
        assert f"bad.jsonl:{line}:" in warnings
    assert "nested too deeply" in warnings and "int" in warnings and "list" in warnings


def test_a_long_csv_field_is_an_article_not_an_error(tmp_path):
    text = GOOD * 8000  # 192,000 characters, over csv's default field limit
    path = tmp_path / "long.csv"
    path.write_text(f'id,text\nlong,"{text}"\nshort,{GOOD}\n', encoding="utf-8")
    articles, report = read(path)
    assert [a.id for a in articles] == ["long#part1", "long#part2", "short"]  # mapped in parts, as sentences are
    assert "".join(a.text for a in articles[:2]) == text
    assert report.warnings == [(f"long.csv:2: article 'long' of {len(text):,} characters mapped in 2 parts of at most "
                               "100,000 (co-occurrence counted within each)")]


def test_csv_line_separators_inside_a_field_are_text(tmp_path):
    path = tmp_path / "seps.csv"
    path.write_text(f"id,text\na,邓群策\u2028会见\x85侯锋\nb,{GOOD}\n", encoding="utf-8")
    articles, report = read(path)
    assert [a.id for a in articles] == ["a", "b"] and not report.warnings
    assert articles[0].text == "邓群策\n会见\n侯锋"


def test_an_unterminated_quote_is_reported_and_later_rows_kept(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text(f'id,text\na,{GOOD}\nb,"{GOOD}\nc,{GOOD}\nd,{GOOD}\n', encoding="utf-8")
    articles, report = read(path)
    assert [a.id for a in articles] == ["a", "c", "d"]
    assert len(report.warnings) == 1 and report.warnings[0].startswith("quote.csv:3:")


@pytest.mark.parametrize("header, separator", [("id;text", ";"), ("id\ttext", "\t"), ("ID,Text", ",")])
def test_csv_dialects_and_header_case_are_read(tmp_path, header, separator):
    path = tmp_path / "dialect.csv"
    path.write_text(f"{header}\nx{separator}{GOOD}\n", encoding="utf-8")
    articles, _ = read(path)
    assert [(a.id, a.text) for a in articles] == [("x", GOOD)]


def test_a_csv_without_text_column_says_so(tmp_path):
    path = tmp_path / "notext.csv"
    path.write_text(f"id,body\nx,{GOOD}\n", encoding="utf-8")
    articles, report = read(path)
    assert not articles and report.status == "skipped"
    assert "no 'text' column" in report.reason and "body" in report.reason


def test_csv_rows_name_the_line_each_record_starts_on():
    rows = list(csv_rows('id,text\na,"甲\n乙"\nb,丙\n'))
    assert rows == [(2, {"id": "a", "text": "甲\n乙"}), (4, {"id": "b", "text": "丙"})]


def test_valid_utf8_with_emoji_is_read(tmp_path):
    posts = [json.dumps({"id": f"p{i}", "text": f"{GOOD}👍👍👍👍"}, ensure_ascii=False) for i in range(100)]
    articles, report = read(write_jsonl(tmp_path / "posts.jsonl", posts))
    assert len(articles) == 100 and report.status == "read"
    page = tmp_path / "emoji.txt"
    page.write_text("衡阳市" * 20 + "🤝" * 22, encoding="utf-8")
    articles, report = read(page)
    assert report.status == "read" and articles


def test_a_big_binary_file_is_refused_from_its_first_bytes(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as out:
        out.write(os.urandom(1 << 20) * 64)  # 64 MiB
    articles, report = read(path)  # how soon: bench/hostile_ingest.py
    assert not articles and report.status == "skipped" and "binary" in report.reason


def test_invisible_characters_are_removed_once_at_ingest(tmp_path):
    records = [{"id": "a\u0001", "text": "邓\u200b群策会见衡\ufeff阳市委书记\u0000。"}]
    path = write_jsonl(tmp_path / "c.jsonl", [json.dumps(r) for r in records])
    (article,), _ = read(path)
    assert article.id == "a" and article.text == "邓群策会见衡阳市委书记。"


def test_clean_text_is_idempotent_and_keeps_what_is_seen():
    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.text())
    def check(text):
        once = clean_text(text)
        assert clean_text(once) == once
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in once)

    check()
    assert clean_text("ＡＢＣ集团 衡阳\t市") == "ＡＢＣ集团 衡阳\t市"  # full-width is folded for matching, not here


def test_a_web_page_gives_its_article_text_title_and_date(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>衡阳新闻网</title>"
            '<meta property="article:published_time" content="2023-04-27"></head><body>'
            "<nav><a href='/'>首页</a> <a href='/x'>要闻</a></nav><article><h1>邓群策调研产业项目</h1>"
            f"<p>本报讯 4月26日，{GOOD}双方就深化合作进行了深入交流，市领导朱健参加了会见活动。</p></article>"
            "<script>var tracker = 'script>win';</script><footer>版权所有</footer></body></html>")
    (tmp_path / "news.html").write_text(page, encoding="utf-8")
    (tmp_path / "saved.txt").write_text(page, encoding="utf-8")
    for name in ("news.html", "saved.txt"):
        (article,), _ = read(tmp_path / name)
        assert "邓群策" in article.text and "script" not in article.text and "<" not in article.text, name
        assert article.title == "邓群策调研产业项目" and article.date == "2023-04-27"
    assert "HTML" in read(tmp_path / "saved.txt")[1].warnings[0]


def test_find_inputs_names_what_it_cannot_read(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path):  # as root, chmod 000 does not stop reading: make the folder refuse itself
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = {p.name: reason for p, reason in find_inputs([tmp_path, tmp_path / "a.txt", tmp_path / "pipe.txt"])}
    assert found["a.txt"] == "" and list(found).count("a.txt") == 1  # named twice, read once
    assert "FIFO" in found["pipe.txt"] and found["gone.txt"] == "broken link"
    assert "Permission denied" in found["locked"]


def test_a_kg_output_folder_is_never_read(tmp_path):
    out = tmp_path / "old-output"
    out.mkdir()
    (out / "report.json").write_text(json.dumps({"generator": "kg", "files": [], "counts": {}}), encoding="utf-8")
    (out / "entities.csv").write_text("id,name\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    found = {p.name: reason for p, reason in find_inputs([tmp_path])}
    assert found["a.txt"] == "" and "kg outputs" in found["old-output"] and "entities.csv" not in found


def test_sample_pages_read_as_before():
    for page in sorted(ingest.SAMPLES.glob("*.txt")):
        articles, report = read(page)
        assert report.status == "read" and articles and not report.warnings


def test_a_file_name_that_is_no_utf8_is_read_and_shown_escaped(tmp_path, recognizer):
    import csv as csv_module

    from kg.cli import main

    folder = tmp_path / "gbk"
    folder.mkdir()
    name = os.fsdecode(b"\xb0\xa1.txt")  # 啊.txt in GBK, unpacked from a zip on Linux
    (folder / name).write_text("本报讯 市委书记邓群策在衡阳市调研。", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "-q"]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [Path(f["path"]).name for f in report["files"]] == ["\\xb0\\xa1.txt"]
    with open(out / "articles.csv", encoding="utf-8-sig") as file:
        assert [row["id"] for row in csv_module.DictReader(file)] == ["\\xb0\\xa1#1"]


def test_a_cycle_of_links_is_skipped_with_its_reason(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(tmp_path / "y.txt", tmp_path / "x.txt")
    os.symlink(tmp_path / "x.txt", tmp_path / "y.txt")
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    found = {p.name: reason for p, reason in find_inputs([tmp_path, tmp_path / "x.txt"])}
    assert found["good.txt"] == ""
    assert {found[n] for n in ("x.txt", "y.txt", "loop")} == {"a link that leads back to itself (a cycle of links)"}


def _compress(path: Path, data: bytes) -> Path:
    import bz2
    import gzip
    import lzma

    import zstandard

    pack = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
            ".zst": zstandard.ZstdCompressor().compress}[path.suffix]
    path.write_bytes(pack(data))
    return path


def test_compressed_inputs_are_read_as_streams_of_what_their_inner_suffix_says(tmp_path):
    records = "\n".join(json.dumps({"id": f"r{n}", "text": GOOD}, ensure_ascii=False) for n in range(3)).encode()
    page = ("衡阳日报\n2023年5月4日 星期四\n\n本报讯 " + GOOD).encode("gb18030")
    html = f"<html><body><article><h1>会见</h1><p>{GOOD * 3}</p></article></body></html>".encode()
    read_back = {
        "a.jsonl.gz": _compress(tmp_path / "a.jsonl.gz", records),
        "b.txt.xz": _compress(tmp_path / "b.txt.xz", page),
        "c.csv.bz2": _compress(tmp_path / "c.csv.bz2", f"id,text\nc1,{GOOD}\n".encode()),
        "d.jsonl.zst": _compress(tmp_path / "d.jsonl.zst", records),
        "e.html.gz": _compress(tmp_path / "e.html.gz", html),
    }
    results = {name: read(path) for name, path in read_back.items()}
    assert [a.id for a in results["a.jsonl.gz"][0]] == ["r0", "r1", "r2"]
    assert [(a.id, a.date) for a in results["b.txt.xz"][0]] == [("b#1", "2023-05-04")]  # GB18030 inside
    assert [a.id for a in results["c.csv.bz2"][0]] == ["c1"]
    assert [a.id for a in results["d.jsonl.zst"][0]] == ["r0", "r1", "r2"]
    assert GOOD in results["e.html.gz"][0][0].text


def test_a_damaged_or_cut_archive_keeps_what_was_read_before_the_fault(tmp_path):
    records = "\n".join(json.dumps({"id": f"r{n}", "text": GOOD * 40}, ensure_ascii=False) for n in range(2000))
    whole = _compress(tmp_path / "whole.jsonl.xz", records.encode())
    cut = tmp_path / "cut.jsonl.xz"
    cut.write_bytes(whole.read_bytes()[:len(whole.read_bytes()) // 2])
    articles, report = read(cut)
    assert 0 < len(articles) < 2000 and report.status == "read"
    assert any("cut.jsonl.xz: cannot read on from line" in w for w in report.warnings)
    (tmp_path / "junk.txt.gz").write_bytes(b"\x1f\x8b" + os.urandom(200))
    (tmp_path / "junk.jsonl.zst").write_bytes(os.urandom(200))
    for junk in ("junk.txt.gz", "junk.jsonl.zst"):
        articles, report = read(tmp_path / junk)
        assert articles == [] and report.status == "skipped" and report.reason.startswith("cannot read")


def test_a_huge_web_page_is_cut_to_its_first_megabyte_with_a_warning(tmp_path):  # time: bench/hostile_ingest.py
    paragraph = f"<p>{GOOD}</p>\n"
    page = tmp_path / "huge.html"
    scripts = "<script>var a = 1;</script>" * 20_000  # what most of a heavy page is: left out first
    page.write_text(f"<html><body>{scripts}<article><h1>会见</h1>{paragraph * 40_000}</article></body></html>",
                    encoding="utf-8")
    articles, report = read(page)
    assert articles and GOOD in articles[0].text  # a page's worth of text, in parts
    assert any(w.startswith("huge.html: a web page of ") and "only its first 1,048,576 read" in w
               for w in report.warnings)
    small = tmp_path / "small.html"
    small.write_text(f"<html><body>{scripts}<article><h1>会见</h1>{paragraph * 100}</article></body></html>",
                     encoding="utf-8")
    articles, report = read(small)
    assert GOOD in articles[0].text and report.warnings == []  # only scripts left out: nothing to say


def test_a_jsonl_line_in_another_encoding_is_reported_and_the_rest_read(tmp_path):
    good = json.dumps({"id": "ok", "text": GOOD}, ensure_ascii=False)
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([good.encode()] * 2000 + [json.dumps({"id": "gbk", "text": GOOD}, ensure_ascii=False)
                                                         .encode("gb18030"), good.replace("ok", "after").encode()]))
    articles, report = read(path)
    assert [a.id for a in articles][-1] == "after" and "gbk" not in {a.id for a in articles}
    assert report.warnings[-1] == "mixed.jsonl:2001: holds bytes that are no text in the file's encoding"
