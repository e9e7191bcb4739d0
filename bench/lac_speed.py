"""Baidu LAC read by kg.lac, on ONE thread: characters a second on MSRA test, and its exact-span figures there.

The figures per type are what kg's models are compared with (docs/model.md). Speed is given
as wall-clock and as CPU time of this process: on a machine other jobs share, the second is the
closer to what one idle core would do.

Run by hand: KG_LAC_DIR=../shared/data/lac .venv/bin/python bench/lac_speed.py
"""

from __future__ import annotations

import time

from kg import training
from kg.cli import _msra_file
from kg.lac import MSRA_LABELS, LacTagger  # it holds numpy's BLAS to one thread itself


def measure(function, texts: list[str], repeat: int = 2) -> tuple[float, float]:
    """Best (wall, CPU) characters per second over ``repeat`` runs."""
    chars = sum(map(len, texts))
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function(texts)
        wall, cpu = min(wall, time.perf_counter() - start), min(cpu, time.process_time() - start_cpu)
    return chars / wall, chars / cpu


def main() -> dict:
    test_file = _msra_file("msra_test.txt")
    sentences = training.read_msra(test_file)
    texts = ["".join(s["token"]) for s in sentences]
    tagger = LacTagger()
    tagger.recognize(texts[:20])  # load before timing
    wall_rate, cpu_rate = measure(tagger.analyze, texts)
    gold = training.gold_spans(sentences)
    predicted = [[(s.label, s.start, s.end) for s in spans] for spans in tagger.recognize(texts)]
    result = {"chars": sum(map(len, texts)), "chars_per_s": wall_rate, "cpu_chars_per_s": cpu_rate,
              "all": training.score(gold, predicted)}
    for label in MSRA_LABELS:
        result[label] = training.score(_only(gold, label), _only(predicted, label))
    print(f"LAC on {result['chars']:,} characters of MSRA test, one thread: {wall_rate:,.0f} chars/s "
          f"({cpu_rate:,.0f} per second of CPU time)")
    for name in ("all", *MSRA_LABELS):
        print(f"  {name:<4} {result[name]}")
    return result


def _only(sentences: list[list[tuple]], label: str) -> list[list[tuple]]:
    return [[span for span in spans if span[0] == label] for spans in sentences]


if __name__ == "__main__":
    main()
