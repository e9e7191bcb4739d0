"""Baidu LAC 2.1's tagger (words, parts of speech, PER/LOC/ORG/TIME) read and run without Paddle.

LAC (Apache-2.0) is a two-layer bidirectional GRU with a CRF, over a mix of word and character
ids. Its model folder holds Paddle LoDTensor files, one a parameter, and a program
(``model/__model__``) that this module only reads to check the GRU settings it assumes (both are
read by :mod:`kg.paddle_format`). The numerics are numpy: sentences of about one length are
batched, both directions of a layer run in one step, and the Viterbi decode is vectorised over
the batch.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from kg.errors import KgError
from kg.paddle_format import program_ops, read_tensor
from kg.records import Span, Spans

ENV_VAR = "KG_LAC_DIR"  #: where LAC's folder is, when not ../shared/data/lac beside the repository
NAME_LABELS = ("PER", "LOC", "ORG", "TIME")  #: LAC's named-entity tags
MSRA_LABELS = ("PER", "LOC", "ORG")  #: those MSRA annotates
BATCH_IDS = 6000  # ids per batch: large enough that numpy's per-step overhead is shared, small to stay in cache
PARAMETERS = frozenset({"word_emb", "crfw", *(f"fc_{k}.{part}_0" for k in range(5) for part in "wb"),
                        *(f"gru_{k}.{part}_0" for k in range(4) for part in "wb")})  #: the files of LAC's model/


def default_dir() -> Path:
    """LAC's folder: ``$KG_LAC_DIR``, else ``../shared/data/lac`` beside the repository."""
    return Path(os.environ.get(ENV_VAR) or Path(__file__).resolve().parents[2] / "shared" / "data" / "lac")


def available(folder: str | Path | None = None) -> bool:
    """Whether LAC's model is there (it is not part of kg: see ../shared/data/README.md)."""
    folder = Path(folder) if folder else default_dir()
    return (folder / "conf" / "word.dic").is_file() and (folder / "model" / "__model__").is_file()


# --- LAC's input: a word-character hybrid -----------------------------------------------------------


def _load_pairs(path: Path) -> list[tuple[str, str]]:
    """Tab-separated pairs the way LAC's ``load_kv_dict`` reads them: other lines are skipped."""
    try:
        with open(path, encoding="utf-8") as lines:
            return [tuple(terms) for terms in (line.strip("\n").split("\t") for line in lines) if len(terms) == 2]
    except (OSError, UnicodeDecodeError) as error:
        raise KgError(f"{path}: cannot read LAC's dictionary ({error})") from error


_ALNUM = re.compile("[a-zA-Z0-9]")


class Segmenter:
    """LAC's ``fast_cut``: the most probable cut over ``small_seg.dic``, runs of letters and digits glued.

    A word's weight is its length, not its count (LAC's trie stores lengths); the counts only
    make the total. Ties go to the longer first piece, as LAC's ``max`` over (score, end) does.
    """

    def __init__(self, path: Path) -> None:
        self.trie: dict[str, int | None] = {}
        total = 0
        try:
            with open(path, encoding="utf-8") as lines:
                for line in lines:
                    word, count = line.strip().split(" ")
                    self.trie[word] = len(word)
                    for end in range(1, len(word)):
                        self.trie.setdefault(word[:end], None)
                    total += int(count)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise KgError(f"{path}: not LAC's segmentation dictionary ('word count' lines) ({error})") from error
        self.log_total = math.log(total)

    def cut(self, text: str) -> list[str]:
        """
        >>> Segmenter(default_dir() / "conf" / "small_seg.dic").cut("LAC是个优秀的分词工具")
        ['LAC', '是', '个', '优秀', '的', '分词', '工具']
        """
        trie, n = self.trie, len(text)
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for start in range(n - 1, -1, -1):
            best = (route[start + 1][0] - self.log_total, start)  # the character alone: log(1) = 0
            end = start + 1
            while end <= n and (word := text[start:end]) in trie:
                if trie[word] and end - 1 > start:
                    best = max(best, (math.log(trie[word]) - self.log_total + route[end][0], end - 1))
                end += 1
            route[start] = best
        pieces, glued, at = [], "", 0
        while at < n:
            end = route[at][1] + 1
            piece = text[at:end]
            if end - at == 1 and _ALNUM.match(piece):
                glued += piece
            else:
                pieces += [glued, piece] if glued else [piece]
                glued = ""
            at = end
        return pieces + [glued] if glued else pieces


class Vocabulary:
    """LAC's ids: a piece found whole in ``word.dic`` is one id, the rest one id per character.

    Full-width characters are looked up by their half-width form (``q2b.dic``); unknown ones are
    ``OOV``. Tags come from ``tag.dic``, whose later rows rename ids (16 is ``PER-B``, not ``nr-B``).
    """

    def __init__(self, conf: Path) -> None:
        self.ids = {word: int(number) for number, word in _load_pairs(conf / "word.dic")}
        self.half = dict(_load_pairs(conf / "q2b.dic"))
        self.tags: dict[int, str] = {int(number): tag for number, tag in _load_pairs(conf / "tag.dic")}
        if "OOV" not in self.ids:
            raise KgError(f"{conf / 'word.dic'}: no OOV row; not LAC's vocabulary")
        self.oov = self.ids["OOV"]

    def encode(self, pieces: list[str]) -> tuple[list[int], list[int]]:
        """Ids of a cut text and how many characters each id stands for."""
        ids, lengths, get, half, oov = [], [], self.ids.get, self.half, self.oov
        for piece in pieces:
            if piece in self.ids:
                ids.append(get(half.get(piece, piece), oov))
                lengths.append(len(piece))
            else:
                ids += [get(half.get(char, char), oov) for char in piece]
                lengths += [1] * len(piece)
        return ids, lengths


# --- the network ------------------------------------------------------------------------------------


def _sigmoid(x: np.ndarray) -> np.ndarray:
    # Paddle's CPU sigmoid clips its input to [-40, 13] (SIGMOID_THRESHOLD_MIN/MAX); so do we.
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40.0, 13.0)))


class Network:
    """The BiGRU-CRF of LAC's ``nets.py``: embedding, two bidirectional GRU layers, a projection, a CRF.

    Each GRU layer reads its own input projection (``fc_k``, 3 × 128 wide: update, reset,
    candidate). Paddle's GRU (``origin_mode`` false): u, r = σ(x + h·W_ur), c = tanh(x_c + (r∘h)·W_c),
    h' = (1 − u)∘h + u∘c, where W [128, 384] is stored as a contiguous [128, 256] W_ur followed by
    a [128, 128] W_c, not as column blocks.
    """

    def __init__(self, model: Path) -> None:
        self._check_program(model / "__model__")
        p = {path.name: read_tensor(path) for path in model.iterdir() if path.name != "__model__"}
        missing = sorted(PARAMETERS - p.keys())
        if missing:
            raise KgError(f"{model}: LAC's parameters {', '.join(missing)} are missing")
        self.embedding = p["word_emb"]
        hidden = self.embedding.shape[1]
        self.layers = []
        for forward, backward in ((0, 1), (2, 3)):  # fc_k feeds gru_k; the odd ones run backwards
            ks = (forward, backward)
            w = [p[f"gru_{k}.w_0"].reshape(-1) for k in ks]
            self.layers.append({
                "fc": np.stack([p[f"fc_{k}.w_0"] for k in ks]),
                # the fc bias and the GRU's own are both added to the input projection
                "bias": np.stack([p[f"fc_{k}.b_0"] + p[f"gru_{k}.b_0"].reshape(-1) for k in ks])[:, None, :],
                "w_ur": np.stack([x[:2 * hidden * hidden].reshape(hidden, 2 * hidden) for x in w]),
                "w_c": np.stack([x[2 * hidden * hidden:].reshape(hidden, hidden) for x in w]),
            })
        self.out_w, self.out_b = p["fc_4.w_0"], p["fc_4.b_0"]
        crf = p["crfw"]  # row 0: start scores, row 1: end scores, then from-tag × to-tag
        self.start, self.end, self.transitions = crf[0], crf[1], crf[2:]

    @staticmethod
    def _check_program(path: Path) -> None:
        """The GRU settings this code implements are the program's (it would mis-tag silently otherwise)."""
        try:
            grus = [op for op in program_ops(path) if op["type"] == "gru"]
        except (OSError, ValueError) as error:
            raise KgError(f"{path}: not a Paddle program ({error})") from error
        found = [(op["inputs"]["Weight"][0], op["attrs"].get("is_reverse"), op["attrs"].get("origin_mode"),
                  op["attrs"].get("activation"), op["attrs"].get("gate_activation")) for op in grus]
        expected = [(f"gru_{k}.w_0", k % 2, 0, b"tanh", b"sigmoid") for k in range(4)]
        if found != expected:
            raise KgError(f"{path}: not LAC 2.1's network (its GRU layers are {found})")

    def tag_ids(self, batch: list[list[int]]) -> list[list[int]]:
        """The best tag id of each id, for sentences of ids (one batch)."""
        lengths = np.array([len(ids) for ids in batch])
        width = int(lengths.max())
        ids = np.full((len(batch), width), self.embedding.shape[0] - 1)
        for row, sentence in enumerate(batch):
            ids[row, :len(sentence)] = sentence
        hidden = self.embedding[ids]
        for layer in self.layers:
            hidden = self._bigru(layer, hidden, lengths)
        emissions = hidden @ self.out_w + self.out_b
        path = self._viterbi(emissions, lengths)
        return [path[row, :n].tolist() for row, n in enumerate(lengths)]

    @staticmethod
    def _bigru(layer: dict, inputs: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Both directions of one layer in one loop over time: [B, T, D] in, [B, T, 2H] out."""
        n, width, _ = inputs.shape
        size = layer["w_c"].shape[-1]
        steps, rows = np.arange(width), np.arange(n)[:, None]
        # the backward GRU reads each sentence reversed within its own length, so padding trails both
        back = np.where(steps < lengths[:, None], lengths[:, None] - 1 - steps, steps)
        both = np.stack([inputs, inputs[rows, back]]).reshape(2, n * width, -1)
        gates = (np.matmul(both, layer["fc"]) + layer["bias"]).reshape(2, n, width, 3 * size)
        gates = np.ascontiguousarray(gates.transpose(2, 0, 1, 3))  # time first: one slice a step
        h = np.zeros((2, n, size), np.float32)
        out = np.empty((width, 2, n, size), np.float32)
        for t in range(width):
            g = gates[t]
            ur = _sigmoid(g[..., :2 * size] + np.matmul(h, layer["w_ur"]))
            u, r = ur[..., :size], ur[..., size:]
            c = np.tanh(g[..., 2 * size:] + np.matmul(r * h, layer["w_c"]))
            h = h - u * h + u * c  # Paddle's order of operations for (1 - u)∘h + u∘c
            out[t] = h
        out = out.transpose(1, 2, 0, 3)
        return np.concatenate([out[0], out[1][rows, back]], axis=-1)

    def _viterbi(self, emissions: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Paddle's ``crf_decoding`` for a batch; past a sentence's end the path stands still."""
        n, width, tags = emissions.shape
        alpha = self.start + emissions[:, 0]
        pointers = np.empty((width, n, tags), np.int64)
        pointers[0] = np.arange(tags)
        into = np.ascontiguousarray(self.transitions.T)  # [to, from]: the max runs along memory
        for t in range(1, width):
            scores = alpha[:, None, :] + into  # [B, to, from]
            best = scores.argmax(axis=2)  # the first of equal scores, as Paddle's strict > keeps
            step = scores.max(axis=2) + emissions[:, t]
            going = (t < lengths)[:, None]
            alpha = np.where(going, step, alpha)
            pointers[t] = np.where(going, best, np.arange(tags))
        path = np.empty((n, width), np.int64)
        path[:, -1] = (alpha + self.end).argmax(axis=1)
        for t in range(width - 1, 0, -1):
            path[:, t - 1] = np.take_along_axis(pointers[t], path[:, t:t + 1], axis=1)[:, 0]
        return path


# --- the tagger -------------------------------------------------------------------------------------


class LacTagger:
    """LAC's lexical analysis, loaded once on first use; the same words and tags as ``LAC(mode='lac')``.

    Parameters
    ----------
    folder:
        LAC's model folder (``conf/`` and ``model/``, as in the ``lac`` package's ``lac_model``);
        default :func:`default_dir`.
    """

    precision = "float32"  # for what reports a recognizer's precision: numpy runs float32

    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = Path(folder) if folder else default_dir()
        self.model_ref = str(self.folder)
        self._parts: tuple[Segmenter, Vocabulary, Network] | None = None

    @property
    def identity(self) -> str:
        """What a cache of this tagger's results is keyed by."""
        return f"lac-2.1:{self.folder.resolve()}"

    def _load(self) -> tuple[Segmenter, Vocabulary, Network]:
        if self._parts is None:
            conf, model = self.folder / "conf", self.folder / "model"
            if not available(self.folder):
                raise KgError(f"{self.folder}: not LAC's model folder (conf/word.dic and model/__model__); "
                              f"set {ENV_VAR} to where it is (see ../shared/data/README.md)")
            self._parts = Segmenter(conf / "small_seg.dic"), Vocabulary(conf), Network(model)
        return self._parts

    def analyze(self, texts: list[str]) -> list[list[tuple[str, str]]]:
        """Words and their tags (parts of speech, or PER/LOC/ORG/TIME) of each text.

        >>> LacTagger().analyze(["百度是一家高科技公司"])
        [[('百度', 'ORG'), ('是', 'v'), ('一家', 'm'), ('高科技', 'n'), ('公司', 'n')]]
        """
        from threadpoolctl import threadpool_limits

        segmenter, vocabulary, network = self._load()
        encoded = [vocabulary.encode(segmenter.cut(text)) for text in texts]
        tag_ids: list[list[int]] = [[] for _ in texts]
        # One BLAS thread: the matrices are small, and OpenBLAS's threads spin while they wait (on
        # MSRA test with other jobs running, 7 times the wall time and CPU time of one thread).
        with threadpool_limits(1, user_api="blas"):
            for batch in _batches([len(ids) for ids, _ in encoded]):
                for index, tags in zip(batch, network.tag_ids([encoded[i][0] for i in batch])):
                    tag_ids[index] = tags
        return [_words(text, [vocabulary.tags[t] for t in tags], lengths)
                for text, tags, (_, lengths) in zip(texts, tag_ids, encoded)]

    def entities(self, texts: list[str], labels: tuple[str, ...] = NAME_LABELS) -> list[Spans]:
        """The words of each text tagged with one of ``labels``, as spans with character offsets.

        >>> text = "张三在北京大学读书"
        >>> [(text[s.start:s.end], s.label) for s in LacTagger().entities([text])[0]]
        [('张三', 'PER'), ('北京大学', 'ORG')]
        """
        results = []
        for words in self.analyze(texts):
            spans, at = [], 0
            for word, tag in words:
                if tag in labels:
                    spans.append(Span(at, at + len(word), tag))
                at += len(word)
            results.append(spans)
        return results

    def recognize(self, texts: list[str]) -> list[Spans]:
        """People, places and organizations: what kg's recognizers return (see :mod:`kg.ner`)."""
        return self.entities(texts, MSRA_LABELS)


def _batches(lengths: list[int]) -> Iterator[list[int]]:
    """Indices of non-empty sentences, shortest first, in batches of about ``BATCH_IDS`` ids with their padding."""
    batch: list[int] = []
    for index in sorted((i for i, n in enumerate(lengths) if n), key=lengths.__getitem__):
        if batch and (len(batch) + 1) * lengths[index] > BATCH_IDS:
            yield batch
            batch = []
        batch.append(index)
    if batch:
        yield batch


def _words(text: str, tags: list[str], lengths: list[int]) -> list[tuple[str, str]]:
    """LAC's ``parse_result``: a word id's tag spread over its characters, then words cut at ``-B`` tags.

    A word takes the tag of its last character, and a character tagged ``O`` joins the word
    before it, as in LAC.
    """
    chars: list[str] = []
    for tag, length in zip(tags, lengths):
        chars += [tag] + [tag[:-2] + "-I"] * (length - 1)
    words: list[list[str]] = []
    for char, tag in zip(text, chars):
        if not words or tag.endswith(("B", "S")):
            words.append([char, tag[:-2]])
        else:
            words[-1][0] += char
            words[-1][1] = tag[:-2]
    return [(word, tag) for word, tag in words]
