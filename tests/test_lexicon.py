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


def slots(lexicon, text, at):
    """The begin, middle and end slots of character ``at`` (vector ids, 0 for none)."""
    row = lexicon.features(text)[at * lexicon.stride:(at + 1) * lexicon.stride]
    return [row[1 + k * lx.WORD_SLOTS:1 + (k + 1) * lx.WORD_SLOTS] for k in range(lx.VECTOR_SETS)]


def test_vector_words_fill_each_character_s_begin_middle_and_end_slots():
    words = {"长沙": lx.PLACE, "岳麓": lx.PLACE}
    # 麓山 has no category: it is matched for its vector and marks no bit
    lexicon = lx.Lexicon(words, vectors=["长沙", "岳麓", "岳麓山", "麓山", "岳麓山下"])
    plain = lx.Lexicon(words)
    text = "长沙岳麓山下"
    assert lexicon.features(text)[::lexicon.stride] == plain.features(text)  # the bits are the same
    assert lexicon.stride == 1 + lx.VECTOR_SETS * lx.WORD_SLOTS and plain.stride == 1
    assert slots(lexicon, text, 2) == [[5, 3, 2, 0], [0] * 4, [0] * 4]  # 岳 begins three, the longest first
    assert slots(lexicon, text, 3) == [[4, 0, 0, 0], [5, 3, 0, 0], [2, 0, 0, 0]]  # 麓
    assert slots(lexicon, text, 5) == [[0] * 4, [0] * 4, [5, 0, 0, 0]]  # 下 ends 岳麓山下
    assert slots(lexicon, text, 0) == [[1, 0, 0, 0], [0] * 4, [0] * 4]


def test_a_character_inside_many_vector_words_keeps_the_longest():
    lexicon = lx.Lexicon({}, vectors=["甲乙", "甲乙丙", "甲乙丙丁", "甲乙丙丁戊", "甲乙丙丁戊己", "乙丙"])
    assert slots(lexicon, "甲乙丙丁戊己", 0)[0] == [5, 4, 3, 2]  # five begin at 甲: 甲乙 (1) is left out


def test_vector_words_are_saved_with_their_ids(tmp_path):
    lexicon = lx.Lexicon({"衡阳": lx.PLACE, "邓": lx.PERSON}, vectors=["中国", "衡阳", "湖南省"])
    lexicon.save(tmp_path / "a.txt.gz")
    again = lx.Lexicon.load(tmp_path / "a.txt.gz")
    assert again.words == lexicon.words and again.vector_words == ["中国", "衡阳", "湖南省"]
    assert again.features("湖南省衡阳") == lexicon.features("湖南省衡阳")
