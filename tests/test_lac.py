"""kg.lac: LAC's outputs as its own documentation gives them, its files as Paddle wrote them."""

import pytest

from kg import lac
from kg.errors import KgError
from kg.paddle_format import program_ops, read_tensor

needs_lac = pytest.mark.skipif(not lac.available(), reason=f"LAC's model is not at {lac.default_dir()} "
                               f"(set {lac.ENV_VAR}; see ../shared/data/README.md)")


@needs_lac
def test_read_tensor_of_lacs_own_files():
    model = lac.default_dir() / "model"
    assert read_tensor(model / "word_emb").shape == (58224, 128)
    assert read_tensor(model / "crfw").shape == (51, 49)  # start and end rows, then 49 × 49
    assert read_tensor(model / "gru_0.b_0").shape == (1, 384)


@needs_lac
def test_program_check_finds_lacs_gru_settings():
    grus = [op for op in program_ops(lac.default_dir() / "model" / "__model__") if op["type"] == "gru"]
    assert [op["attrs"]["is_reverse"] for op in grus] == [0, 1, 0, 1]
    assert {op["attrs"]["origin_mode"] for op in grus} == {0}


@pytest.fixture(scope="module")
def tagger():
    return lac.LacTagger()


@needs_lac
def test_documented_words_and_tags(tagger):
    # LAC 2.1.2's README (PKG-INFO of the PyPI sdist), "词性标注与实体识别": its batch example, verbatim
    assert tagger.analyze(["LAC是个优秀的分词工具", "百度是一家高科技公司"]) == [
        [("LAC", "nz"), ("是", "v"), ("个", "q"), ("优秀", "a"), ("的", "u"), ("分词", "n"), ("工具", "n")],
        [("百度", "ORG"), ("是", "v"), ("一家", "m"), ("高科技", "n"), ("公司", "n")],
    ]


@needs_lac
def test_documented_times_with_offsets(tagger):
    # The README's customization section gives the plain output of this sentence:
    # 春天/TIME 的/u 花开/v 秋天/TIME 的/u 风/n 以及/c 冬天/TIME 的/u 落阳/n. The words and every tag but
    # the last agree; for 落阳 this model says vn (the emissions prefer a verb reading of 落 by far).
    text = "春天的花开秋天的风以及冬天的落阳"
    words = tagger.analyze([text])[0]
    assert [w for w, _ in words] == ["春天", "的", "花开", "秋天", "的", "风", "以及", "冬天", "的", "落阳"]
    assert [t for _, t in words][:-1] == ["TIME", "u", "v", "TIME", "u", "n", "c", "TIME", "u"]
    spans = tagger.entities([text])[0]
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 2, "TIME"), (5, 7, "TIME"), (11, 13, "TIME")]


@needs_lac
def test_recognize_keeps_msra_types_and_offsets(tagger):
    text = "去年十月，王小明从成都来到深圳市腾讯公司工作。"
    spans = tagger.recognize([text, ""])
    assert spans[1] == []
    found = [(text[s.start:s.end], s.label) for s in spans[0]]
    assert ("王小明", "PER") in found and ("成都", "LOC") in found
    assert all(label in lac.MSRA_LABELS for _, label in found)  # 去年十月 is TIME: not one of them
    assert tagger.entities([text])[0][0].label == "TIME"


@needs_lac
def test_a_dictionary_word_goes_in_as_one_id(tagger):
    segmenter, vocabulary, _ = tagger._load()
    pieces = segmenter.cut("百度是一家高科技公司")
    ids, lengths = vocabulary.encode(pieces)
    assert pieces[0] == "百度" and lengths[0] == 2 and ids[0] == vocabulary.ids["百度"]
    assert len(ids) < len("百度是一家高科技公司")
    # a full-width letter is looked up as the half-width one (q2b.dic maps once: A itself goes to a)
    assert vocabulary.encode(["Ａ"]) == ([vocabulary.ids["A"]], [1])
    assert vocabulary.encode(["A"]) == ([vocabulary.ids["a"]], [1])


@needs_lac
def test_batches_give_what_single_sentences_give(tagger):
    texts = ["北京是中国的首都。", "李华", "国务院总理在上海考察了复旦大学和华东师范大学的科研工作。", "好"]
    assert tagger.analyze(texts) == [tagger.analyze([t])[0] for t in texts]


def test_missing_folder_says_where_to_point(tmp_path):
    with pytest.raises(KgError, match=f"not LAC's model folder.*{lac.ENV_VAR}"):
        lac.LacTagger(tmp_path).analyze(["你好"])


@needs_lac
def test_eval_ner_scores_lac(tmp_path, capsys):
    from kg.cli import main

    sentence = [("王", "B-PER"), ("小", "M-PER"), ("明", "E-PER"), ("在", "O"), ("成", "B-LOC"), ("都", "E-LOC"),
                ("工", "O"), ("作", "O"), ("。", "O")]
    test_file = tmp_path / "test.txt"
    test_file.write_text("".join(f"{c} {t}\n" for c, t in sentence) + "\n", encoding="utf-8")
    assert main(["eval-ner", str(test_file), "--model", "lac"]) == 0
    assert "F1 1.0000  (2 gold, 2 predicted entities)" in capsys.readouterr().out


@needs_lac
def test_a_missing_parameter_is_named(tmp_path):
    import shutil

    shutil.copytree(lac.default_dir(), tmp_path / "lac")
    (tmp_path / "lac" / "model" / "fc_4.b_0").unlink()
    with pytest.raises(KgError, match="LAC's parameters fc_4.b_0 are missing"):
        lac.LacTagger(tmp_path / "lac").analyze(["你好"])
