"""HanLP extensions: the CRF fix, tolerant decoding, training end to end on a small slice."""

import pytest

from kg import training
from kg.hanlp_ext import PACKED_ROWS, Recognizer, load_state, pack_state, tags_to_spans, unpack_state
from kg.ner import NamedEntityRecognizer


def test_tags_to_spans_tolerates_ill_formed_sequences():
    assert tags_to_spans(["O", "I-ORG", "E-ORG", "B-PER", "O"]) == [("ORG", 1, 3), ("PER", 3, 4)]
    assert tags_to_spans(["B-PER", "E-LOC"]) == [("PER", 0, 1), ("LOC", 1, 2)]


def test_a_large_table_ships_in_eight_bits_and_comes_back_within_half_a_step():
    import torch

    table = torch.randn(PACKED_ROWS, 8, generator=torch.Generator().manual_seed(0)) * 3
    state = {"embed.bigram.weight": table, "out.bias": torch.randn(5), "steps": torch.tensor(7)}
    packed = pack_state(state)
    assert packed["embed.bigram.weight"].dtype == torch.uint8 and packed["out.bias"].dtype == torch.float16
    back = unpack_state(packed)
    assert set(back) == set(state) and back["steps"] == 7
    half_step = (table.amax(1, keepdim=True) - table.amin(1, keepdim=True)) / 255 / 2
    assert ((back["embed.bigram.weight"] - table).abs() <= half_step + 1e-5).all()
    assert torch.allclose(back["out.bias"], state["out.bias"], atol=1e-2)


def test_the_shipped_model_loads_its_packed_bigram_table_not_random_numbers(recognizer):
    from pathlib import Path

    shipped = load_state(Path(training.__file__).parent / "models" / "ner" / "model.pt")
    assert recognizer.component.model.embed.bigram.weight.dtype.is_floating_point
    assert (recognizer.component.model.embed.bigram.weight.cpu() == shipped["embed.bigram.weight"]).all()


class _UnfixedRecognizer(Recognizer):
    """What HanLP 2.1.5 builds without kg's fix: a CRF reading (batch, time) as (time, batch)."""

    def build_model(self, **kwargs):
        model = super().build_model(**kwargs)
        model.crf.batch_first = None
        return model


def _train_slice(cls, tmp_path, name):
    sentences = training.read_msra(training_file())[:2000]
    trn, dev = training.split_dev(sentences, 0.1)
    recognizer = cls()
    recognizer.fit(trn, dev, str(tmp_path / name), batch_size=32, epochs=3, lr=0.005,
                   embed=training.CharBigramEmbedding(char_dim=64, bigram_dim=32), rnn_hidden=128,
                   patience=2, crf=True, tagging_scheme="IOBES", token_delimiter="", devices=[], seed=1)
    loaded = NamedEntityRecognizer(tmp_path / name)  # through hanlp.load, as users load models
    predicted = loaded.recognize(["".join(s["token"]) for s in dev])
    return training.score(training.gold_spans(dev), [[(p.label, p.start, p.end) for p in ps] for ps in predicted]).f1


def training_file():
    from kg.cli import _msra_file

    return _msra_file("msra_train.txt")


@pytest.mark.slow
def test_crf_batch_first_fix_is_what_makes_training_learn(tmp_path):
    fixed = _train_slice(Recognizer, tmp_path, "fixed")
    unfixed = _train_slice(_UnfixedRecognizer, tmp_path, "unfixed")
    assert fixed > 0.15
    assert unfixed < fixed / 2


def test_token_drop_reads_characters_as_unknown_in_training_only():
    import torch

    from kg.hanlp_ext import BIGRAM_KEY, CharBigramModule

    module = CharBigramModule(10, 10, 4, 2, "token", token_drop=1.0, unknown=(1, 3))
    batch = {"token_id": torch.tensor([[5, 6, 0]]), f"{BIGRAM_KEY}_id": torch.tensor([[7, 8, 0]])}
    module.train()
    assert [x.tolist() for x in module.inputs(batch)] == [[[1, 1, 0]], [[3, 3, 0]]]  # padding stays padding
    module.eval()
    assert [x.tolist() for x in module.inputs(batch)] == [[[5, 6, 0]], [[7, 8, 0]]]
    half = CharBigramModule(10, 10, 4, 2, "token", token_drop=0.5).train()
    torch.manual_seed(0)
    chars = half.inputs({"token_id": torch.full((1, 1000), 5), f"{BIGRAM_KEY}_id": torch.full((1, 1000), 5)})[0]
    assert 400 < int(chars.eq(1).sum()) < 600
