"""Baidu LAC read by kg.lac, on ONE thread: characters a second on MSRA test, and its exact-span figures there.

The figures per type are what kg's models are compared with (README, "The model"). Speed is given
as wall-clock and as CPU time of this process: on a machine other jobs share, the second is the
closer to what one idle core would do.

Run by hand: KG_LAC_DIR=../shared/data/lac .venv/bin/python bench/lac_speed.py
"""

from __future__ import annotations

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"  # numpy's BLAS reads these once, when numpy is first imported

import time  # noqa: E402

from kg import training  # noqa: E402
from kg.cli import _msra_file  # noqa: E402
from kg.lac import MSRA_LABELS, LacTagger  # noqa: E402


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
        keep = lambda spans: [s for s in spans if s[0] == label]  # noqa: E731
        result[label] = training.score(list(map(keep, gold)), list(map(keep, predicted)))
    print(f"LAC on {result['chars']:,} characters of MSRA test, one thread: {wall_rate:,.0f} chars/s "
          f"({cpu_rate:,.0f} per second of CPU time)")
    for name in ("all", *MSRA_LABELS):
        print(f"  {name:<4} {result[name]}")
    return result


if __name__ == "__main__":
    main()
