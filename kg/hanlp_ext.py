"""HanLP extensions kg trains and loads: char+bigram(+lexicon) embeddings and a fixed RNN recognizer.

The classes are named by import path in the saved ``config.json``, so ``hanlp.load`` of
the shipped model needs this module importable and nothing else. A model with lexicon
features keeps its lexicon beside its vocabularies (``lexicon.txt.gz``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from hanlp.common.vocab import Vocab
from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer
from hanlp.layers.embeddings.embedding import Embedding
from hanlp.utils.time_util import CountdownTimer
from hanlp_common.util import merge_dict
from torch import nn
from torch.optim.lr_scheduler import ReduceLROnPlateau

from kg import lexicon as lexicons
from kg.errors import KgError

BIGRAM_KEY = "token_bigram"
LEXICON_KEY = "token_lexicon_id"  # ends in _id, so HanLP's loader pads it (with 0: no lexicon word) into a tensor
CHECKPOINT = ".checkpoint.pt"  # in the model folder; hidden, so it is neither shipped nor part of the cache key
END = "</s>"
PACKED_ROWS = 50_000  # a table with this many rows or more is shipped in 8 bits a number (the bigrams)
_LOW, _STEP = ".uint8_low", ".uint8_step"  # the keys of a packed table's row minima and steps: its own key + these


def pack_state(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Weights as shipped: float16, and each table of :data:`PACKED_ROWS` rows or more in 8 bits a
    number, each row spread over 256 steps from its own minimum to its maximum (both kept in
    float32): a quarter of float32's size, MSRA test F1 unchanged (0.9080 for the shipped model).
    :func:`unpack_state` turns them back."""
    packed = {}
    for key, value in state.items():
        if not value.is_floating_point():
            packed[key] = value
        elif value.dim() == 2 and value.shape[0] >= PACKED_ROWS:
            low = value.float().amin(dim=1, keepdim=True)
            step = ((value.float().amax(dim=1, keepdim=True) - low) / 255).clamp_min(1e-6)
            packed[key] = ((value.float() - low) / step).round().clamp(0, 255).to(torch.uint8)
            packed[key + _LOW], packed[key + _STEP] = low, step
        else:
            packed[key] = value.half()
    return packed


def unpack_state(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The float32 weights of a state :func:`pack_state` made (any other state as float32 too)."""
    weights = {}
    for key, value in state.items():
        if key.endswith((_LOW, _STEP)):
            continue
        if key + _STEP in state:
            weights[key] = value.float() * state[key + _STEP] + state[key + _LOW]
        else:
            weights[key] = value.float() if value.is_floating_point() else value
    return weights


def load_state(path: str | Path) -> dict[str, torch.Tensor]:
    """A saved model's weights (``model.pt``), unpacked."""
    return unpack_state(torch.load(path, map_location="cpu", weights_only=True))


def bigrams(chars: list[str]) -> list[str]:
    """Each character joined with the next one (the last one with an end marker).

    >>> bigrams(["衡", "阳", "市"])
    ['衡阳', '阳市', '市</s>']
    """
    return [a + b for a, b in zip(chars, [*chars[1:], END])]


class _AddBigrams:
    """HanLP transform: adds the bigram field a :class:`CharBigramEmbedding` reads."""

    def __init__(self, src: str) -> None:
        self.src = src

    def __call__(self, sample: dict) -> dict:
        sample[BIGRAM_KEY] = bigrams(sample[self.src])
        return sample

    def __eq__(self, other: object) -> bool:
        # HanLP asks for the transform twice and adds it only when it is not there yet.
        return isinstance(other, _AddBigrams) and other.src == self.src

    def __hash__(self) -> int:
        return hash(self.src)


class _AddLexicon(_AddBigrams):
    """HanLP transform: adds the bigrams and each character's lexicon feature bits."""

    def __init__(self, src: str, lexicon: lexicons.Lexicon) -> None:
        super().__init__(src)
        self.lexicon = lexicon

    def __call__(self, sample: dict) -> dict:
        sample[LEXICON_KEY] = self.lexicon.features(sample[self.src])
        return super().__call__(sample)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _AddLexicon) and other.src == self.src and other.lexicon is self.lexicon

    def __hash__(self) -> int:
        return hash(self.src)


class CharBigramModule(nn.Module):
    """Concatenates each character's embedding with its left and right bigram embeddings.

    ``token_drop``: in training, that share of characters and of bigrams is read as unknown, so
    the network learns to tag names whose characters and bigrams it has not seen (most names in
    new text) from their context and, where there are some, the lexicon features.
    """

    def __init__(self, n_chars: int, n_bigrams: int, char_dim: int, bigram_dim: int, field: str,
                 token_drop: float = 0.0, unknown: tuple[int, int] = (1, 1)):
        super().__init__()
        self.char = nn.Embedding(n_chars, char_dim)
        self.bigram = nn.Embedding(n_bigrams, bigram_dim)
        self.field = field
        self.embedding_dim = char_dim + 2 * bigram_dim
        self.token_drop, self.unknown = token_drop, unknown

    def forward(self, batch: dict, mask: torch.Tensor | None = None, **kwargs) -> torch.Tensor:
        return self.embed(*self.inputs(batch))

    def inputs(self, batch: dict) -> list[torch.Tensor]:
        ids = [batch[f"{self.field}_id"], batch[f"{BIGRAM_KEY}_id"]]
        if self.training and self.token_drop:
            ids = [torch.where((torch.rand(x.shape, device=x.device) < self.token_drop) & x.gt(0), unknown, x)
                   for x, unknown in zip(ids, self.unknown)]
        return ids

    def embed(self, char_ids: torch.Tensor, bigram_ids: torch.Tensor) -> torch.Tensor:
        right = self.bigram(bigram_ids)
        # The left bigram of character i is the right bigram of character i - 1.
        left = torch.cat([torch.zeros_like(right[:, :1]), right[:, :-1]], dim=1)
        return torch.cat([self.char(char_ids), left, right], dim=-1)


class CharBigramEmbedding(Embedding):
    """HanLP embedding builder for :class:`CharBigramModule`.

    The bigram vocabulary is built before training (frequent bigrams only, so the shipped
    weights stay small) and handed in through ``vocabs``; unknown bigrams map to ``<unk>``.
    """

    def __init__(self, field: str = "token", char_dim: int = 100, bigram_dim: int = 50, token_drop: float = 0.0) -> None:
        super().__init__()
        self.field = field
        self.char_dim = char_dim
        self.bigram_dim = bigram_dim
        self.token_drop = token_drop

    def transform(self, **kwargs) -> Callable:
        return _AddBigrams(self.field)

    def module(self, vocabs, **kwargs) -> nn.Module:
        return CharBigramModule(len(vocabs[self.field]), len(vocabs[BIGRAM_KEY]), self.char_dim, self.bigram_dim,
                                self.field, self.token_drop, _unknown(vocabs, self.field))


class CharBigramLexiconModule(CharBigramModule):
    """:class:`CharBigramModule` plus an embedding of each character's 16 lexicon feature bits.

    With ``n_words`` (a lexicon with vector words), also the mean vector of the words that begin
    at the character, of those through it and of those ending at it (SoftLexicon, Ma et al. 2020),
    from a frozen table of pretrained word vectors, mixed in by a linear layer that starts at zero:
    a model continued from one without them starts out giving the same tags.
    """

    def __init__(self, n_chars: int, n_bigrams: int, char_dim: int, bigram_dim: int, lexicon_dim: int, field: str,
                 token_drop: float = 0.0, unknown: tuple[int, int] = (1, 1), n_words: int = 0, word_dim: int = 0):
        super().__init__(n_chars, n_bigrams, char_dim, bigram_dim, field, token_drop, unknown)
        self.lexicon = nn.Linear(lexicons.N_FEATURES, lexicon_dim)
        self.register_buffer("shifts", torch.arange(lexicons.N_FEATURES), persistent=False)
        self.embedding_dim += lexicon_dim
        self.words = self.word_mix = None
        if n_words and word_dim:
            self.words = nn.Embedding(n_words + 1, word_dim, padding_idx=0)
            self.words.weight.requires_grad_(False)
            self.word_mix = nn.Linear(lexicons.VECTOR_SETS * word_dim, lexicon_dim)
            nn.init.zeros_(self.word_mix.weight)
            nn.init.zeros_(self.word_mix.bias)

    def inputs(self, batch: dict) -> list[torch.Tensor]:
        return [*super().inputs(batch), batch[LEXICON_KEY]]

    def embed(self, char_ids: torch.Tensor, bigram_ids: torch.Tensor, lexicon: torch.Tensor) -> torch.Tensor:
        embedded = super().embed(char_ids, bigram_ids)
        if self.words is None:
            bits, word_ids = lexicon, None
        else:  # each character's bits, then its begin, middle and end slots (kg.lexicon.Lexicon.features)
            lexicon = lexicon.view(*char_ids.shape, 1 + lexicons.VECTOR_SETS * lexicons.WORD_SLOTS)
            bits, word_ids = lexicon[..., 0], lexicon[..., 1:].reshape(*char_ids.shape, lexicons.VECTOR_SETS, -1)
        bits = (bits.unsqueeze(-1) >> self.shifts) & 1
        mixed = self.lexicon(bits.to(embedded.dtype))
        if word_ids is not None:
            counts = word_ids.gt(0).sum(-1, keepdim=True).clamp(min=1).to(embedded.dtype)
            means = self.words(word_ids).to(embedded.dtype).sum(-2) / counts
            mixed = mixed + self.word_mix(means.flatten(-2))
        return torch.cat([embedded, mixed], dim=-1)


class CharBigramLexiconEmbedding(CharBigramEmbedding):
    """HanLP embedding builder for :class:`CharBigramLexiconModule`.

    The lexicon is the recognizer's (:attr:`Recognizer.lexicon`), saved and loaded with its
    vocabularies; the recognizer hands it in before the embedding is used. ``word_dim``: the size
    of its vector words' vectors (0: the lexicon's bits only).
    """

    def __init__(self, field: str = "token", char_dim: int = 100, bigram_dim: int = 50, lexicon_dim: int = 32,
                 token_drop: float = 0.0, word_dim: int = 0):
        super().__init__(field, char_dim, bigram_dim, token_drop)
        self.lexicon_dim = lexicon_dim
        self.word_dim = word_dim
        self._lexicon: lexicons.Lexicon | None = None  # private: not part of the saved config

    def transform(self, **kwargs) -> Callable:
        if self._lexicon is None:
            raise KgError("this model has lexicon features but no lexicon was given or found beside it")
        return _AddLexicon(self.field, self._lexicon)

    def module(self, vocabs, **kwargs) -> nn.Module:
        n_words = len(self._lexicon.vector_words) if self._lexicon is not None and self.word_dim else 0
        if self.word_dim and not n_words:
            raise KgError("this model reads word vectors but its lexicon has none")
        return CharBigramLexiconModule(len(vocabs[self.field]), len(vocabs[BIGRAM_KEY]), self.char_dim,
                                       self.bigram_dim, self.lexicon_dim, self.field, self.token_drop,
                                       _unknown(vocabs, self.field), n_words, self.word_dim)


def _unknown(vocabs, field: str) -> tuple[int, int]:
    return vocabs[field].unk_idx, vocabs[BIGRAM_KEY].unk_idx


@dataclass
class Pretrained:
    """Vectors a new model's embeddings start from (:mod:`kg.vectors`); not part of the saved model.

    ``chars``: vector by character (LAC's); their characters join the vocabulary, so a character
    the training sets never show keeps its pretrained meaning. ``words``: the rows of the lexicon's
    vector words (:meth:`kg.lexicon.Lexicon.with_vectors`), in their order; frozen. ``bigrams``: a gensim
    ``KeyedVectors`` of bigrams, of which the ``max_bigrams`` most frequent join the vocabulary for
    the same reason. ``freeze_bigrams`` keeps the bigram table as pretrained: trained ones would
    drift from the unseen ones they are meant to resemble.
    """

    chars: dict | None = None
    bigrams: object | None = None
    words: np.ndarray | None = None
    max_bigrams: int = 200_000
    freeze_bigrams: bool = False

    def extend_vocabs(self, vocabs, field: str) -> None:
        for vocab, tokens in ((vocabs[field], self.chars or ()),
                              (vocabs.get(BIGRAM_KEY), self.bigrams.index_to_key[:self.max_bigrams]
                               if self.bigrams is not None else ())):
            if vocab is None or not tokens:
                continue
            vocab.unlock()
            for token in tokens:
                vocab.add(token)
            vocab.lock()

    def initialise(self, embed: nn.Module, vocabs, field: str) -> None:
        """Copies the vectors into ``embed``'s tables, scaled to their initial spread."""
        tables = [(embed.char, vocabs[field], self.chars)]
        if self.bigrams is not None:
            tables.append((embed.bigram, vocabs[BIGRAM_KEY], self.bigrams))
        for table, vocab, vectors in tables:
            if not vectors:
                continue
            rows = [(i, vectors[t]) for t, i in vocab.token_to_idx.items() if t in vectors]
            if not rows:
                continue
            index = torch.tensor([i for i, _ in rows])
            values = torch.tensor(np.stack([v for _, v in rows]), dtype=table.weight.dtype)
            with torch.no_grad():
                table.weight[index] = values * (table.weight.std() / values.std())
        if self.bigrams is not None and self.freeze_bigrams:
            embed.bigram.weight.requires_grad_(False)
        if self.words is not None:
            with torch.no_grad():
                embed.words.weight[1:] = torch.tensor(self.words, dtype=embed.words.weight.dtype)


_RUN_ONLY = ("resume", "keep_epochs", "only_word_mix")


class Recognizer(RNNNamedEntityRecognizer):
    """HanLP's RNN recognizer with the two defects of HanLP 2.1.5 that break it worked around.

    ``lexicon`` is the lexicon of a model with lexicon features: saved and loaded beside the
    vocabularies (set it before ``fit``). ``pretrained``: vectors a new model starts from.
    """

    lexicon: lexicons.Lexicon | None = None
    pretrained: Pretrained | None = None

    def _convert_embed(self):
        embed = super()._convert_embed()
        if isinstance(embed, CharBigramLexiconEmbedding):
            embed._lexicon = self.lexicon
        return embed

    def save_config(self, save_dir, filename="config.json"):
        # how this run went (resumed, what it trained, what it kept), not part of the model
        run = {key: self.config.pop(key) for key in _RUN_ONLY if key in self.config}
        try:
            super().save_config(save_dir, filename)
        finally:
            self.config.update(run)

    def save_weights(self, save_dir, filename="model.pt", trainable_only=False, **kwargs):
        # HanLP saves only trainable weights by default: a frozen pretrained table would be lost
        # and come back as random numbers when the model is loaded.
        super().save_weights(save_dir, filename, trainable_only=False, **kwargs)

    def load_weights(self, save_dir, filename="model.pt", **kwargs):
        # HanLP's own loader would leave a packed table (pack_state) as random numbers.
        self.model_.load_state_dict(load_state(Path(save_dir) / filename), strict=False)

    def save_vocabs(self, save_dir, filename="vocabs.json"):
        super().save_vocabs(save_dir, filename)
        if self.lexicon is not None:
            self.lexicon.save(Path(save_dir) / lexicons.FILE)

    def load_vocabs(self, save_dir, filename="vocabs.json"):
        super().load_vocabs(save_dir, filename)
        path = Path(save_dir) / lexicons.FILE
        self.lexicon = lexicons.Lexicon.load(path) if path.is_file() else None

    def build_model(self, **kwargs) -> nn.Module:
        model = super().build_model(**kwargs)
        if model.crf is not None:
            # HanLP 2.1.5 builds the CRF as CRF(n_out, crf_constraints): the second argument is
            # batch_first, so it is None and the CRF reads (batch, time) tensors as (time, batch).
            # Training then learns nothing (F1 ~0). tests/test_hanlp_ext.py fails without this.
            model.crf.batch_first = True
        init_from = self.config.get("init_from")
        if init_from and kwargs.get("training"):
            # Continue from a saved model (HanLP's own finetune rebuilds the network and drops them);
            # only word vectors it did not have may be new.
            loaded = model.load_state_dict(load_state(Path(init_from) / "model.pt"), strict=False)
            misfits = [key for key in loaded.missing_keys if not key.startswith(("embed.words.", "embed.word_mix."))]
            if misfits or loaded.unexpected_keys:
                raise KgError(f"{init_from}: its weights do not fit this network "
                              f"({', '.join(misfits + loaded.unexpected_keys)})")
        if self.pretrained is not None and kwargs.get("training"):
            self.pretrained.initialise(model.embed, self.vocabs, self.config.token_key)
        if self.config.get("only_word_mix"):
            if getattr(model.embed, "word_mix", None) is None:
                raise KgError("--only-word-mix trains the word vectors' mix, and this model has no word vectors")
            for name, parameter in model.named_parameters():
                parameter.requires_grad_(name.startswith("embed.word_mix."))
        return model

    def build_vocabs(self, dataset, logger) -> None:
        super().build_vocabs(dataset, logger)  # token and tag vocabularies
        if isinstance(self.config.get("embed"), (dict, CharBigramEmbedding)):
            sentences = (sample[self.config.token_key] for sample in dataset)
            self.vocabs[BIGRAM_KEY] = make_bigram_vocab(sentences, self.config.get("bigram_min_count", 2))
        if self.pretrained is not None:
            self.pretrained.extend_vocabs(self.vocabs, self.config.token_key)

    def execute_training_loop(self, trn, dev, epochs, criterion, optimizer, metric, save_dir, logger, patience,
                              **kwargs):
        # HanLP's RNNTagger loop (scheduler, patience, best weights kept), plus a checkpoint after every
        # epoch (weights, optimizer, scheduler, epoch, best so far), so that a run stopped anywhere, by a
        # session's end or a lost GPU, goes on from its last epoch: ``fit(..., resume=True)``.
        criterion = self.build_criterion()
        scheduler = self.build_scheduler(**merge_dict(self.config, optimizer=optimizer, overwrite=True))
        patience = patience or epochs
        checkpoint = Path(save_dir) / CHECKPOINT
        best_epoch, best_score, start = 0, -1.0, 1
        if self.config.get("resume") and checkpoint.is_file():
            state = torch.load(checkpoint, map_location="cpu", weights_only=False)
            self.model.load_state_dict(state["model"])
            optimizer.load_state_dict(state["optimizer"])
            if scheduler and state.get("scheduler"):
                scheduler.load_state_dict(state["scheduler"])
            best_epoch, best_score, start = state["best_epoch"], state["best_score"], state["epoch"] + 1
            logger.info(f"resuming after epoch {state['epoch']}: best dev F1 {best_score:.4f} at epoch {best_epoch}")
        epoch = start - 1
        for epoch in range(start, epochs + 1):
            if best_epoch and epoch - 1 - best_epoch >= patience:
                break  # the run being resumed had already stopped early
            logger.info(f"Epoch {epoch} / {epochs}:")
            self.fit_dataloader(trn, criterion, optimizer, metric, logger)
            _, dev_metric = self.evaluate_dataloader(dev, criterion, logger)
            score = float(dev_metric.score)
            if scheduler:
                scheduler.step(score) if isinstance(scheduler, ReduceLROnPlateau) else scheduler.step(epoch)
            if score > best_score:
                self.save_weights(save_dir)
                best_epoch, best_score = epoch, score
            torch.save({"epoch": epoch, "best_epoch": best_epoch, "best_score": best_score,
                        "model": self.model.state_dict(), "optimizer": optimizer.state_dict(),
                        "scheduler": scheduler.state_dict() if scheduler else None}, checkpoint)
            if self.config.get("keep_epochs"):
                self.save_model_folder(Path(save_dir).with_name(f"{Path(save_dir).name}-e{epoch}"))
            logger.info(f"dev F1 {score:.4f}, best {best_score:.4f} at epoch {best_epoch}, "
                        f"lr {optimizer.param_groups[0]['lr']:.5f}; checkpoint saved")
            if epoch - best_epoch >= patience:
                break
        if best_epoch and best_epoch != epoch:
            self.load_weights(save_dir)
        logger.info(f"best dev F1 {best_score:.4f} at epoch {best_epoch}")
        return best_score

    def save_model_folder(self, folder: Path) -> None:
        """The model as it is now, as a folder ``hanlp.load`` reads (weights packed as shipped)."""
        folder.mkdir(parents=True, exist_ok=True)
        self.save_config(folder)
        self.save_vocabs(folder)
        torch.save(pack_state(self.model.state_dict()), folder / "model.pt")

    def fit_dataloader(self, trn, criterion, optimizer, metric, logger, ratio_width=None, **kwargs):
        # HanLP's loop also Viterbi-decodes every training batch to report a running F1, which
        # costs as much as the update itself; the dev set is scored after each epoch anyway.
        self.model.train()
        timer = CountdownTimer(len(trn))
        total = 0.0
        for index, batch in enumerate(trn, 1):
            optimizer.zero_grad()
            out, mask = self.feed_batch(batch)
            loss = self.compute_loss(criterion, out, batch["tag_id"], mask)
            loss.backward()
            nn.utils.clip_grad_norm_(self.model.parameters(), 5.0)
            optimizer.step()
            total += loss.item()
            timer.log(f"loss: {total / index:.4f}", ratio_percentage=False, logger=logger, ratio_width=ratio_width)

    def predict_data(self, data, batch_size, **kwargs):
        # HanLP's own decoder raises InvalidTagSequence on e.g. O I-ORG; decode tolerantly.
        outputs = super(RNNNamedEntityRecognizer, self).predict_data(data, batch_size)
        return [
            [("".join(tokens[b:e]), label, b, e) for label, b, e in tags_to_spans(tags)]
            for tokens, tags in zip(data, outputs)
        ]


def make_bigram_vocab(sentences: Iterable[list[str]], min_count: int) -> Vocab:
    """A locked vocabulary of the bigrams seen at least ``min_count`` times."""
    counts: dict[str, int] = {}
    for chars in sentences:
        for bigram in bigrams(chars):
            counts[bigram] = counts.get(bigram, 0) + 1
    vocab = Vocab()
    for bigram, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if count >= min_count:
            vocab.add(bigram)
    vocab.lock()
    return vocab


def tags_to_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    """Entity spans ``(label, start, end)`` from IOBES tags, tolerating ill-formed sequences.

    An ``I-`` or ``E-`` that does not continue an open entity of its label starts a new one,
    so no prediction is dropped or raises.

    >>> tags_to_spans(["B-PER", "E-PER", "O", "I-ORG", "E-ORG", "S-LOC"])
    [('PER', 0, 2), ('ORG', 3, 5), ('LOC', 5, 6)]
    """
    spans: list[tuple[str, int, int]] = []
    label, start = None, 0
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = label is not None and kind == label and prefix in ("I", "E", "M")
        if label is not None and not continues:
            spans.append((label, start, i))
            label = None
        if prefix in ("B", "S") or (prefix in ("I", "E", "M") and not continues):
            label, start = kind, i
        if prefix in ("E", "S") and label is not None:
            spans.append((label, start, i + 1))
            label = None
    return spans
