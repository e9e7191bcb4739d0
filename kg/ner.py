"""Named-entity recognition: HanLP models in, character-offset spans out."""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import KgError
from kg.ingest import cut_long
from kg.normalize import halfwidth
from kg.recipe import PRECISIONS  # kept where the CLI reads them without loading the model
from kg.records import Span, Spans

SHIPPED_MODEL = Path(__file__).parent / "models" / "ner"
# ``--model fast`` named a smaller second model while the shipped one was slow; the shipped model is that
# network now (docs/model.md), and the name stays for the scripts that use it.
SHIPPED_MODELS = {"fast": SHIPPED_MODEL}
MAX_CHARS = 256  # longer sentences are cut into pieces of this size for the model


def _require_pkg_resources() -> None:
    # hanlp.load imports pkg_resources, which setuptools >= 80 no longer ships. The pin
    # setuptools<80 in pyproject.toml provides it; this explains the failure if it is missing.
    try:
        import pkg_resources  # noqa: F401
    except ImportError as error:
        raise KgError("HanLP needs pkg_resources: install 'setuptools<80' into this environment") from error


def resolve_precision(precision: str) -> str:
    """``auto`` as the precision this machine runs best: bfloat16 on a CPU that has it natively."""
    if precision not in PRECISIONS:
        raise KgError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
    if precision != "auto":
        return precision
    import torch

    return "bfloat16" if not torch.cuda.is_available() and native_bfloat16() else "float32"


def native_bfloat16() -> bool:
    """Whether oneDNN computes bfloat16 natively on this CPU (else it would be emulated, slowly)."""
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):  # a torch without oneDNN
        return False


class NamedEntityRecognizer:
    """A HanLP NER model, loaded once on first use.

    Parameters
    ----------
    model:
        A folder holding a HanLP model (``config.json``, ``vocabs.json``, weights), or a HanLP
        pretrained identifier such as ``MSRA_NER_ELECTRA_SMALL_ZH`` (needs internet once).
        Defaults to the model shipped inside kg.
    batch_chars:
        About how many characters go through the network in one batch (default: 2,000 on a CPU,
        where small batches stay in cache and measured fastest; 16,000 on a GPU).
    precision:
        Of kg's own models' LSTM: ``auto`` (bfloat16 on a CPU that computes it natively, else
        float32), ``float32`` (HanLP's numerics exactly) or ``bfloat16``. See :mod:`kg.fast_ner`.
    """

    def __init__(self, model: str | Path | None = None, batch_chars: int | None = None,
                 precision: str = "auto") -> None:
        self.model_ref = str(SHIPPED_MODELS.get(str(model), model) if model else SHIPPED_MODEL)
        self.precision = resolve_precision(precision)
        self.batch_chars = batch_chars
        self._component = None
        self._tagger = None

    @property
    def component(self):
        if self._component is None:
            self._component = load_component(self.model_ref)
        return self._component

    @property
    def identity(self) -> str:
        """What a cache of this recognizer's results is keyed by: the model's files and the precision."""
        from kg.cache import model_key

        return f"{model_key(self.model_ref)}/{self.precision}"

    def recognize(self, texts: list[str]) -> list[Spans]:
        """Entity spans of each text, with character offsets into that text.

        >>> ner = NamedEntityRecognizer()
        >>> [(t[s.start:s.end], s.label) for t in ["市委书记邓群策在衡阳市调研。"] for s in ner.recognize([t])[0]]
        [('市委', 'ORG'), ('邓群策', 'PER'), ('衡阳市', 'LOC')]
        """
        pieces, owners = [], []
        for index, text in enumerate(texts):
            for offset, end in cut_long(text, 0, len(text), MAX_CHARS, "。！？；，,;!? \n"):
                pieces.append((offset, list(halfwidth(text[offset:end]))))
                owners.append(index)
        results: list[Spans] = [[] for _ in texts]
        chars = [p[1] for p in pieces]
        for (offset, _), owner, spans in zip(pieces, owners, self._predict(chars)):
            results[owner].extend(Span(offset + start, offset + end, label) for start, end, label in spans)
        return results

    def _predict(self, sentences: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        component = self.component
        from kg.hanlp_ext import Recognizer

        if not isinstance(component, Recognizer):
            return _predict_with_hanlp(component, sentences)
        if self._tagger is None:
            from kg.fast_ner import FastTagger

            self._tagger = FastTagger(component, self.precision)
        batch_chars = self.batch_chars or (2000 if self._tagger.device.type == "cpu" else 16000)
        return self._tagger.predict(sentences, batch_chars)


def _predict_with_hanlp(component, sentences: list[list[str]]) -> list[list[tuple[int, int, str]]]:
    """Any HanLP recognizer through its own ``predict`` (pretrained models, other classes)."""
    nonempty = [i for i, s in enumerate(sentences) if s]
    outputs = component([sentences[i] for i in nonempty]) if nonempty else []
    spans: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    for i, entities in zip(nonempty, outputs):
        spans[i] = [(start, end, label) for _, label, start, end in entities]
    return spans


def load_component(model_ref: str):
    """``hanlp.load`` with kg's messages when the model cannot be had."""
    _require_pkg_resources()
    path = Path(model_ref)
    looks_local = path.exists() or os.sep in model_ref or model_ref.startswith(".")
    if looks_local and not (path / "config.json").is_file():
        raise KgError(f"{model_ref}: not a HanLP model folder (no config.json in it)")
    import hanlp

    import kg.hanlp_ext  # noqa: F401  (the shipped config names classes in it)

    try:
        return hanlp.load(str(path.resolve()) if looks_local else model_ref, verbose=False)
    except Exception as error:  # HanLP raises bare Exceptions, FileNotFoundError, URLError…
        where = "the local model" if looks_local else "the HanLP pretrained model"
        hint = "" if looks_local else " (pretrained models download from HanLP's servers: is there internet?)"
        raise KgError(f"cannot load {where} {model_ref!r}: {error.__class__.__name__}: {error}{hint}") from error
