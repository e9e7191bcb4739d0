"""The near-duplicate finder at N articles: seconds, articles per second, peak memory, copies found.

The corpus: the bundled sample articles with their characters reshuffled at random (so no two
articles share wording by accident; ~840 characters each on average), plus one in ten articles a
copy of an earlier one with five characters changed, as a reprint is (a short original changed in
five places falls below the 0.8 threshold, so not every copy made is a copy found).

Run by hand: .venv/bin/python bench/dedup_speed.py [N]   (default 10000)
"""

from __future__ import annotations

import random
import resource
import sys
import time
import tracemalloc

from kg import pipeline
from kg.duplicates import Duplicates
from kg.records import Article


def corpus(count: int, seed: int = 1) -> tuple[list[Article], int]:
    rng = random.Random(seed)
    texts = [a.text for a in pipeline.build().articles]
    chars = sorted(set("".join(texts)))
    articles, copies = [], 0
    for n in range(count):
        if n and rng.random() < 0.1:
            original = articles[rng.randrange(len(articles))].text
            text = list(original)
            for _ in range(5):
                text[rng.randrange(len(text))] = rng.choice(chars)
            copies += 1
        else:
            text = [rng.choice(chars) if rng.random() < 0.3 else c for c in rng.choice(texts)]
            rng.shuffle(text)
        articles.append(Article(f"a{n}", "".join(text), "bench"))
    return articles, copies


def main(count: int = 10_000) -> dict:
    articles, copies = corpus(count)
    start = time.perf_counter()
    finder = Duplicates()
    found = sum(finder.original_of(article) is not None for article in articles)
    seconds = time.perf_counter() - start
    tracemalloc.start()  # again, to measure what the finder holds (tracing slows it, so not timed)
    finder = Duplicates()
    for article in articles:
        finder.original_of(article)
    held = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    chars = sum(len(a.text) for a in articles)
    result = {"articles": count, "chars": chars, "seconds": seconds, "articles_per_s": count / seconds,
              "copies_made": copies, "copies_found": found, "peak_rss_mb": peak / 1024,
              "finder_peak_mb": held / 1e6}
    print(f"{count:,} articles ({chars:,} chars): {seconds:.1f} s, {count / seconds:,.0f} articles/s; "
          f"{found:,} copies found of {copies:,} made; the finder's memory at its peak {held / 1e6:,.0f} MB "
          f"(process peak RSS {peak / 1024:,.0f} MB, the model included)")
    return result


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
