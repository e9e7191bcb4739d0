"""NER throughput of kg's shipped model against jieba.posseg, on the MSRA test sentences.

Measured twice in one run on the same sentences: with torch on every core (what ``kg build``
uses), and with torch on ONE thread, as jieba always is: the fair per-core comparison.

Run by hand: .venv/bin/python bench/ner_speed.py [MODEL_FOLDER]   (default: the shipped model)
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from kg import training
from kg.cli import _msra_file
from kg.ner import NamedEntityRecognizer


def measure(function, texts: list[str], repeat: int = 2) -> float:
    """Best characters per second over ``repeat`` runs."""
    chars = sum(map(len, texts))
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(texts)
        best = min(best, time.perf_counter() - start)
    return chars / best


def main(model: str | None = None) -> dict[str, float]:
    import jieba
    import jieba.posseg
    import torch

    jieba.setLogLevel(60)
    test_file = _msra_file("msra_test.txt")
    sentences = training.read_msra(test_file)
    texts = ["".join(s["token"]) for s in sentences]
    recognizer = NamedEntityRecognizer(model)  # the default: precision auto
    exact = NamedEntityRecognizer(model, precision="float32")
    for loaded in (recognizer, exact):
        loaded.recognize(texts[:50])  # load the model before timing
    jieba.posseg.lcut(texts[0])  # load jieba's dictionary before timing
    kg_rate = measure(recognizer.recognize, texts)
    exact_rate = measure(exact.recognize, texts)
    jieba_rate = measure(lambda ts: [list(jieba.posseg.cut(t)) for t in ts], texts)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # one core each: jieba never uses more
    one_rate, one_exact_rate = measure(recognizer.recognize, texts), measure(exact.recognize, texts)
    one_jieba_rate = measure(lambda ts: [list(jieba.posseg.cut(t)) for t in ts], texts)
    torch.set_num_threads(threads)
    score, exact_score = training.evaluate(recognizer, test_file), training.evaluate(exact, test_file)
    result = {"kg_chars_per_s": kg_rate, "jieba_posseg_chars_per_s": jieba_rate, "ratio": kg_rate / jieba_rate,
              "msra_test_f1": score.f1, "precision": recognizer.precision, "float32_chars_per_s": exact_rate,
              "float32_msra_test_f1": exact_score.f1, "chars": sum(map(len, texts)),
              "one_thread_kg_chars_per_s": one_rate, "one_thread_float32_chars_per_s": one_exact_rate,
              "one_thread_jieba_chars_per_s": one_jieba_rate, "one_thread_ratio": one_rate / one_jieba_rate,
              "torch_threads": threads, "cpus": os.cpu_count(), "cpu": _cpu_name()}
    print(f"NER on {result['chars']:,} characters of MSRA test ({result['cpu']}, {result['cpus']} CPUs, "
          f"torch threads {result['torch_threads']}), model {model or 'shipped'}:")
    print(f"  kg, default ({recognizer.precision:<8})  {kg_rate:10,.0f} chars/s   MSRA test F1 {score.f1:.4f}")
    print(f"  kg, float32             {exact_rate:10,.0f} chars/s   MSRA test F1 {exact_score.f1:.4f}")
    print(f"  jieba.posseg            {jieba_rate:10,.0f} chars/s")
    print(f"  ratio kg / jieba        {result['ratio']:10.2f}   (float32: {exact_rate / jieba_rate:.2f})")
    print("one thread each:")
    print(f"  kg, default ({recognizer.precision:<8})  {one_rate:10,.0f} chars/s")
    print(f"  kg, float32             {one_exact_rate:10,.0f} chars/s")
    print(f"  jieba.posseg            {one_jieba_rate:10,.0f} chars/s")
    print(f"  ratio kg / jieba        {result['one_thread_ratio']:10.2f}   "
          f"(float32: {one_exact_rate / one_jieba_rate:.2f})")
    return result


def _cpu_name() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return "unknown CPU"
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "unknown CPU")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
