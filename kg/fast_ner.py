"""Inference for kg's own recognizer that feeds HanLP's network directly.

HanLP's ``predict`` spends most of its time in per-sample Python (transforms, padding,
a Viterbi back-trace in lists). Here sentences are batched by length, turned into ids in
bulk, run under ``torch.inference_mode`` and decoded by a vectorised Viterbi.

HanLP's model runs its bidirectional LSTM on a packed batch. On the CPU, PyTorch runs a packed
batch whose lengths differ through its slow per-step kernel (~45k characters/s for our model on
2 cores), while padded batches go to oneDNN (~130k). So the two directions run here as two
one-way LSTMs on padded batches, the backward one on each sentence reversed within its own
length: padding then only ever follows the characters, and the outputs are those of the
packed bidirectional LSTM. The weights are HanLP's own, so the accuracy is the model's.

On CPUs that compute bfloat16 natively (AVX512-BF16, AMX) the LSTM, 90% of the work, runs in
bfloat16 by default: 1.3 to 1.5x faster again, with the same MSRA F1 (0.8802 against 0.8801 in
float32; bench/ner_speed.py prints both). ``precision="float32"`` gives HanLP's numerics exactly.
"""

from __future__ import annotations

import torch
from torch import nn

from kg.hanlp_ext import BIGRAM_KEY, LEXICON_KEY, bigrams, tags_to_spans


class FastTagger:
    """Batched, padded inference for a :class:`kg.hanlp_ext.Recognizer` (HanLP RNNTaggingModel).

    ``precision`` is that of the LSTM (``float32`` or ``bfloat16``); the rest runs in float32.
    """

    def __init__(self, component, precision: str = "float32") -> None:
        self.model = model = component.model
        self.device = next(model.parameters()).device
        self.dtype = {"float32": torch.float32, "bfloat16": torch.bfloat16}[precision]
        self.forward_lstm = _one_direction(model.word_lstm, "", self.dtype)
        self.backward_lstm = _one_direction(model.word_lstm, "_reverse", self.dtype)
        vocabs = component.vocabs
        self.token_key = component.config.token_key
        self.token_vocab, self.bigram_vocab = vocabs[self.token_key], vocabs.get(BIGRAM_KEY)
        self.lexicon = getattr(component, "lexicon", None)
        self.tag_names = vocabs["tag"].idx_to_token

    def predict(self, sentences: list[list[str]], batch_chars: int) -> list[list[tuple[int, int, str]]]:
        """``(start, end, label)`` spans of each sentence (a list of characters)."""
        results: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: -len(sentences[i]))
        crf, tag_names = self.model.crf, self.tag_names
        with torch.inference_mode():
            for batch in _length_batches(order, sentences, batch_chars):
                emissions, mask = self.emissions([sentences[i] for i in batch])
                paths = viterbi(crf, emissions, mask) if crf is not None else emissions.argmax(-1)
                for i, path, n in zip(batch, paths.tolist(), mask.sum(1).tolist()):
                    results[i] = [(b, e, label) for label, b, e in tags_to_spans([tag_names[t] for t in path[:n]])]
        return results

    def emissions(self, chars: list[list[str]]) -> tuple[torch.Tensor, torch.Tensor]:
        """Tag scores ``(batch, time, tags)`` and the mask of real characters, as HanLP's forward gives them."""
        model = self.model
        x = _ids(self.token_vocab, chars, self.device)
        mask = x.gt(0)
        if isinstance(model.embed, nn.Embedding):
            embedded = model.embed(x)
        else:
            inputs = {self.token_key + "_id": x}
            if self.bigram_vocab is not None:
                inputs[BIGRAM_KEY + "_id"] = _ids(self.bigram_vocab, [bigrams(c) for c in chars], self.device)
            if self.lexicon is not None:
                inputs[LEXICON_KEY] = _padded([self.lexicon.features(c) for c in chars], self.device)
            embedded = model.embed(inputs, mask=mask)
        if model.embed_to_rnn is not None:
            embedded = model.embed_to_rnn(embedded)
        embedded = embedded.to(self.dtype)
        reverse = _reverse_index(mask.sum(1), x.shape[1]).unsqueeze(-1)
        ahead, _ = self.forward_lstm(embedded)
        behind, _ = self.backward_lstm(embedded.gather(1, reverse.expand_as(embedded)))
        behind = behind.gather(1, reverse.expand_as(behind))
        return model.out(torch.cat([ahead, behind], dim=-1).float()), mask


def _one_direction(lstm: nn.LSTM, suffix: str, dtype: torch.dtype) -> nn.LSTM:
    """A one-way LSTM holding one direction (``""`` or ``"_reverse"``) of a one-layer bidirectional LSTM."""
    if lstm.num_layers != 1 or not lstm.bidirectional or not lstm.batch_first:
        raise ValueError(f"expected a one-layer, bidirectional, batch-first LSTM, got {lstm}")
    one = nn.LSTM(lstm.input_size, lstm.hidden_size, batch_first=True, bias=lstm.bias)
    names = ["weight_ih", "weight_hh"] + (["bias_ih", "bias_hh"] if lstm.bias else [])
    one.load_state_dict({f"{name}_l0": getattr(lstm, f"{name}_l0{suffix}").detach() for name in names})
    return one.to(device=lstm.weight_ih_l0.device, dtype=dtype).eval()


def _reverse_index(lengths: torch.Tensor, width: int) -> torch.Tensor:
    """Per row, positions that reverse the first ``length`` steps and keep the padding in place.

    The index is its own inverse.

    >>> _reverse_index(torch.tensor([3, 1]), 4).tolist()
    [[2, 1, 0, 3], [0, 1, 2, 3]]
    """
    steps = torch.arange(width, device=lengths.device).expand(len(lengths), width)
    last = (lengths - 1).unsqueeze(1)
    return torch.where(steps <= last, last - steps, steps)


def _length_batches(order: list[int], sentences: list[list[str]], batch_chars: int):
    """Consecutive runs of ``order`` (longest first) whose padded size stays under ``batch_chars``."""
    batch: list[int] = []
    for i in order:
        width = len(sentences[batch[0]]) if batch else len(sentences[i])
        if batch and width * (len(batch) + 1) > batch_chars:
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


def _ids(vocab, rows: list[list[str]], device) -> torch.Tensor:
    unk, lookup = vocab.unk_idx, vocab.token_to_idx
    return _padded([[lookup.get(t, unk) for t in row] for row in rows], device, vocab.pad_idx)


def _padded(rows: list[list[int]], device, pad: int = 0) -> torch.Tensor:
    """Rows (longest first) padded to the first one's length."""
    width = len(rows[0])
    return torch.tensor([row + [pad] * (width - len(row)) for row in rows], dtype=torch.long, device=device)


def viterbi(crf, emissions: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Best tag path of each sequence, ``(batch, time)``; positions past a sequence's end repeat its last tag.

    The same recursion as HanLP's ``CRF.decode``, with the back-trace done on tensors.
    """
    batch_size, length, n_tags = emissions.shape
    score = crf.start_transitions + emissions[:, 0]
    keep = torch.arange(n_tags, device=emissions.device).expand(batch_size, n_tags)
    history = []
    for t in range(1, length):
        best, previous = (score.unsqueeze(2) + crf.transitions + emissions[:, t].unsqueeze(1)).max(dim=1)
        valid = mask[:, t].unsqueeze(1)
        score = torch.where(valid, best, score)
        history.append(torch.where(valid, previous, keep))  # padding keeps the tag it has
    score = score + crf.end_transitions
    tag = score.argmax(dim=1)
    path = [tag]
    for previous in reversed(history):
        tag = previous.gather(1, tag.unsqueeze(1)).squeeze(1)
        path.append(tag)
    path.reverse()
    return torch.stack(path, dim=1)
