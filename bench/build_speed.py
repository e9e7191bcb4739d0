"""End-to-end ``kg build`` time, rate and peak memory at 1k and 10k articles, and a warm rebuild.

The corpora are made from the bundled sample articles with people renamed, numbers and dates
varied and the order shuffled, so entities and relations grow as in a real archive. Sentences
with neither a name nor a number still repeat, and kg runs NER once per distinct sentence, so the
script also prints how many characters the model really ran on. Run by hand:

    .venv/bin/python bench/build_speed.py            # 1k and 10k articles
    .venv/bin/python bench/build_speed.py 1000       # only 1k
"""

from __future__ import annotations

import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg import pipeline

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉健波宁浩龙群策锋润"


def make_corpus(count: int, path: Path, seed: int = 1) -> Path:
    """``count`` articles as JSONL, built from the sample articles with people renamed."""
    build = pipeline.build()
    people = sorted({e.name for e in build.entities.values() if e.type == "person"}, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, people)))
    rng = random.Random(seed)
    pool = max(50, count // 4)  # people recur across an archive: names come from a pool that grows slowly
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            article = build.articles[n % len(build.articles)]
            renamed: dict[str, str] = {}

            def rename(match, renamed=renamed):
                name = match.group()
                if name not in renamed:
                    index = rng.randrange(pool)
                    renamed[name] = SURNAMES[index % len(SURNAMES)] + GIVEN[(index // len(SURNAMES)) % len(GIVEN)] + \
                        GIVEN[(index * 7) % len(GIVEN)] * (len(name) > 2)
                return renamed[name]

            text = re.sub(r"\d+", lambda m: str(rng.randrange(10 ** len(m.group()))), pattern.sub(rename, article.text))
            record = {"id": f"a{n:06d}", "title": article.title, "text": text,
                      "date": f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "source": "bench"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    lines = path.read_text(encoding="utf-8").splitlines()
    rng.shuffle(lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed_build(args: list[str]) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one ``kg build`` in its own process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg.cli", "build", *args], check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for size in sizes:
            corpus = make_corpus(size, work / f"corpus-{size}.jsonl")
            chars = sum(len(json.loads(line)["text"]) for line in corpus.open(encoding="utf-8"))
            out, cache = work / f"out-{size}", work / f"cache-{size}.sqlite"
            seconds, peak = timed_build([str(corpus), "-o", str(out), "--cache", str(cache)])
            report = json.loads((out / "report.json").read_text(encoding="utf-8"))
            stages = ", ".join(f"{k} {v:.1f}" for k, v in report["timings_s"].items())
            print(f"{size:>6} articles ({chars:,} chars): {seconds:7.1f} s  {size / seconds:6.1f} articles/s  "
                  f"peak RSS {peak:,.0f} MB  (cold cache)")
            print(f"         stages (s): {stages}; NER ran on {report['ner']['chars_run']:,} chars "
                  f"({report['ner']['sentences_run']:,} distinct sentences of {report['counts']['sentences']:,}); "
                  f"{report['counts']['entities']:,} entities, {report['counts']['relations']:,} relations")
            warm, _ = timed_build([str(corpus), "-o", str(out), "--cache", str(cache), "--min-weight", "2"])
            print(f"{size:>6} articles, graph options changed, cache warm: {warm:7.1f} s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
