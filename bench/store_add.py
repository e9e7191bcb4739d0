"""What writing an add as one transaction costs the store: ``Store.add`` of new articles to a
store of many, a batch at a time as the map hands them on, each statement committed on its own
(as kg did before) and all in one transaction (as a build does now). No NER, no reduce: the
facts are made up (20 sentences, 10 mentions and a role an article), so only the store's writes
are timed. Each run in a fresh copy of one store. Run by hand:

    .venv/bin/python bench/store_add.py 20000 1000     # a 20k store, 1k articles added
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from kg.extract import ArticleFacts
from kg.records import Article, Mention, Role, Sentence
from kg.store import Store

BATCH = 1000  # articles a flush: 20,000 sentences, as kg.pipeline.STREAM_SENTENCES


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


def main(size: int, extra: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    try:
        base = work / "base.duckdb"
        store = Store(base)
        with store.transaction():
            add(store, 0, size)
        store.close()
        print(f"store of {size:,} articles: {base.stat().st_size / 2**20:,.0f} MB")
        for name in ("each statement committed", "one transaction"):
            copy = work / "copy.duckdb"
            shutil.copyfile(base, copy)
            store = Store(copy)
            clock = time.perf_counter()
            if name == "one transaction":
                with store.transaction():
                    add(store, size, extra)
            else:
                add(store, size, extra)
            store.db.execute("CHECKPOINT")  # as a build does before its reduce
            print(f"add {extra:,} ({name}): {time.perf_counter() - clock:.2f} s")
            store.close()
            copy.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
