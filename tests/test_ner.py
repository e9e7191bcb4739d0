"""The shipped recognizer: loading, offsets, the fast path against HanLP's own predict."""

import pytest

from kg import training
from kg.cli import _msra_file
from kg.errors import KgError
from kg.fast_ner import FastTagger
from kg.ner import MAX_CHARS, NamedEntityRecognizer


def test_recognizes_people_and_places_with_offsets(recognizer):
    text = "中国水环境集团董事长侯锋在衡阳市考察。"
    spans = recognizer.recognize([text])[0]
    found = {(text[s.start:s.end], s.label) for s in spans}
    assert found == {("中国水环境集团", "ORG"), ("侯锋", "PER"), ("衡阳市", "LOC")}
    assert [s.start for s in spans] == [0, 10, 13]


def msra_sentences(count: int) -> list[list[str]]:
    return [s["token"] for s in training.read_msra(_msra_file("msra_test.txt"))[:count]]


def test_fast_path_matches_hanlp_predict(recognizer):
    # padded one-way LSTMs (the backward one on reversed sentences) against HanLP's packed
    # bidirectional LSTM: batches of mixed lengths, so the reversal and padding are exercised
    sentences = msra_sentences(300)
    component = recognizer.component
    ours = FastTagger(component, "float32").predict(sentences, batch_chars=2000)
    theirs = [[(b, e, label) for _, label, b, e in spans] for spans in component(sentences)]
    assert ours == theirs


def test_bfloat16_finds_what_float32_finds(recognizer):
    sentences = msra_sentences(1000)
    exact = FastTagger(recognizer.component, "float32").predict(sentences, batch_chars=2000)
    fast = FastTagger(recognizer.component, "bfloat16").predict(sentences, batch_chars=2000)
    exact_spans = {(i, span) for i, spans in enumerate(exact) for span in spans}
    fast_spans = {(i, span) for i, spans in enumerate(fast) for span in spans}
    assert len(exact_spans) > 900
    assert len(exact_spans ^ fast_spans) <= 0.01 * len(exact_spans)


def test_precision_is_checked():
    with pytest.raises(KgError, match="precision must be one of"):
        NamedEntityRecognizer(precision="int4")
    assert NamedEntityRecognizer(precision="float32").precision == "float32"
    assert NamedEntityRecognizer().precision in ("float32", "bfloat16")


def test_fullwidth_digits_are_not_names(recognizer):
    text = "１９９８年，张伟在北京工作。"
    found = {text[s.start:s.end] for s in recognizer.recognize([text])[0]}
    assert "张伟" in found and not any(ch.isdigit() for name in found for ch in name)


def test_long_text_is_cut_and_offsets_stay_right(recognizer):
    text = "市委书记邓群策在衡阳调研。" * 40  # 520 characters, cut into pieces for the model
    assert len(text) > 2 * MAX_CHARS
    spans = recognizer.recognize([text])[0]
    people = [s.start for s in spans if text[s.start:s.end] == "邓群策"]
    assert people == [4 + 13 * i for i in range(40)]


def test_unknown_model_folder_is_one_clear_error(tmp_path):
    with pytest.raises(KgError, match="not a HanLP model folder"):
        NamedEntityRecognizer(tmp_path).recognize(["邓群策"])


def test_the_shipped_model_loads_by_its_old_name_too_and_its_fast_path_matches_hanlp():
    fast = NamedEntityRecognizer("fast", precision="float32")
    text = "中国水环境集团董事长侯锋在衡阳市考察。"
    found = {(text[s.start:s.end], s.label) for s in fast.recognize([text])[0]}
    assert {("侯锋", "PER"), ("衡阳市", "LOC")} <= found and fast.model_ref == NamedEntityRecognizer().model_ref
    sentences = msra_sentences(300)  # lexicon features and pretrained bigrams through the fast path too
    ours = FastTagger(fast.component, "float32").predict(sentences, batch_chars=2000)
    theirs = [[(b, e, label) for _, label, b, e in spans] for spans in fast.component(sentences)]
    assert ours == theirs
