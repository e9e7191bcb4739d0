"""Inference for kg's own recognizer that feeds HanLP's network directly.

HanLP's ``predict`` spends most of its time in per-sample Python (transforms, padding,
a Viterbi back-trace in lists). Here sentences are batched by length, turned into ids in
bulk, run under ``torch.inference_mode`` and decoded by a vectorised Viterbi. The network
and its weights are HanLP's own, so the accuracy is the model's.
"""

from __future__ import annotations

import torch

from kg.hanlp_ext import BIGRAM_KEY, bigrams, tags_to_spans


def predict_spans(component, sentences: list[list[str]], batch_chars: int) -> list[list[tuple[int, int, str]]]:
    """``(start, end, label)`` spans of each sentence (a list of characters)."""
    model = component.model
    device = next(model.parameters()).device
    vocabs = component.vocabs
    token_vocab, bigram_vocab = vocabs[component.config.token_key], vocabs.get(BIGRAM_KEY)
    tag_names = vocabs["tag"].idx_to_token
    results: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: -len(sentences[i]))
    with torch.inference_mode():
        for batch in _length_batches(order, sentences, batch_chars):
            chars = [sentences[i] for i in batch]
            inputs = {component.config.token_key + "_id": _ids(token_vocab, chars, device)}
            if bigram_vocab is not None:
                inputs[BIGRAM_KEY + "_id"] = _ids(bigram_vocab, [bigrams(c) for c in chars], device)
            x = inputs[component.config.token_key + "_id"]
            emissions, mask = model(x, batch=inputs)
            paths = viterbi(model.crf, emissions, mask) if model.crf is not None else emissions.argmax(-1)
            for i, path, n in zip(batch, paths.tolist(), mask.sum(1).tolist()):
                results[i] = [(b, e, label) for label, b, e in tags_to_spans([tag_names[t] for t in path[:n]])]
    return results


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
    width = len(rows[0])
    unk, pad = vocab.unk_idx, vocab.pad_idx
    lookup = vocab.token_to_idx
    ids = [[lookup.get(t, unk) for t in row] + [pad] * (width - len(row)) for row in rows]
    return torch.tensor(ids, dtype=torch.long, device=device)


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
