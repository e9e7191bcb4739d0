"""The NER cache, local workers and the Dask path: less work, the same graph."""

import networkx as nx
import pytest

from kg import pipeline
from kg.ingest import SAMPLES
from kg.ner import NamedEntityRecognizer
from kg.options import Recognition

PAGES = sorted(SAMPLES.glob("*.txt"))


class CountingRecognizer(NamedEntityRecognizer):
    """The real shipped model, counting the sentences it is asked to recognize."""

    def __init__(self, model=None, precision="auto"):
        super().__init__(model, precision=precision)
        self.sentences = 0

    def recognize(self, texts):
        self.sentences += len(texts)
        return super().recognize(texts)


def same_graph(a: nx.Graph, b: nx.Graph) -> bool:
    return dict(a.nodes(data=True)) == dict(b.nodes(data=True)) and \
        {tuple(sorted(e[:2])): e[2] for e in a.edges(data=True)} == {tuple(sorted(e[:2])): e[2] for e in b.edges(data=True)}


def test_second_build_runs_no_ner_and_one_new_article_runs_only_its_sentences(tmp_path):
    cache = tmp_path / "ner.sqlite"
    first = CountingRecognizer()
    one = pipeline.build(PAGES[:4], recognition=Recognition(first, cache=cache))
    assert first.sentences > 0
    again = CountingRecognizer()
    two = pipeline.build(PAGES[:4], recognition=Recognition(again, cache=cache))
    assert again.sentences == 0 and same_graph(one.graph, two.graph)
    assert two.ner_counts["sentences_run"] == 0 < one.ner_counts["sentences_run"] and two.ner_counts["cache_hits"] > 0
    more = CountingRecognizer()
    three = pipeline.build(PAGES, recognition=Recognition(more, cache=cache))
    new_sentences = {s.text for s in three.sentences if s.article_id.startswith(PAGES[4].stem)}
    old_sentences = {s.text for s in two.sentences}
    assert 0 < more.sentences <= len(new_sentences - old_sentences)


def test_another_model_misses_the_cache(tmp_path):
    from kg.cli import main

    model = tmp_path / "model"
    assert main(["train-ner", "--limit", "200", "--epochs", "1", "--rnn-hidden", "32", "--device", "cpu",
                 "-o", str(model)]) == 0
    cache = tmp_path / "ner.sqlite"
    pipeline.build(PAGES[:1], recognition=Recognition(CountingRecognizer(), cache=cache))
    other = CountingRecognizer(model)
    pipeline.build(PAGES[:1], recognition=Recognition(other, cache=cache))
    assert other.sentences > 0


def test_another_precision_misses_the_cache(tmp_path):
    cache = tmp_path / "ner.sqlite"
    pipeline.build(PAGES[:1], recognition=Recognition(CountingRecognizer(precision="float32"), cache=cache))
    other = CountingRecognizer(precision="bfloat16")
    pipeline.build(PAGES[:1], recognition=Recognition(other, cache=cache))
    assert other.sentences > 0


def test_workers_give_the_same_graph(recognizer):
    alone = pipeline.build(PAGES[:2], recognition=Recognition(recognizer))
    pooled = pipeline.build(PAGES[:2], recognition=Recognition(recognizer, workers=2))
    assert same_graph(alone.graph, pooled.graph)


def test_each_local_worker_gets_its_share_of_the_cores():
    import torch

    from kg.distributed import available_cores, local_pool

    with local_pool(2) as pool:
        threads = {pool.submit(torch.get_num_threads).result() for _ in range(4)}
    assert threads == {max(1, available_cores() // 2)}


def test_dask_cluster_gives_the_same_graph(recognizer):
    distributed = pytest.importorskip("dask.distributed")
    alone = pipeline.build(PAGES[:2], recognition=Recognition(recognizer))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                                  processes=True) as cluster:
        on_dask = pipeline.build(PAGES[:2], recognition=Recognition(recognizer, scheduler=cluster.scheduler_address))
    assert same_graph(alone.graph, on_dask.graph)


def test_unreachable_scheduler_is_one_clear_error(recognizer):
    from kg.errors import KgError

    with pytest.raises(KgError, match="Dask scheduler"):
        pipeline.build(PAGES[:1], recognition=Recognition(recognizer, scheduler="tcp://127.0.0.1:9"))


def test_a_model_with_another_lexicon_has_another_key(tmp_path):
    from kg.cache import model_key
    from kg.lexicon import FILE, PLACE, Lexicon

    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    Lexicon({"衡阳": PLACE}).save(tmp_path / FILE)
    before = model_key(str(tmp_path))
    Lexicon({"衡阳": PLACE, "祁东": PLACE}).save(tmp_path / FILE)
    after = model_key(str(tmp_path))
    assert after != before
    (tmp_path / "train.log").write_text("another run", encoding="utf-8")
    assert model_key(str(tmp_path)) == after  # a log is not part of it
