"""The lexicon features: matching, the categories of each public source, saving with the model."""

import pytest

from kg import lexicon as lx
from kg.errors import KgError


def bits(lexicon, text):
    return [lx.describe(b) for b in lexicon.features(text)]


def test_every_matching_word_marks_its_characters():
    lexicon = lx.Lexicon({"南岳": lx.PLACE | lx.WORD, "南岳区": lx.PLACE, "岳区": lx.WORD, "王": lx.PERSON})
    assert bits(lexicon, "王到南岳区") == [
        ["single person"],
        [],
        ["begin word", "begin place"],
        ["begin word", "middle place", "end word", "end place"],
        ["end word", "end place"],
    ]


def test_matching_goes_past_prefixes_that_are_not_words_and_stops_where_no_word_can_follow():
    lexicon = lx.Lexicon({"中华人民共和国": lx.PLACE})
    assert bits(lexicon, "中华人民共和国")[0] == ["begin place"]
    assert bits(lexicon, "中华人民共和")[0] == []  # a prefix only
    assert lexicon.features("中华民国") == [0, 0, 0, 0]


def test_the_ends_of_the_sentence_and_an_empty_one():
    lexicon = lx.Lexicon({"湘潭": lx.PLACE})
    assert bits(lexicon, "湘潭") == [["begin place"], ["end place"]]
    assert lexicon.features("") == []
    assert lexicon.features(["湘", "潭"]) == lexicon.features("湘潭")  # characters or a string


def test_save_and_load_give_the_same_lexicon_and_the_same_bytes(tmp_path):
    lexicon = lx.Lexicon({"衡阳": lx.PLACE | lx.WORD, "邓": lx.PERSON, "中国水环境集团": lx.ORGANIZATION})
    lexicon.save(tmp_path / "a.txt.gz")
    again = lx.Lexicon.load(tmp_path / "a.txt.gz")
    assert again.words == lexicon.words
    again.save(tmp_path / "b.txt.gz")
    assert (tmp_path / "a.txt.gz").read_bytes() == (tmp_path / "b.txt.gz").read_bytes()


def test_a_broken_lexicon_file_is_one_clear_error(tmp_path):
    path = tmp_path / "lexicon.txt.gz"
    path.write_bytes(b"not gzip")
    with pytest.raises(KgError, match="lexicon.txt.gz: not a readable lexicon"):
        lx.Lexicon.load(path)


@pytest.fixture(scope="module")
def public():
    return lx.build()


def test_the_public_sources_give_each_category(public):
    words = public.words
    assert len(words) > 300_000
    assert words["衡阳市"] & lx.PLACE and words["祁东县"] & lx.PLACE and words["祁东"] & lx.PLACE  # divisions
    assert words["乌兰巴托"] & lx.PLACE and words["蒙古国"] & lx.PLACE  # the world list
    assert words["招商银行"] & lx.ORGANIZATION  # jieba's nt
    assert words["王"] == lx.PERSON  # a surname; single characters are never plain words
    assert words["研究"] == lx.WORD


def test_an_unknown_source_is_named():
    with pytest.raises(KgError, match="unknown lexicon source 'wikipedia'"):
        lx.build(["wikipedia"])
