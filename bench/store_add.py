"""What a transaction costs the store: ``Store.add`` of articles, a batch at a time as the map hands
them on, each batch one transaction (as a build does) or the whole add one transaction. No NER,
no reduce: the facts are made up (20 sentences, 10 mentions and a role an article), so only the
store's writes are measured, each way in a process of its own, which reports its peak RSS. Run
by hand:

    .venv/bin/python bench/store_add.py 30000          # 30k articles into a new store, both ways
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.extract import ArticleFacts
from kg.records import Article, Mention, Role, Sentence
from kg.store import Store

BATCH = 1000  # articles a flush: 20,000 sentences, as kg.pipeline.STREAM_SENTENCES
WAYS = ("a transaction a batch", "one transaction")


def facts_of(n: int) -> ArticleFacts:
    """Article ``n``'s made-up facts."""
    article_id = f"a{n}"
    sentences = [Sentence(article_id, i, 40 * i, 40 * i + 39, f"第{n}篇第{i}句，市委书记王{n % 997}会见李{i}。" * 2)
                 for i in range(20)]
    mentions = [Mention(article_id, i, 40 * i + 6, 40 * i + 9, f"王{n % 997}", "person") for i in range(10)]
    text = "".join(s.text for s in sentences)
    return ArticleFacts(Article(article_id, text, "bench"), sentences, mentions, [m.text for m in mentions],
                        [Role(f"王{n % 997}", "书记", "衡阳市委", article_id, 0)])


def add(store: Store, first: int, count: int) -> None:
    for start in range(first, first + count, BATCH):
        facts = [facts_of(n) for n in range(start, min(start + BATCH, first + count))]
        store.add(facts, [[[] for _ in f.sentences] for f in facts], [None] * len(facts), [])


def one_way(count: int, way: str) -> None:
    """Adds ``count`` articles to a new store ``way``; prints the time, the peak RSS and the file's size."""
    work = Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    try:
        store = Store(work / "kg.duckdb")
        clock = time.perf_counter()
        if way == "one transaction":
            with store.transaction():
                add(store, 0, count)
        else:
            add(store, 0, count)
        store.db.execute("CHECKPOINT")  # as a build does before its reduce
        seconds = time.perf_counter() - clock
        size = (work / "kg.duckdb").stat().st_size / 2**20
        store.close()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{count:,} articles, {way}: {seconds:.1f} s, peak RSS {peak:,.0f} MB, store {size:,.0f} MB", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--way"]:
        one_way(int(sys.argv[3]), sys.argv[2])
    else:
        for way in WAYS:
            subprocess.run([sys.executable, __file__, "--way", way, sys.argv[1]], check=True)
