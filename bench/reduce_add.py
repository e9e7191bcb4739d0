"""What the reduce costs, whole and after an add: N made-up articles stored and reduced, then M
more added and reduced again (only the pairs they touch are made again, from a copy of the
stored relations, swapped in with the reduce's other tables in one transaction). No NER: the
facts are made up (10 sentences an article, each naming two of some thousands of people), so
only the reduce is measured. Run by hand:

    .venv/bin/python bench/reduce_add.py 20000 1000     # N and M
"""

from __future__ import annotations

import resource
import sys
import time

from kg.extract import ArticleFacts, MapOptions
from kg.options import ReduceOptions
from kg.records import Article, Mention, Role, Sentence
from kg.reduce import reduce
from kg.roles import TitleLexicon
from kg.store import Store


def facts_of(n: int) -> ArticleFacts:
    """Article ``n``'s made-up facts: each sentence names two people, one of them its lead."""
    article_id = f"a{n:07d}"
    lead, sentences, mentions = f"王{n % 997}", [], []
    for i in range(10):
        other = f"李{(n * 7 + i) % 3001}"
        text = f"市委书记{lead}会见{other}，双方交换意见。"
        sentences.append(Sentence(article_id, i, 20 * i, 20 * i + len(text), text))
        mentions += [Mention(article_id, i, 20 * i + 4, 20 * i + 4 + len(lead), lead, "person"),
                     Mention(article_id, i, 20 * i + 6 + len(lead), 20 * i + 6 + len(lead) + len(other), other, "person")]
    text = "".join(s.text for s in sentences)
    return ArticleFacts(Article(article_id, text, "bench", date="2023-04-27"), sentences, mentions,
                        [m.text for m in mentions], [Role(lead, "书记", "衡阳市委", article_id, 0)])


def add(store: Store, first: int, count: int) -> None:
    for start in range(first, first + count, 1000):
        facts = [facts_of(n) for n in range(start, min(start + 1000, first + count))]
        store.add(facts, [[[] for _ in f.sentences] for f in facts], [None] * len(facts), [])


def timed_reduce(store: Store, options: MapOptions) -> tuple[float, int]:
    clock = time.perf_counter()
    reduced = reduce(store, options, ReduceOptions())
    return time.perf_counter() - clock, reduced.relation_count


def main(articles: int, more: int) -> None:
    options = MapOptions(TitleLexicon.load(), {}, frozenset(), "衡阳")
    store = Store()
    add(store, 0, articles)
    took, pairs = timed_reduce(store, options)
    print(f"reduce of {articles:,} articles: {took:.1f} s, {pairs:,} relations")
    add(store, articles, more)
    took, pairs = timed_reduce(store, options)
    print(f"reduce after {more:,} more: {took:.1f} s, {pairs:,} relations; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000, int(sys.argv[2]) if len(sys.argv) > 2 else 1_000)
