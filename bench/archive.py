"""A real archive end to end: 67,872 articles of 2023 news built into one store, then 新闻联播 added.

The two news files of ``../shared/data/news`` are turned into JSONL records the way a user would
turn them (``records``), then ``kg build`` makes the store and the graph of the whole archive; a
second, ``kg build --add-only``, adds the 新闻联播 transcripts to the same store (the map alone, as a
feed adds), and a third, without inputs, makes the graph of all the store then holds. Each build
runs in a process of its own; the bench reports its wall time, its stages (``report.json``'s
timings), its peak RSS, the store's size and what the graph holds.

- ``crud_rag_2023.txt.xz``: one article a line, ``YYYY-MM-DD HH:MM:SS，正文：`` then the text; some
  lines give the date without the year (``07-20 15:29，正文：``, all of 2023), some none.
- ``xinwenlianbo_2022_2026.txt.xz``: one paragraph a line; each story ends with a
  ``[查看原文](https://tv.cctv.com/YYYY/MM/DD/...)`` line, which gives its date.

Run by hand (about half an hour on a 2-core machine; ``--limit`` for a smaller run):

    .venv/bin/python bench/archive.py [--work DIR] [--limit N] [--model fast]
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

from build_speed import timed_build  # bench/ is on sys.path when a bench runs: one measured kg build

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"
ARCHIVE, INCREMENT = NEWS / "crud_rag_2023.txt.xz", NEWS / "xinwenlianbo_2022_2026.txt.xz"
_CRUD_DATE = re.compile(r"(?:(\d{4})-)?(\d\d)-(\d\d)\b")  # 2023-08-16 18:24:57, or 07-20 15:29 without the year
CRUD_YEAR = "2023"
_CCTV_SOURCE = re.compile(r"^\[查看原文\]\(https?://tv\.cctv\.com/(\d{4})/(\d\d)/(\d\d)/")


def archive_records(path: Path) -> Iterator[dict]:
    """crud_rag's lines as records: one article a line, its date (if any) before ``，正文：``."""
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            head, marker, text = line.strip().partition("，正文：")
            text = text if marker else head
            date = _CRUD_DATE.match(head) if marker else None
            if text.strip():
                yield {"id": f"crud-{number}", "date": _iso(date), "text": text.strip()}


def _iso(date: re.Match | None) -> str:
    """``2023-08-16`` of ``2023-08-16 18:24`` or of ``08-16 18:24`` (the file is of 2023), else empty."""
    return f"{date.group(1) or CRUD_YEAR}-{date.group(2)}-{date.group(3)}" if date else ""


def transcript_records(path: Path) -> Iterator[dict]:
    """新闻联播's stories as records: the paragraphs up to each ``[查看原文](url)`` line, dated by the url."""
    paragraphs: list[str] = []
    number = 0
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            match = _CCTV_SOURCE.match(line.strip())
            if not match:
                if line.strip():
                    paragraphs.append(line.strip())
                continue
            if paragraphs:
                number += 1
                yield {"id": f"xwlb-{number}", "date": "-".join(match.groups()), "text": "\n".join(paragraphs)}
            paragraphs = []


def write_records(records: Iterator[dict], path: Path, limit: int | None) -> tuple[int, int]:
    """Writes ``records`` (the first ``limit``) as JSONL; returns how many, and their characters of text."""
    count = chars = 0
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            if limit is not None and count >= limit:
                break
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count, chars = count + 1, chars + len(record["text"])
    return count, chars


def measured_build(inputs: list[Path], store: Path, output: Path, options: list[str] = ()) -> dict:
    """``kg build [INPUTS] --store STORE -o OUTPUT [OPTIONS]`` in a process of its own: wall time, peak RSS, report."""
    seconds, peak_mb = timed_build([*map(str, inputs), "--store", str(store), "-o", str(output), *options])
    report = json.loads((output / "report.json").read_text(encoding="utf-8"))
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(peak_mb), "counts": report["counts"],
            "timings_s": report["timings_s"], "store_mb": round(store.stat().st_size / 2**20),
            "top_entities": top_entities(output)}


def measured_add(inputs: Path, store: Path, output: Path, options: list[str] = ()) -> dict:
    """``kg build INPUTS --store STORE --add-only`` in a process of its own: wall time, peak RSS, store size."""
    seconds, peak_mb = timed_build([str(inputs), "--store", str(store), "--add-only", "-o", str(output), *options])
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(peak_mb), "store_mb": round(store.stat().st_size / 2**20)}


def top_entities(output: Path, count: int = 10) -> list[str]:
    """The most connected entities: what the page shows largest."""
    import pandas as pd

    entities = pd.read_csv(output / "entities.csv", usecols=["name", "degree"])
    return entities.sort_values("degree", ascending=False)["name"].head(count).tolist()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("output/archive-bench"), help="folder for records, store, outputs")
    parser.add_argument("--limit", type=int, help="only the first N articles of each file")
    parser.add_argument("--model", help="kg build's --model (default: the shipped model)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    store = args.work / "archive.duckdb"
    for stale in (store, store.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)  # the bench measures a build from nothing
    results = {"cpus": os.cpu_count(), "limit": args.limit, "model": args.model or "shipped"}
    options = ["--model", args.model] if args.model else []
    for name, source, reader in (("archive", ARCHIVE, archive_records), ("increment", INCREMENT, transcript_records)):
        records = args.work / f"{name}.jsonl"
        start = time.perf_counter()
        articles, chars = write_records(reader(source), records, args.limit)
        print(f"{name}: {articles:,} records from {source.name} in {time.perf_counter() - start:.0f} s", flush=True)
        output = args.work / f"out-{name}"
        if name == "archive":
            results[name] = {"records": articles, "chars": chars, **measured_build([records], store, output, options)}
        else:  # added as a feed adds, then the graph of the whole store made from it
            results[name] = {"records": articles, "chars": chars, **measured_add(records, store, output, options)}
            results["graph_after_increment"] = measured_build([], store, output, options)
        print(json.dumps(results[name], ensure_ascii=False), flush=True)
        results["load_average"] = os.getloadavg()
    (args.work / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
