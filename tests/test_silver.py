"""kg.silver: LAC's conventions mapped to MSRA's, the MSRA lines written, a run that resumes."""

import lzma

import pytest

from kg import lac, silver, training
from kg.errors import KgError
from kg.normalize import halfwidth


def _names(words):
    text = "".join(w for w, _ in words)
    return [(text[a:b], label) for a, b, label in silver.msra_spans(words)]


def test_a_person_keeps_no_title():
    words = [("赵主席", "PER"), ("和", "c"), ("钱女士", "PER"), ("见了", "v"), ("孙立新", "PER"), ("老师", "n")]
    assert _names(words) == [("赵", "PER"), ("钱", "PER"), ("孙立新", "PER")]
    assert _names([("主任", "PER"), ("走", "v")]) == []  # nothing left of it


def test_a_pair_of_countries_is_two_places():
    assert _names([("中俄", "LOC"), ("边境", "n"), ("中日韩", "ORG"), ("峰会", "n")]) == [
        ("中", "LOC"), ("俄", "LOC"), ("中", "LOC"), ("日", "LOC"), ("韩", "LOC")]
    assert _names([("中山", "LOC")]) == [("中山", "LOC")]  # 山 is no country


def test_a_government_is_its_place():
    words = [("法国政府", "ORG"), ("与", "p"), ("长沙市人民政府", "ORG"), ("和", "c"), ("市政府", "ORG")]
    assert _names(words) == [("法国", "LOC"), ("长沙市", "LOC")]
    assert _names([("英政府", "ORG")]) == [("英", "LOC")]


def test_a_place_runs_on_over_special_administrative_region():
    words = [("澳门", "LOC"), ("特别", "a"), ("行政区", "n"), ("成立", "v"), ("澳门", "LOC"), ("大学", "n")]
    assert _names(words) == [("澳门特别行政区", "LOC"), ("澳门", "LOC")]


def test_organizations_keep_places_inside_unmarked():
    assert _names([("南京大学", "ORG"), ("在", "p"), ("南京", "LOC")]) == [("南京大学", "ORG"), ("南京", "LOC")]


def test_msra_lines_read_back(tmp_path):
    text = "今年 三月，王小平到访西安交通大学。"
    spans = [(6, 9, "PER"), (11, 17, "ORG")]
    path = tmp_path / "silver.txt"
    path.write_text(silver.msra_lines(text, spans) * 2, encoding="utf-8")
    sentences = training.read_msra(path)
    assert len(sentences) == 2 and "".join(sentences[0]["token"]) == halfwidth(text.replace(" ", ""))
    assert training.gold_spans(sentences)[0] == [("PER", 5, 8), ("ORG", 10, 16)]  # the space left out
    assert silver.msra_lines("王 小平来了", [(0, 4, "PER")]) is None  # a name holding a space


def _news(tmp_path, lines):
    path = tmp_path / "news.txt.xz"
    with lzma.open(path, "wt", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    return path


def test_news_sentences_leave_out_datelines_and_fragments(tmp_path):
    path = _news(tmp_path, ["2024-05-06 10:11:12，正文：短句。刘一鸣昨天在杭州参加了一场比赛。", "2024-05-07，正文：好"])
    assert list(silver.news_sentences(path)) == ["刘一鸣昨天在杭州参加了一场比赛。"]


ARTICLES = ["2024-01-02 08:00:00，正文：周建华昨天来到苏州工业园区考察。他说，园区发展很快。本文仅供参考。",
            "2024-01-03 09:00:00，正文：中美两国代表在日内瓦举行会谈。会谈由王海涛主持。本文仅供参考。",
            "2024-01-04 10:00:00，正文：浙江大学今年招收了更多学生。校长吴明在会上讲话。本文仅供参考。"]


@pytest.mark.skipif(not lac.available(), reason=f"LAC's model is not at {lac.default_dir()} (set {lac.ENV_VAR})")
def test_a_stopped_run_goes_on_where_it_stopped(tmp_path):
    news = _news(tmp_path, ARTICLES)
    tagger, quiet = lac.LacTagger(), lambda line: None
    whole = tmp_path / "whole.txt"
    silver.make_silver(news, whole, limit=5, tagger=tagger, chunk=2, log=quiet)
    parts = tmp_path / "parts.txt"
    assert silver.make_silver(news, parts, limit=2, tagger=tagger, chunk=2, log=quiet)["written"] == 2
    with open(parts, "a", encoding="utf-8") as out:
        out.write("半 O\n句")  # what a run killed mid-chunk leaves
    counts = silver.make_silver(news, parts, limit=5, tagger=tagger, chunk=2, log=quiet)
    assert counts["written"] == 5 and parts.read_text(encoding="utf-8") == whole.read_text(encoding="utf-8")
    sentences = training.read_msra(parts)
    assert ["".join(s["token"]) for s in sentences].count("本文仅供参考。") == 1  # the boilerplate once
    names = training.gold_spans(sentences)
    assert ("LOC", 0, 1) in names[3] and ("LOC", 1, 2) in names[3]  # 中 and 美, as MSRA marks them


def test_an_unknown_output_is_not_appended_to(tmp_path):
    news = _news(tmp_path, ARTICLES)
    output = tmp_path / "mine.txt"
    output.write_text("我的文件\n", encoding="utf-8")
    with pytest.raises(KgError, match="mine.txt: exists without mine.txt.progress"):
        silver.make_silver(news, output, limit=1, tagger=object())
