"""Training and evaluating kg's HanLP recognizer on MSRA-format corpora."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.hanlp_ext import CHECKPOINT, CharBigramEmbedding, Recognizer, tags_to_spans
from kg.normalize import halfwidth

LABELS = ("PER", "LOC", "ORG")


def read_msra(path: str | Path) -> list[dict]:
    """Sentences of an MSRA file (one ``char TAG`` a line, blank line between sentences).

    BMES tags become HanLP's IOBES (``M-`` is ``I-``) and characters are normalised the
    way :mod:`kg.ner` normalises input text.
    """
    sentences, tokens, tags = [], [], []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            fields = line.split()
            if not fields:
                if tokens:
                    sentences.append({"token": tokens, "tag": tags})
                tokens, tags = [], []
                continue
            if len(fields) != 2:
                raise ValueError(f"{path}:{number}: expected 'CHAR TAG', got {line.strip()!r}")
            char, tag = fields
            tokens.append(halfwidth(char))
            tags.append("I-" + tag[2:] if tag.startswith("M-") else tag)
    if tokens:
        sentences.append({"token": tokens, "tag": tags})
    return sentences


def split_dev(sentences: list[dict], fraction: float, seed: int = 1) -> tuple[list[dict], list[dict]]:
    """A reproducible train/dev split; the test file stays unseen until evaluation."""
    order = list(range(len(sentences)))
    random.Random(seed).shuffle(order)
    cut = int(len(order) * fraction)
    dev = {i for i in order[:cut]}
    return [s for i, s in enumerate(sentences) if i not in dev], [sentences[i] for i in sorted(dev)]


@dataclass(frozen=True)
class Recipe:
    """Hyper-parameters of the shipped model; ``kg train-ner`` defaults to these."""

    epochs: int = 30
    batch_size: int = 96
    lr: float = 0.005
    char_dim: int = 128
    bigram_dim: int = 64
    bigram_min_count: int = 3
    rnn_hidden: int = 320
    drop: float = 0.33
    dev_fraction: float = 0.05
    patience: int = 6
    seed: int = 1


def train(train_file: str | Path, save_dir: str | Path, recipe: Recipe = Recipe(), limit: int | None = None,
          devices=None, init_from: str | Path | None = None, resume: bool = False) -> Path:
    """Trains the recognizer on an MSRA-format file and saves it where ``hanlp.load`` reads it.

    ``init_from`` continues from a model this function saved: its vocabularies and weights.
    Every epoch leaves a checkpoint in ``save_dir``; ``resume`` goes on from the last one (same
    data and recipe; ``recipe.epochs`` may be raised to train longer).
    """
    sentences = read_msra(train_file)
    if limit:
        sentences = sentences[:limit]
    trn, dev = split_dev(sentences, recipe.dev_fraction, recipe.seed)
    recognizer = Recognizer()
    checkpoint = Path(save_dir) / CHECKPOINT
    if resume and not checkpoint.is_file():
        raise KgError(f"{save_dir}: no checkpoint to resume from (train into it first, without --resume)")
    if resume:
        recognizer.load_vocabs(str(save_dir))  # the vocabularies the checkpoint's weights index
    elif init_from:
        recognizer.load_vocabs(str(init_from))  # locked, so HanLP keeps them instead of rebuilding
    recognizer.fit(
        trn, dev, str(save_dir),
        batch_size=recipe.batch_size, epochs=recipe.epochs, lr=recipe.lr,
        embed=CharBigramEmbedding(char_dim=recipe.char_dim, bigram_dim=recipe.bigram_dim),
        bigram_min_count=recipe.bigram_min_count, rnn_hidden=recipe.rnn_hidden, drop=recipe.drop,
        patience=recipe.patience, crf=True, tagging_scheme="IOBES", token_delimiter="",
        seed=recipe.seed, devices=devices, init_from=str(init_from) if init_from and not resume else None,
        resume=resume,
    )
    shrink_weights(Path(save_dir))
    return Path(save_dir)


def shrink_weights(save_dir: Path) -> None:
    """Stores the weights as float16: half the size to ship, the same predictions in practice.

    HanLP's ``load_weights`` copies them into the float32 model it builds, so nothing else changes.
    """
    import torch

    path = save_dir / "model.pt"
    state = torch.load(path, map_location="cpu")
    torch.save({k: v.half() if v.is_floating_point() else v for k, v in state.items()}, path)


def evaluate(recognizer, test_file: str | Path) -> Score:
    """Scores a :class:`kg.ner.NamedEntityRecognizer` on an MSRA-format file."""
    sentences = read_msra(test_file)
    predicted = recognizer.recognize(["".join(s["token"]) for s in sentences])
    return score(gold_spans(sentences), [[(p.label, p.start, p.end) for p in spans] for spans in predicted])


@dataclass(frozen=True)
class Score:
    """Span-level precision, recall and F1 (exact boundaries and label)."""

    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int

    def __str__(self) -> str:
        return (f"precision {self.precision:.4f}  recall {self.recall:.4f}  F1 {self.f1:.4f}  "
                f"({self.gold} gold, {self.predicted} predicted entities)")


def score(gold: list[list[tuple]], predicted: list[list[tuple]]) -> Score:
    """Micro-averaged span scores over sentences of ``(label, start, end)`` spans."""
    n_gold = sum(map(len, gold))
    n_pred = sum(map(len, predicted))
    correct = sum(len(set(g) & set(p)) for g, p in zip(gold, predicted))
    precision = correct / n_pred if n_pred else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, n_gold, n_pred)


def gold_spans(sentences: list[dict]) -> list[list[tuple]]:
    return [tags_to_spans(s["tag"]) for s in sentences]
