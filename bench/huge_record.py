"""One huge record (a 50 MB JSONL line by default) built end to end: peak RSS and time.

The record's paragraphs are drawn from a pool of distinct ones (``--pool``), so that the model
runs on a few thousand distinct sentences and the figure is what reading, cutting into parts,
mapping and storing the record cost; ``--pool 0`` makes every paragraph new (NER on all of it,
minutes). Also: ``--kind txt`` (a huge page) and ``--kind csv`` (one long field); ``--kind html``
reads a saved web page of that size (no build): how long, and how soon a signal stops it.

Run by hand: .venv/bin/python bench/huge_record.py [MB] [--pool N] [--kind jsonl|txt|csv|html]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

PEOPLE = ["邓群策", "朱健", "侯锋", "李明", "王芳", "张小平", "刘慧玲", "陈润"]
PLACES = ["衡阳市", "祁东县", "耒阳市", "常宁市", "衡山县", "长沙市"]
BODIES = ["衡阳市委", "中国水环境集团", "衡阳市政府", "湖南省交通厅"]


def paragraph(rng: random.Random) -> str:
    sentences = [rng.choice([
        f"{rng.choice(PLACES)}{rng.choice(BODIES)}书记{rng.choice(PEOPLE)}调研了{rng.randint(1, 60)}个项目。",
        f"{rng.choice(PEOPLE)}会见{rng.choice(BODIES)}董事长{rng.choice(PEOPLE)}一行，双方就合作进行了交流。",
        f"{rng.choice(PEOPLE)}强调，要抓好{rng.choice(PLACES)}的安全生产工作。",
    ]) for _ in range(8)]
    return "".join(sentences)


def huge_text(megabytes: float, pool: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    paragraphs = [paragraph(rng) for _ in range(pool)] if pool else None
    parts, size = [], 0
    while size < megabytes * 2**20:
        part = (rng.choice(paragraphs) if paragraphs else paragraph(rng)) + "\n\n"
        parts.append(part)
        size += len(part.encode())
    return "".join(parts)


def write_input(folder: Path, kind: str, text: str) -> Path:
    path = folder / f"huge.{kind}"
    if kind == "jsonl":
        path.write_text(json.dumps({"id": "huge", "date": "2023-04-27", "text": text}, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    elif kind == "csv":
        with open(path, "w", encoding="utf-8", newline="") as file:
            csv.writer(file).writerows([["id", "text"], ["huge", text]])
    else:
        path.write_text("本报讯 " + text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("megabytes", nargs="?", type=float, default=50)
    parser.add_argument("--pool", type=int, default=300, help="distinct paragraphs (0: all new)")
    parser.add_argument("--kind", choices=["jsonl", "txt", "csv", "html"], default="jsonl")
    args = parser.parse_args()
    if args.kind == "html":
        return web_page(args.megabytes)
    from kg import pipeline, reduce

    map_peak = []  # the peak RSS of reading and the map: what the record's size bounds, not the corpus's facts
    whole = reduce.reduce
    reduce.reduce = lambda *a, **k: (map_peak.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024),
                                     whole(*a, **k))[1]
    with tempfile.TemporaryDirectory() as folder:
        path = write_input(Path(folder), args.kind, huge_text(args.megabytes, args.pool))
        size = path.stat().st_size
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        clock = time.perf_counter()
        build = pipeline.build([path], store=Path(folder) / "kg.duckdb")
        seconds = time.perf_counter() - clock
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        counts = build.counts()
    timings = ", ".join(f"{k} {v:.1f} s" for k, v in build.timings.items())
    print(f"{args.kind}, one record of {size / 2**20:.1f} MB (pool {args.pool}): {seconds:.1f} s ({timings}); "
          f"peak RSS {peak} MB (reading and the map: {map_peak[0]} MB; before the build: {before} MB); "
          f"{counts['articles']} parts, {counts['sentences']:,} sentences, {counts['mentions']:,} mentions",
          file=sys.stdout)


def web_page(megabytes: float) -> None:
    """Reads a saved page of ``megabytes``; then reads it again and stops it with a signal after 1 s."""
    import signal

    from kg import ingest

    body = "".join(f"<p>{paragraph(random.Random(n))}</p>\n" for n in range(int(megabytes * 2**20 / 700)))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(f"<html><body><article><h1>大页面</h1>{body}</article></body></html>", encoding="utf-8")
        clock = time.perf_counter()
        report = ingest.FileReport(path.name)
        articles = ingest.read_file(path, report)
        seconds = time.perf_counter() - clock

        def stop(*_):
            raise KeyboardInterrupt

        signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, 1.0)
        clock = time.perf_counter()
        try:
            ingest.read_file(path, ingest.FileReport(path.name))
            late = "the read ended first"
        except KeyboardInterrupt:
            late = f"stopped {time.perf_counter() - clock - 1.0:.2f} s after the signal"
    chars = len(articles[0].text) if articles else 0
    print(f"html, a page of {megabytes:.1f} MB: read in {seconds:.1f} s, "
          f"{chars:,} characters of article text; {'; '.join(report.warnings)}; a signal 1 s in: {late}")


if __name__ == "__main__":
    main()
