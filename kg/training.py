"""Training and evaluating kg's HanLP recognizer on MSRA-format corpora (and CLUENER's)."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg import lexicon as lexicons
from kg.errors import KgError
from kg.hanlp_ext import (
    CHECKPOINT,
    CharBigramEmbedding,
    CharBigramLexiconEmbedding,
    Pretrained,
    Recognizer,
    load_state,
    pack_state,
    tags_to_spans,
)
from kg.normalize import halfwidth
from kg.recipe import Recipe  # here too: kg.training.Recipe is how callers know it

LABELS = ("PER", "LOC", "ORG")

# CLUENER's types as MSRA's: people, organizations of every kind, places. Its address spans are
# places when they name one (北京, 海淀区, 塔斯马尼亚) but street addresses when they hold a number
# (广州市天河区体育东路116号…), which MSRA would split into places and plain text: a sentence with
# one is left out rather than taught wrongly. Its scenes (泸沽湖, 香山) are MSRA places too.
# Books, games, films and job titles are not entities in MSRA.
CLUENER_LABELS = {"name": "PER", "company": "ORG", "government": "ORG", "organization": "ORG",
                  "address": "LOC", "scene": "LOC"}


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


def read_cluener(path: str | Path) -> list[dict]:
    """Sentences of a CLUENER file (``{"text", "label": {type: {name: [[start, end], ...]}}}`` lines).

    Labels are mapped by :data:`CLUENER_LABELS`; a sentence holding a street address (an address
    span with a digit) is left out.
    """
    sentences = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text, labels = halfwidth(record["text"]), record.get("label") or {}
                tags = ["O"] * len(text)
                for kind, names in labels.items():
                    label = CLUENER_LABELS.get(kind)
                    for name, places in names.items() if label else ():
                        if kind == "address" and any(c.isdigit() for c in name):
                            raise _StreetAddress
                        for start, end in places:
                            _tag_span(tags, label, start, end + 1)
            except _StreetAddress:
                continue
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                raise KgError(f"{path}:{number}: not a CLUENER record ({error})") from error
            sentences.append({"token": list(text), "tag": tags})
    return sentences


# BosonNLP's types as MSRA's; products (微信, 浙江在线) and times are no entities in MSRA's sense.
BOSON_LABELS = {"person_name": "PER", "location": "LOC", "org_name": "ORG", "company_name": "ORG"}
_BOSON_SPAN = re.compile(r"\{\{([a-z_]+):(.*?)\}\}", re.DOTALL)
_BOSON_SENTENCE_END = re.compile(r"(?<=[。！？])")


def read_boson(path: str | Path) -> list[dict]:
    """Sentences of a BosonNLP file: paragraphs a line, entities inline as ``{{type:text}}``.

    Labels are mapped by :data:`BOSON_LABELS` (others are plain text); paragraphs are cut into
    sentences after 。！？ so that no training sequence runs to thousands of characters.
    """
    sentences = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            chars, tags, last = [], [], 0
            for match in _BOSON_SPAN.finditer(line):
                chars += line[last:match.start()]
                tags += ["O"] * (match.start() - last)
                name, label = match.group(2).strip(), BOSON_LABELS.get(match.group(1))
                start = len(chars)
                chars += name
                tags += ["O"] * len(name)
                if label and name:
                    _tag_span(tags, label, start, len(chars))
                last = match.end()
            chars += line[last:].rstrip("\n")
            tags += ["O"] * (len(chars) - len(tags))
            start = 0
            for piece in _BOSON_SENTENCE_END.split("".join(chars)):
                end = start + len(piece)
                # a cut never falls inside a name: names hold no sentence-final punctuation
                kept = [(halfwidth(c), t) for c, t in zip(chars[start:end], tags[start:end]) if not c.isspace()]
                if kept:
                    sentences.append({"token": [c for c, _ in kept], "tag": [t for _, t in kept]})
                start = end
    return sentences


class _StreetAddress(Exception):
    pass


def _tag_span(tags: list[str], label: str, start: int, end: int) -> None:
    if not 0 <= start < end <= len(tags):
        raise ValueError(f"span [{start}, {end - 1}] outside the text")
    if any(t != "O" for t in tags[start:end]):
        return  # nested or overlapping: the first label read stands
    if end - start == 1:
        tags[start] = f"S-{label}"
    else:
        tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 2) + [f"E-{label}"]


def read_corpus(path: str | Path) -> list[dict]:
    """An MSRA-format file, a CLUENER one (``.json``) or a BosonNLP one (``{{type:text}}`` inline)."""
    if str(path).endswith(".json"):
        return read_cluener(path)
    with open(path, encoding="utf-8") as lines:
        head = lines.readline()
    return read_boson(path) if _BOSON_SPAN.search(head) else read_msra(path)


def swap_names(sentences: list[dict], share: float, seed: int = 1) -> list[dict]:
    """``sentences`` with ``share`` of their Chinese people's names replaced by made-up names.

    A name of two or three characters whose first is a common surname (the first character of 20
    names or more) gets a surname and given-name characters drawn from those of all such names,
    by their frequency, in the same places: the tags and the sentence's length stay. In a corpus
    whose documents repeat their people (MSRA's dev sentences name the people of its training
    sentences), a recognizer can tag a name by knowing it; with made-up names it has to learn
    from the context and the shape of names where one begins and ends, which is what tags the
    names of new text.

    >>> sentences = [{"token": list("王小明说"), "tag": ["B-PER", "I-PER", "E-PER", "O"]}] * 20
    >>> swapped = swap_names(sentences, 1.0)
    >>> swapped[0]["tag"] == sentences[0]["tag"] and swapped[0]["token"][3] == "说"
    True
    """
    spans_of = gold_spans(sentences)
    names = [s["token"][a:b] for s, spans in zip(sentences, spans_of)
             for label, a, b in spans if label == "PER" and 2 <= b - a <= 3]
    surnames = Counter(name[0] for name in names)
    surnames = Counter({c: n for c, n in surnames.items() if n >= 20})
    given = Counter(c for name in names if name[0] in surnames for c in name[1:])
    if not surnames or not given:
        return sentences
    rng = random.Random(seed)
    surname_list, surname_weights = list(surnames), list(surnames.values())
    given_list, given_weights = list(given), list(given.values())
    swapped = []
    for sentence, spans in zip(sentences, spans_of):
        tokens = sentence["token"]
        for label, a, b in spans:
            if label == "PER" and 2 <= b - a <= 3 and tokens[a] in surnames and rng.random() < share:
                if tokens is sentence["token"]:
                    tokens = list(tokens)
                tokens[a] = rng.choices(surname_list, surname_weights)[0]
                tokens[a + 1:b] = rng.choices(given_list, given_weights, k=b - a - 1)
        swapped.append(sentence if tokens is sentence["token"] else {**sentence, "token": tokens})
    return swapped


def held_out(sentences: list[dict], recipe: Recipe) -> tuple[list[dict], list[dict]]:
    """The training and dev sentences of one source as ``recipe`` makes them (split, names swapped)."""
    trn, dev = split_dev(sentences, recipe.dev_fraction, recipe.seed)
    if recipe.swap_names:
        trn, dev = swap_names(trn, recipe.swap_names, recipe.seed), swap_names(dev, recipe.swap_names, recipe.seed + 1)
    return trn, dev


def split_dev(sentences: list[dict], fraction: float, seed: int = 1) -> tuple[list[dict], list[dict]]:
    """A reproducible train/dev split; the test file stays unseen until evaluation."""
    order = list(range(len(sentences)))
    random.Random(seed).shuffle(order)
    cut = int(len(order) * fraction)
    dev = {i for i in order[:cut]}
    return [s for i, s in enumerate(sentences) if i not in dev], [sentences[i] for i in sorted(dev)]


def train(train_files: str | Path | list, save_dir: str | Path, recipe: Recipe = Recipe(),  # noqa: B008 (frozen)
          limit: int | None = None, devices=None, init_from: str | Path | None = None, resume: bool = False,
          lexicon: lexicons.Lexicon | None = None) -> Path:
    """Trains the recognizer on MSRA-format (and CLUENER) files; saves it where ``hanlp.load`` reads it.

    Each file gives its own share of the dev set (``recipe.dev_fraction``); ``limit`` keeps the
    first sentences of each. With ``recipe.lexicon_dim`` the model gets lexicon features over
    :func:`kg.lexicon.build`'s lexicon (or ``lexicon``), saved with it. ``init_from`` continues from a model this
    function saved: its vocabularies, lexicon and weights. Every epoch leaves a checkpoint in
    ``save_dir``; ``resume`` goes on from the last one (same data and recipe; ``recipe.epochs``
    may be raised to train longer).
    """
    recognizer = Recognizer()
    checkpoint = Path(save_dir) / CHECKPOINT
    if resume and not checkpoint.is_file():
        raise KgError(f"{save_dir}: no checkpoint to resume from (train into it first, without --resume)")
    if resume:
        recognizer.load_vocabs(str(save_dir))  # the vocabularies the checkpoint's weights index
    elif init_from:
        recognizer.load_vocabs(str(init_from))  # locked, so HanLP keeps them instead of rebuilding
    else:
        if recipe.lexicon_dim:
            names = [p for p in recipe.lexicon_names.split(",") if p]
            recognizer.lexicon = lexicon or lexicons.build(name_lists=names)
        recognizer.pretrained = pretrained(recipe)
    word_dim = _saved_word_dim(save_dir if resume else init_from)
    if recipe.word_vectors and not resume and not word_dim:  # word vectors new to this model
        if recognizer.lexicon is None:
            raise KgError("--word-vectors joins the lexicon: give --lexicon-dim (or --init-from a model with one)")
        from kg import vectors

        words, rows = vectors.read_lac_words(recipe.word_vectors)
        recognizer.lexicon = recognizer.lexicon.with_vectors(words)
        recognizer.pretrained = recognizer.pretrained or Pretrained()
        recognizer.pretrained.words, word_dim = rows, rows.shape[1]
    trn, dev = [], []
    for path in train_files if isinstance(train_files, list) else [train_files]:
        sentences = read_corpus(path)[:limit or None]
        part_trn, part_dev = held_out(sentences, recipe)
        trn += part_trn
        dev += part_dev
    if recipe.lexicon_dim:
        embed = CharBigramLexiconEmbedding(char_dim=recipe.char_dim, bigram_dim=recipe.bigram_dim,
                                           lexicon_dim=recipe.lexicon_dim, token_drop=recipe.token_drop,
                                           word_dim=word_dim)
    else:
        embed = CharBigramEmbedding(char_dim=recipe.char_dim, bigram_dim=recipe.bigram_dim,
                                    token_drop=recipe.token_drop)
    recognizer.fit(
        trn, dev, str(save_dir),
        batch_size=recipe.batch_size, epochs=recipe.epochs, lr=recipe.lr,
        embed=embed,
        bigram_min_count=recipe.bigram_min_count, rnn_hidden=recipe.rnn_hidden, drop=recipe.drop,
        patience=recipe.patience, crf=True, tagging_scheme="IOBES", token_delimiter="",
        seed=recipe.seed, devices=devices, init_from=str(init_from) if init_from and not resume else None,
        resume=resume, only_word_mix=recipe.only_word_mix, keep_epochs=recipe.keep_epochs,
    )
    shrink_weights(Path(save_dir))
    return Path(save_dir)


def _saved_word_dim(model_dir: str | Path | None) -> int:
    """The size of the word vectors of the model saved in ``model_dir`` (0: none, or no model)."""
    config = Path(model_dir) / "config.json" if model_dir else None
    if config is None or not config.is_file():
        return 0
    return json.loads(config.read_text(encoding="utf-8")).get("embed", {}).get("word_dim", 0)


def pretrained(recipe: Recipe) -> Pretrained | None:
    """The vectors ``recipe`` names, read (None when it names none)."""
    if not (recipe.char_vectors or recipe.bigram_vectors):
        return None
    from kg import vectors

    bigram_vectors = None
    if recipe.bigram_vectors:
        if not Path(recipe.bigram_vectors).is_file():
            raise KgError(f"{recipe.bigram_vectors}: no such vector file (make one with kg train-vectors)")
        from gensim.models import KeyedVectors

        bigram_vectors = KeyedVectors.load(recipe.bigram_vectors)
        if bigram_vectors.vector_size != recipe.bigram_dim:
            raise KgError(f"{recipe.bigram_vectors}: vectors of {bigram_vectors.vector_size} numbers, "
                          f"but --bigram-dim is {recipe.bigram_dim}")
    chars = vectors.read_lac_vectors(recipe.char_vectors) if recipe.char_vectors else None
    if chars and len(next(iter(chars.values()))) != recipe.char_dim:
        raise KgError(f"{recipe.char_vectors}: character vectors of {len(next(iter(chars.values())))} numbers, "
                      f"but --char-dim is {recipe.char_dim}")
    return Pretrained(chars=chars, bigrams=bigram_vectors, max_bigrams=recipe.max_bigrams,
                      freeze_bigrams=recipe.freeze_bigrams)


def shrink_weights(save_dir: Path) -> None:
    """Stores the weights packed to ship (:func:`kg.hanlp_ext.pack_state`: float16, the bigram
    table in 8 bits a number), the same predictions in practice; the recognizer's ``load_weights`` unpacks
    them into the float32 model it builds.
    """
    import torch

    path = save_dir / "model.pt"
    torch.save(pack_state(load_state(path)), path)


def average(model_dirs: list[str | Path], save_dir: str | Path) -> Path:
    """One model whose weights are the mean of the models' (a "model soup"): models trained on from
    one model share its vocabularies and lie in one basin, where the mean generalises better than
    each (Wortsman et al. 2022). Saved where ``hanlp.load`` reads it, packed as shipped (:func:`shrink_weights`).
    """
    import shutil

    import torch

    folders = [Path(m) for m in model_dirs]
    vocabs = {(f / "vocabs.json").read_bytes() for f in folders}
    if len(vocabs) != 1:
        raise KgError(f"{', '.join(map(str, folders))}: different vocabularies; only models continued from "
                      "one model can be averaged")
    save = Path(save_dir)
    save.mkdir(parents=True, exist_ok=True)
    for name in ("vocabs.json", "lexicon.txt.gz"):
        if (folders[0] / name).is_file() and folders[0].resolve() != save.resolve():
            shutil.copy(folders[0] / name, save / name)
    config = json.loads((folders[0] / "config.json").read_text(encoding="utf-8"))
    config["init_from"] = None  # what the model is, not how its parts were trained
    (save / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    states = [load_state(f / "model.pt") for f in folders]
    mean = {key: sum(s[key] for s in states) / len(states) if value.is_floating_point() else value
            for key, value in states[0].items()}
    torch.save(pack_state(mean), save / "model.pt")
    return save


def greedy_soup(model_dirs: list[str | Path], save_dir: str | Path, dev: list[dict],
                report=lambda line: None) -> tuple[list[Path], Score]:
    """The greedy soup of Wortsman et al. (2022): the models ranked by F1 on ``dev`` (sentences that
    none of them trained on), each added to the average in turn and kept only where the average
    does not lose F1 on ``dev``. The test set plays no part. Returns the models kept and their score.
    """
    from kg.ner import NamedEntityRecognizer

    def dev_score(models: list[Path]) -> Score:
        average(models, save_dir)
        return score_sentences(NamedEntityRecognizer(str(save_dir), precision="float32"), dev)

    ranked = []
    for model in map(Path, model_dirs):
        alone = dev_score([model])
        ranked.append((alone.f1, str(model), model, alone))
        report(f"{model}: dev F1 {alone.f1:.4f}")
    ranked.sort(key=lambda r: r[:2], reverse=True)
    soup, best = [ranked[0][2]], ranked[0][3]
    for _, _, model, _ in ranked[1:]:
        tried = dev_score(soup + [model])
        report(f"+ {model}: dev F1 {tried.f1:.4f} ({'kept' if tried.f1 >= best.f1 else 'left out'})")
        if tried.f1 >= best.f1:
            soup, best = soup + [model], tried
    average(soup, save_dir)
    return soup, best


def evaluate(recognizer, test_file: str | Path) -> Score:
    """Scores a :class:`kg.ner.NamedEntityRecognizer` on an MSRA-format file."""
    return score_sentences(recognizer, read_msra(test_file))


def score_sentences(recognizer, sentences: list[dict]) -> Score:
    """Scores a recognizer on sentences as :func:`read_msra` gives them."""
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
