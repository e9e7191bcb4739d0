"""End-to-end ``kg build``: time, peak memory and store size as the corpus grows, and adding to a store.

The corpora are archive-like: articles made from the bundled sample articles with every person
renamed from a pool of ``n/2`` names drawn by a Zipf law (a few in the news all the time, most once
or twice), numbers varied, and three common words put into every sentence, so no sentence repeats
and NER runs on all of it (the model cannot skip a sentence it has seen). Each build runs in its
own process, which reports its own peak RSS. Run by hand:

    .venv/bin/python bench/build_speed.py 2000 8000        # one-shot builds of 2k and 8k articles
    .venv/bin/python bench/build_speed.py --add 1000 10000  # a 10k store, then 1k articles added to it
    .venv/bin/python bench/build_speed.py --versus ../kg-old 10000  # ../kg-old's kg, then this one, on one corpus
    .venv/bin/python bench/build_speed.py --keep work --add 1000 100000  # corpora, store and outputs kept in work/

(``git worktree add ../kg-old REV`` makes such a checkout of an earlier kg; it runs on this .venv.
The figures and the machine they were measured on are in bench/RESULTS.md.)
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉健波宁浩龙群策锋润"


def common_words() -> list[str]:
    """Two-character nouns, verbs and adjectives of jieba's dictionary, frequency 2,000 and over
    (1,664 words): three of them make a sentence unlike any other, and none is a name."""
    import jieba

    words = []
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as lines:
        for entry in lines:
            word, frequency, tag = entry.split()
            if len(word) == 2 and tag in ("n", "v", "vn", "a") and int(frequency) >= 2000:
                words.append(word)
    return words
SENTENCE_END = re.compile(r"(?<=[。！？\n])")


def person_name(index: int) -> str:
    """The ``index``-th name of the pool: 2 or 3 characters, all distinct for a pool of 100,000."""
    surname = SURNAMES[index % len(SURNAMES)]
    rest = index // len(SURNAMES)
    first, second = GIVEN[rest % len(GIVEN)], GIVEN[(rest // len(GIVEN)) % len(GIVEN)]
    return surname + first + (second if rest >= len(GIVEN) else "")


def make_corpus(count: int, path: Path, seed: int = 1, first: int = 0) -> Path:
    """``count`` articles as JSONL (ids from ``first``), people drawn from a Zipf pool of ``count/2`` names."""
    from kg import pipeline

    build = pipeline.build()
    people = sorted({e.name for e in build.entities.values() if e.type == "person"}, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, people)))
    rng = random.Random(seed + first)
    words = common_words()
    pool = max(50, (first + count) // 2)
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 1.1 for rank in range(pool)))  # Zipf, drawn by bisection
    with open(path, "w", encoding="utf-8") as out:
        for n in range(first, first + count):
            article = build.articles[rng.randrange(len(build.articles))]
            renamed: dict[str, str] = {}

            def rename(match, renamed=renamed):
                if match.group() not in renamed:
                    renamed[match.group()] = person_name(rng.choices(range(pool), cum_weights=cumulative)[0])
                return renamed[match.group()]

            text = re.sub(r"\d+", lambda m: str(rng.randrange(10 ** len(m.group()))), pattern.sub(rename, article.text))
            text = "".join(_varied(sentence, rng, words) for sentence in SENTENCE_END.split(text))
            record = {"id": f"a{n:07d}", "title": article.title, "text": text,
                      "date": f"20{rng.randint(18, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                      "source": "bench"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _varied(sentence: str, rng: random.Random, words: list[str]) -> str:
    """The sentence (or headline) with three common words put in before its first comma (or its end)."""
    if len(sentence.strip()) < 6 or sentence.lstrip().startswith("■"):  # bylines stay bylines
        return sentence
    cut = sentence.find("，")
    cut = cut if cut > 0 else len(sentence.rstrip()) - (1 if sentence.rstrip()[-1] in "。！？" else 0)
    return sentence[:cut] + "，" + "".join(rng.choices(words, k=3)) + sentence[cut:]


def timed_build(args: list[str], source: str = "") -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one ``kg build`` in a process of its own (the kg of the checkout
    ``source`` when given)."""
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": source} if source else None
    result = subprocess.run([sys.executable, __file__, "--child", *args], check=False, capture_output=True, text=True,
                            env=env)
    if result.returncode:
        sys.exit(f"kg build {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start, float(result.stdout.strip().splitlines()[-1])


def child(args: list[str]) -> None:
    if os.environ.get("PYTHONPATH"):  # an earlier checkout's kg, not the one installed in .venv
        sys.path.insert(0, os.environ["PYTHONPATH"])
    from kg.cli import main

    code = main(["build", "-q", *args])
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    sys.exit(code)


def line(size: int, seconds: float, peak: float, out: Path, store: Path) -> str:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    stages = ", ".join(f"{k} {v:.1f}" for k, v in report["timings_s"].items())
    return (f"{size:>7,} articles: {seconds:7.1f} s  {size / seconds:6.1f} articles/s  peak RSS {peak:,.0f} MB  "
            + (f"store {store.stat().st_size / 2**20:,.0f} MB" if store.exists() else "no store") + "\n"
            f"          stages (s): {stages}; NER ran on {report['ner']['chars_run']:,} chars; "
            f"{report['counts']['entities']:,} entities, {report['counts']['relations']:,} relations")


def main(argv: list[str]) -> None:
    if argv[:1] == ["--keep"]:  # the work folder stays, to look into or to add to again
        Path(argv[1]).mkdir(parents=True, exist_ok=True)
        return run(argv[2:], Path(argv[1]))
    with tempfile.TemporaryDirectory() as work:
        run(argv, Path(work))


def run(argv: list[str], work: Path) -> None:
    add = argv[:1] == ["--add"]
    versus = argv[1] if argv[:1] == ["--versus"] else ""
    sizes = [int(a) for a in argv[1 if add else 2 if versus else 0:]] or [2000, 8000]
    if add:
        extra, size = sizes[0], sizes[-1]
        corpus = make_corpus(size, work / "corpus.jsonl")
        more = make_corpus(extra, work / "more.jsonl", first=size)
        store, out = work / "store.duckdb", work / "out"
        seconds, peak = timed_build([str(corpus), "-o", str(out), "--store", str(store), "--no-cache"])
        print(line(size, seconds, peak, out, store))
        seconds, peak = timed_build([str(more), "-o", str(out), "--store", str(store), "--no-cache"])
        print(f"adding {extra:,}:\n" + line(extra, seconds, peak, out, store))
        return
    for size in sizes:
        corpus = make_corpus(size, work / f"corpus-{size}.jsonl")
        if versus:
            out = work / f"versus-{size}"
            seconds, peak = timed_build([str(corpus), "-o", str(out), "--no-cache"], source=versus)
            print(f"{versus}:\n" + line(size, seconds, peak, out, out / "kg.duckdb"))
        out = work / f"out-{size}"
        seconds, peak = timed_build([str(corpus), "-o", str(out), "--no-cache"])
        print(line(size, seconds, peak, out, out / "kg.duckdb"))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
    else:
        main(sys.argv[1:])
