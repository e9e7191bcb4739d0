"""Pretrained vectors for the recognizer: LAC's character vectors and character-bigram vectors from news.

Both initialise the embeddings :mod:`kg.training` trains (Zhang & Yang 2018: pretrained bigram
vectors are worth about three points of F1 to a character BiLSTM-CRF). LAC's vectors are read
straight from its parameter files (:func:`read_lac_vectors`); the bigram vectors are trained with
gensim's word2vec on unlabelled news cut into sentences, each sentence written as its bigrams in
exactly the form :func:`kg.hanlp_ext.bigrams` gives the model, so a bigram the training sets never
show still has a vector when it turns up in a test.
"""

from __future__ import annotations

import logging
import lzma
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from kg.errors import KgError
from kg.hanlp_ext import bigrams
from kg.normalize import clean_text, halfwidth
from kg.paddle_format import read_tensor as read_paddle_tensor  # one reader of Paddle's files, kept under this name

log = logging.getLogger(__name__)

BIGRAM_CORPUS = "bigram_corpus.txt"
BIGRAM_VECTORS = "bigrams.kv"
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n")
_SPACES = re.compile(r"\s+")
_LAC_UNKNOWN = "OOV"  # LAC's last row: its unknown word


def read_lac_vectors(lac_dir: str | Path) -> dict[str, np.ndarray]:
    """LAC's vectors of single characters (half-width, as the recognizer reads text), by character.

    ``lac_dir`` is LAC's model folder (``conf/word.dic`` and ``model/word_emb``). Its vocabulary
    mixes characters and words in one space; only the characters are kept.
    """
    vectors: dict[str, np.ndarray] = {}
    for token, vector in _lac_table(lac_dir):
        if len(token) == 1 and token not in vectors:
            vectors[token] = vector
    return vectors


def read_lac_words(lac_dir: str | Path) -> tuple[list[str], np.ndarray]:
    """LAC's words of two characters or more (half-width), most frequent first, and their vectors as rows.

    They are in one space with LAC's character vectors, which start the character embedding.
    """
    words, rows, seen = [], [], set()
    for token, vector in _lac_table(lac_dir):
        if len(token) > 1 and token not in seen and token != _LAC_UNKNOWN:
            seen.add(token)
            words.append(token)
            rows.append(vector)
    return words, np.stack(rows)


def _lac_table(lac_dir: str | Path) -> Iterator[tuple[str, np.ndarray]]:
    lac_dir = Path(lac_dir)
    words, table = lac_dir / "conf" / "word.dic", lac_dir / "model" / "word_emb"
    for path in (words, table):
        if not path.is_file():
            raise KgError(f"{path}: missing; give LAC's model folder (its conf/ and model/)")
    matrix = read_paddle_tensor(table)
    for line in words.read_text(encoding="utf-8").splitlines():
        index, _, token = line.partition("\t")
        if int(index) < len(matrix):
            yield halfwidth(token), matrix[int(index)]


def news_sentences(paths: Iterable[str | Path]) -> Iterator[str]:
    """Sentences of one-text-a-line files (plain or ``.xz``), spaces out, as the recognizer sees them."""
    for path in paths:
        opener = lzma.open if str(path).endswith(".xz") else open
        with opener(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                for sentence in _SENTENCE_END.split(halfwidth(clean_text(line))):
                    sentence = _SPACES.sub("", sentence)
                    if len(sentence) > 1:
                        yield sentence


def write_bigram_corpus(sentences: Iterable[str], path: str | Path) -> int:
    """Each sentence as one line of its bigrams (``kg.hanlp_ext.bigrams``), space-separated; returns lines.

    Written to a temporary name and renamed, so a file at ``path`` is always whole.
    """
    path = Path(path)
    partial = path.with_suffix(".partial")
    count = 0
    with open(partial, "w", encoding="utf-8") as out:
        for sentence in sentences:
            out.write(" ".join(bigrams(list(sentence))) + "\n")
            count += 1
    partial.replace(path)
    return count


def train_bigram_vectors(texts: list[str | Path], out_dir: str | Path, dim: int = 64, min_count: int = 5,
                         epochs: int = 5, workers: int = 2) -> Path:
    """Trains word2vec (CBOW) bigram vectors on ``texts``; returns the saved ``KeyedVectors`` file.

    Resumable by step: a bigram corpus or a vector file already in ``out_dir`` is kept.
    """
    try:
        from gensim.models import Word2Vec
    except ImportError as error:
        raise KgError("bigram vectors are trained with gensim: pip install 'kg[train]'") from error
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus, target = out_dir / BIGRAM_CORPUS, out_dir / BIGRAM_VECTORS
    if target.is_file():
        log.info("%s exists: kept", target)
        return target
    if not corpus.is_file():
        start = time.perf_counter()
        lines = write_bigram_corpus(news_sentences(texts), corpus)
        log.info("bigram corpus: %d sentences in %.0f s", lines, time.perf_counter() - start)
    start = time.perf_counter()
    model = Word2Vec(corpus_file=str(corpus), vector_size=dim, window=5, min_count=min_count, sg=0,
                     epochs=epochs, workers=workers, seed=1)
    model.wv.save(str(target))
    log.info("%d bigram vectors of %d in %.0f s", len(model.wv), dim, time.perf_counter() - start)
    return target
