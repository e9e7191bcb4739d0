"""How the recognizer is trained and run: its hyper-parameters and precisions, importable without torch
(``kg --help`` lists them)."""

from __future__ import annotations

from dataclasses import dataclass

PRECISIONS = ("auto", "float32", "bfloat16")  #: of the model's LSTM at inference


@dataclass(frozen=True)
class Recipe:
    """Hyper-parameters of the shipped model; ``kg train-ner`` defaults to these."""

    epochs: int = 30
    batch_size: int = 96
    lr: float = 0.005
    char_dim: int = 128
    bigram_dim: int = 64
    bigram_min_count: int = 3
    rnn_hidden: int = 320  # per direction
    lexicon_dim: int = 0  # lexicon features (kg.lexicon) embedded in this many numbers; 0: none
    token_drop: float = 0.0  # share of characters and bigrams read as unknown in training
    drop: float = 0.33
    keep_epochs: bool = False  # also save each epoch's model as a folder beside the output's, OUTPUT-eN
    swap_names: float = 0.0  # share of people's names in training and dev sentences replaced by made-up ones
    dev_fraction: float = 0.05
    patience: int = 6
    seed: int = 1
    char_vectors: str = ""  # LAC's model folder: its character vectors start the character embedding
    bigram_vectors: str = ""  # a kg train-vectors file: bigram vectors start the bigram embedding
    word_vectors: str = ""  # LAC's model folder: its words' vectors join the lexicon (needs lexicon_dim)
    only_word_mix: bool = False  # train only the mix of the word vectors; the rest stays as --init-from gave it
    lexicon_names: str = ""  # files of people's names (comma-separated) that join the lexicon as persons
    max_bigrams: int = 200_000  # the most frequent pretrained bigrams that join the vocabulary
    freeze_bigrams: bool = False  # keep the pretrained bigram vectors as they are
