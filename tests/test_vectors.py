"""Pretrained vectors: LAC's character vectors, bigram vectors and their use in training."""

from pathlib import Path

import numpy as np
import pytest
from test_paddle_format import _lod_tensor

from kg import lac, vectors
from kg.cli import main
from kg.hanlp_ext import bigrams

LAC = lac.default_dir()


def write_lac(folder: Path, tokens: list[str], matrix: np.ndarray) -> Path:
    (folder / "conf").mkdir(parents=True)
    (folder / "model").mkdir()
    (folder / "conf" / "word.dic").write_text("".join(f"{i}\t{t}\n" for i, t in enumerate(tokens)), encoding="utf-8")
    (folder / "model" / "word_emb").write_bytes(_lod_tensor(matrix, [], packed=True))
    return folder


def test_lac_vectors_keep_single_characters_in_halfwidth(tmp_path):
    matrix = np.arange(12, dtype=np.float32).reshape(4, 3)
    lac = write_lac(tmp_path / "lac", ["衡", "衡阳", "Ａ", "阳"], matrix)
    read = vectors.read_lac_vectors(lac)
    assert sorted(read) == ["A", "衡", "阳"]
    assert read["A"].tolist() == [6, 7, 8] and read["阳"].tolist() == [9, 10, 11]


@pytest.mark.skipif(not lac.available(), reason="LAC's model is not beside the repository (../shared/data/lac)")
def test_lac_character_vectors_place_like_characters_together():
    read = vectors.read_lac_vectors(LAC)
    assert len(read) > 8000 and len(read["中"]) == 128

    def cos(a, b):
        return float(read[a] @ read[b] / np.linalg.norm(read[a]) / np.linalg.norm(read[b]))

    assert cos("东", "西") > cos("东", "鸡") and cos("省", "县") > cos("省", "吃")


def test_news_sentences_are_cut_and_written_as_the_model_s_bigrams(tmp_path):
    news = tmp_path / "news.txt"
    news.write_text("市长 来了。他说：好！\n\n新华社１日电\n", encoding="utf-8")
    sentences = list(vectors.news_sentences([news]))
    assert sentences == ["市长来了。", "他说:好!", "新华社1日电"]
    corpus = tmp_path / "corpus.txt"
    assert vectors.write_bigram_corpus(sentences, corpus) == 3
    assert corpus.read_text(encoding="utf-8").splitlines()[2].split() == bigrams(list("新华社1日电"))


def test_bigram_vectors_are_trained_once_and_kept(tmp_path):
    news = tmp_path / "news.txt"
    news.write_text("衡阳市长来到衡阳县。\n" * 30 + "株洲市长来到株洲县。\n" * 30, encoding="utf-8")
    saved = vectors.train_bigram_vectors([news], tmp_path / "out", dim=8, min_count=5, epochs=2, workers=1)
    from gensim.models import KeyedVectors

    kept = KeyedVectors.load(str(saved))
    assert "衡阳" in kept and "。</s>" in kept and kept.vector_size == 8
    stamp = saved.stat().st_mtime_ns
    assert vectors.train_bigram_vectors([news], tmp_path / "out", dim=8) == saved
    assert saved.stat().st_mtime_ns == stamp  # resumed: nothing trained again


def test_pretrained_vectors_start_the_embeddings_and_widen_the_vocabularies(tmp_path):
    import torch
    from gensim.models import KeyedVectors

    from kg.hanlp_ext import BIGRAM_KEY

    news = tmp_path / "news.txt"
    news.write_text("鄱阳湖边的渔民说。\n" * 20, encoding="utf-8")
    kv_file = vectors.train_bigram_vectors([news], tmp_path / "vec", dim=16, min_count=5, epochs=1, workers=1)
    chars = ["中", "国", "鄱"]  # 鄱 is in no training sentence below
    lac = write_lac(tmp_path / "lac", chars, np.random.default_rng(0).normal(size=(3, 32)).astype(np.float32))
    train = tmp_path / "train.txt"
    train.write_text("中 B-LOC\n国 E-LOC\n张 B-PER\n三 E-PER\n好 O\n\n" * 4, encoding="utf-8")
    model = tmp_path / "model"
    assert main(["train-ner", "--train", str(train), "--epochs", "1", "--rnn-hidden", "8", "--char-dim", "32",
                 "--bigram-dim", "16", "--bigram-min-count", "1", "--dev-fraction", "0.5", "--device", "cpu",
                 "--char-vectors", str(lac), "--bigram-vectors", str(kv_file), "--freeze-bigrams",
                 "-o", str(model)]) == 0
    from kg.ner import load_component

    component = load_component(str(model))
    token_vocab, bigram_vocab = component.vocabs["token"], component.vocabs[BIGRAM_KEY]
    assert "鄱" in token_vocab.token_to_idx and "鄱阳" in bigram_vocab.token_to_idx
    # frozen: the stored bigram rows are the pretrained vectors, scaled by one factor
    table = component.model.embed.bigram.weight.detach().float()
    kept = KeyedVectors.load(str(kv_file))
    pairs = [(table[bigram_vocab.token_to_idx[b]], torch.tensor(kept[b])) for b in ("鄱阳", "阳湖", "渔民")]
    factors = [float(row.norm() / vec.norm()) for row, vec in pairs]
    assert max(factors) - min(factors) < 1e-2 * max(factors)  # float16 storage rounds a little
    cosines = [float(torch.nn.functional.cosine_similarity(row, vec, dim=0)) for row, vec in pairs]
    assert min(cosines) > 0.999


def test_vectors_of_the_wrong_size_are_refused_before_training(tmp_path, capsys):
    lac = write_lac(tmp_path / "lac", ["中"], np.ones((1, 5), dtype=np.float32))
    assert main(["train-ner", "--limit", "10", "--epochs", "1", "--device", "cpu", "-o", str(tmp_path / "m"),
                 "--char-vectors", str(lac)]) == 2
    assert "character vectors of 5 numbers, but --char-dim is 128" in capsys.readouterr().err


def test_lac_words_keep_words_of_two_characters_or_more_without_its_unknown(tmp_path):
    matrix = np.arange(15, dtype=np.float32).reshape(5, 3)
    lac = write_lac(tmp_path / "lac", ["衡", "衡阳", "ＡＢ", "衡阳", "OOV"], matrix)
    words, rows = vectors.read_lac_words(lac)
    assert words == ["衡阳", "AB"] and rows.tolist() == [[3, 4, 5], [6, 7, 8]]


def test_word_vectors_join_a_trained_model_that_then_tags_as_before_until_it_learns(tmp_path):
    import torch

    from kg.hanlp_ext import load_state
    from kg.ner import NamedEntityRecognizer

    train = tmp_path / "train.txt"
    train.write_text("张 B-PER\n三 E-PER\n去 O\n长 B-LOC\n沙 E-LOC\n。 O\n\n" * 8, encoding="utf-8")
    common = ["train-ner", "--train", str(train), "--epochs", "1", "--lr", "0.05", "--rnn-hidden", "8", "--char-dim", "16", "--bigram-dim", "8",
              "--bigram-min-count", "1", "--dev-fraction", "0.25", "--device", "cpu", "--lexicon-dim", "4"]
    first, joined, mixed = tmp_path / "first", tmp_path / "joined", tmp_path / "mixed"
    assert main([*common, "--epochs", "4", "-o", str(first)]) == 0
    table = np.random.default_rng(0).normal(size=(3, 6)).astype(np.float32)
    lac = write_lac(tmp_path / "lac", ["长沙", "张三", "去长沙"], table)
    # the words' mix starts at zero: with nothing learnt (lr 0) the tags are the first model's
    assert main([*common, "--init-from", str(first), "--word-vectors", str(lac), "--lr", "0", "-o", str(joined)]) == 0
    sentences = [list("张三去长沙。"), list("长沙张三")]
    tags = NamedEntityRecognizer(str(first), precision="float32")._predict(sentences)
    assert tags[0], "the first model should tag what it was taught, or the comparison shows little"
    assert NamedEntityRecognizer(str(joined), precision="float32")._predict(sentences) == tags
    weights = load_state(joined / "model.pt")
    assert torch.allclose(weights["embed.words.weight"][1:], torch.tensor(table), atol=1e-2)  # LAC's, frozen
    assert not weights["embed.word_mix.weight"].any()
    # --only-word-mix learns the mix and leaves every other weight as it was
    assert main([*common, "--init-from", str(joined), "--only-word-mix", "--lr", "0.05", "-o", str(mixed)]) == 0
    before, after = load_state(first / "model.pt"), load_state(mixed / "model.pt")
    assert after["embed.word_mix.weight"].any()
    assert all(torch.equal(before[key], after[key]) for key in before)


def test_word_vectors_need_a_lexicon(tmp_path, capsys):
    lac = write_lac(tmp_path / "lac", ["长沙"], np.ones((1, 4), dtype=np.float32))
    assert main(["train-ner", "--limit", "10", "--epochs", "1", "--device", "cpu", "-o", str(tmp_path / "m"),
                 "--word-vectors", str(lac)]) == 2
    assert "--word-vectors joins the lexicon: give --lexicon-dim" in capsys.readouterr().err
