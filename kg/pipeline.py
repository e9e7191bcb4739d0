"""The orchestrator: files -> articles -> sentences -> mentions -> entities -> relations -> graph."""

from __future__ import annotations

import gc
import hashlib
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from kg import ingest, reduce
from kg.cache import NerCache
from kg.dates import date_option
from kg.distributed import recognize_chunks
from kg.duplicates import Duplicates
from kg.errors import KgError
from kg.extract import MapOptions, extract
from kg.graph import release_freed_memory
from kg.ner import NamedEntityRecognizer
from kg.options import DEDUP, Recognition, ReduceOptions
from kg.options import map_options as load_map_options
from kg.progress import Overall, Progress
from kg.records import Article, Mention, Sentence, Spans
from kg.reduce.relations import MAX_ARTICLE_ENTITIES
from kg.store import Store, content_hash, memory_said, store_said


@dataclass
class Build:
    """Everything one build produced: what it read (files, timings, warnings), the store that
    holds the articles and what the map found in them (read from it when asked for), and the
    reduce's result, :attr:`reduced`, which a Build holds: its entities, roles and graph are the
    ``reduced``'s, reached through the build for short."""

    store: Store  #: the articles and their facts (kg.store), a temporary file unless --store named one
    reduced: reduce.Reduced
    files: list[ingest.FileReport] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  #: seconds of each stage
    ner_counts: dict[str, int] = field(default_factory=dict)  #: sentences and characters the model ran on, cache use
    warnings: list[str] = field(default_factory=list)  #: problems of the build itself (not of one file)
    byline_edges: bool = False  #: whether reporters were linked to what they wrote about
    keep: frozenset[str] | None = None  #: the articles of a slice (:func:`slice_by_dates`); None: all

    entities = property(lambda self: self.reduced.entities)
    roles = property(lambda self: self.reduced.roles)
    role_ids = property(lambda self: self.reduced.role_ids)  #: (person id, organization id) of each role
    graph = property(lambda self: self.reduced.graph)
    home_city = property(lambda self: self.reduced.home_city)

    def _kept(self, article_id: str) -> bool:
        return self.keep is None or article_id in self.keep

    @cached_property
    def articles(self) -> list[Article]:
        return [a for a in self.store.articles() if self._kept(a.id)]

    @cached_property
    def duplicates(self) -> list[Article]:
        """Copies of earlier articles, left out of the graph."""
        return [a for a in self.store.articles(copies=True) if self._kept(a.duplicate_of)]

    @cached_property
    def sentences(self) -> list[Sentence]:
        return [s for s in self.store.sentences() if self._kept(s.article_id)]

    @cached_property
    def _mentions(self) -> list[tuple[Mention, str]]:
        return [(m, owner) for m, owner in self.store.mention_entities() if self._kept(m.article_id)]

    def counts(self) -> dict[str, int]:
        """How many articles (and of them undated), copies, sentences and mentions the graph rests on:
        counted by the store, so nothing is read into lists for it."""
        if self.keep is not None:  # a slice: its lists are small enough
            return {"articles": len(self.articles), "articles_without_date": sum(not a.date for a in self.articles),
                    "duplicates": len(self.duplicates), "sentences": len(self.sentences),
                    "mentions": len(self.mentions)}
        return self.store.counts()

    mentions = property(lambda self: [m for m, _ in self._mentions])  #: by article and offset
    owners = property(lambda self: [owner for _, owner in self._mentions])  #: the entity id of each mention


FILE_BATCH = 1000  # articles of one file handed on at a time: a 100,000-record file is never a list


def iter_files(inputs: list[str | Path], exclude: tuple[Path, ...] = (), date: str = "",
               since: str = "", until: str = "", overall: Overall | None = None
               ) -> Iterator[tuple[ingest.FileReport, list[Article]]]:
    """Each input file's report and articles, a file (or :data:`FILE_BATCH` articles of a file) at
    a time; none when no input.

    ``exclude`` names the build's own output folder and cache, never read back; ``date`` is the
    date of pages that neither their name nor their dateline dates (``--date``); ``since`` and
    ``until`` (ISO dates, inclusive) keep only the articles dated between them. Article ids are
    made unique across files (a repeated id gets ``~2``, with a warning naming file and line).
    ``overall`` learns the input's size and follows the bytes read.
    """
    check_inputs(inputs)
    seen: set[str] = set()
    repeats: dict[str, int] = {}
    found = list(ingest.find_inputs(inputs, exclude))  # listed first: the progress shows the whole input's size
    sizes = [_size(path) if not reason else 0 for path, reason in found]
    overall = overall if overall is not None else Overall(0)
    overall.total, finished = sum(sizes), 0
    for (path, reason), size in zip(found, sizes):
        report = ingest.FileReport(ingest.shown(path))  # a name's bytes that are no UTF-8 shown as \xb0
        if reason:
            report.skip(reason)
            yield report, []
            continue
        articles = []
        def at(read: int, start: int = finished) -> None:  # bytes read of this file
            overall.done = start + read

        for line, article in ingest.iter_articles(path, report, date, at):
            if (since or until) and not (article.date and since <= article.date <= (until or "9999")):
                report.outside_dates += 1
                report.articles -= 1  # counts the articles the build uses
                continue
            if article.id in seen:
                n = repeats.get(article.id, 2)
                while f"{article.id}~{n}" in seen:
                    n += 1
                repeats[article.id] = n + 1
                unique = f"{article.id}~{n}"
                where = f"{ingest.shown(path.name)}:{line}" if line else ingest.shown(path.name)
                report.warnings.append(f"{where}: article id {article.id!r} seen before; renamed {unique!r}")
                article = replace(article, id=unique)
            seen.add(article.id)
            articles.append(article)
            if len(articles) == FILE_BATCH:
                yield report, articles
                articles = []
        finished = overall.done = finished + size
        yield report, articles


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def check_inputs(inputs: list[str | Path]) -> None:
    """Raises :class:`KgError` for an input path that is empty or does not exist."""
    for path in inputs:
        if not str(path).strip():
            raise KgError("an input path is empty ('' would mean the current folder: name it, e.g. '.')")
        if not Path(path).exists() and not Path(path).is_symlink():
            raise KgError(f"{ingest.shown(path)}: no such file or folder")


def _recognize_with_progress(sentences: list[Sentence], recognizer: NamedEntityRecognizer,
                             cache: NerCache | None = None, workers: int = 1, scheduler: str | None = None,
                             chunk: int = 2000, counts: dict[str, int] | None = None,
                             overall: Overall | None = None) -> list[list[tuple[int, int, str]]]:
    """The model's spans for every sentence: from the cache, else from the NER map, with progress
    (of the whole input, when ``overall`` follows it).

    ``counts`` gains the sentences and characters the model ran on (each distinct text once).
    """
    texts = [s.text for s in sentences]
    unique = list(dict.fromkeys(texts))
    results = cache.get_many(unique) if cache else {}
    todo = [t for t in unique if t not in results]
    if counts is not None:
        counts["sentences_run"] = counts.get("sentences_run", 0) + len(todo)
        counts["chars_run"] = counts.get("chars_run", 0) + sum(map(len, todo))
    progress = Progress(len(texts), "sentences", "recognizing entities", overall=overall)
    done = len(texts) - len(todo)
    if workers > 1 or scheduler:  # several chunks a worker, so the work spreads evenly
        chunk = max(50, min(chunk, -(-len(todo) // (4 * max(workers, 2)))))
    chunks = [todo[i:i + chunk] for i in range(0, len(todo), chunk)]
    for part, spans in zip(chunks, recognize_chunks(chunks, recognizer, workers, scheduler)):
        found = dict(zip(part, spans))
        results.update(found)
        if cache:
            cache.put_many(found)
        done += len(part)
        progress.update(done)
    progress.close()
    return [results[t] for t in texts]


def build(inputs: list[str | Path] | None = None, map_options: MapOptions | None = None,
          recognition: Recognition | None = None, reduce_options: ReduceOptions | None = None, *,
          date: str = "", since: str = "", until: str = "", dedup: float = DEDUP,
          store: str | Path | Store | None = None, rebuild: bool = False, exclude: tuple[Path, ...] = ()) -> Build:
    """Reads the inputs and builds the graph; see :func:`kg.build` for the notebook-facing API.

    ``map_options`` (:func:`kg.options.map_options`), ``recognition`` and ``reduce_options``
    (:mod:`kg.options`) are made once by the caller; None: the defaults. ``exclude``: paths never
    read (the build's own output folder; the NER cache and the store are never read either; any
    kg output folder is passed over anyway). ``date``: the date of pages whose file name and
    dateline give none; ``since`` / ``until``: only articles dated from / up to then (both any
    form :func:`kg.dates.iso_date` reads). ``dedup``: how similar (Jaccard, 0 to 1) an article
    must be to an earlier one to count as its copy (:mod:`kg.duplicates`); 0 counts every
    article. ``store``: the corpus store (a DuckDB file, see :mod:`kg.store`) the build adds the
    articles it lacks to, and whose every article the graph holds (None: a temporary store of
    these inputs only); ``rebuild`` empties it first. With a store file, ``since`` / ``until``
    also slice what it held before, and the slice is computed beside the store, never written
    into it. No inputs: the graph of what the store holds, or, without a store, of the bundled samples.
    """
    _check_dedup(dedup)
    date, since, until = date_option("--date", date), date_option("--since", since), date_option("--until", until)
    if since and until and since > until:
        raise KgError(f"--since {since} is after --until {until}")
    map_options = map_options if map_options is not None else load_map_options()
    recognition = recognition or Recognition()
    inputs = list(inputs or [])
    if rebuild and not inputs:
        raise KgError("--rebuild empties the store to build it again from the inputs: name them")
    if not inputs and store is None:
        inputs = [ingest.SAMPLES]  # a build of a store without inputs adds nothing: it builds what the store holds
    built = _over_inputs(inputs, store, recognition, exclude, (date, since, until), lambda batches, opened, overall: _build(
        batches, opened, map_options, recognition, reduce_options or ReduceOptions(), dedup, rebuild, overall))
    if built.store.path and (since or until):  # a lasting store holds articles of other spans too
        sliced = slice_by_dates(built, since, until)
        return replace(sliced, files=built.files, timings=built.timings, warnings=built.warnings)
    return built


def _check_dedup(dedup: float) -> None:
    if not 0 <= dedup <= 1:
        raise KgError(f"--dedup is a similarity from 0 (off) to 1, not {dedup}")


def open_store(store: str | Path | Store | None) -> Store:
    """The store a build adds to: the one given, the DuckDB file named, or a new temporary one."""
    return store if isinstance(store, Store) else Store(store)


def build_articles(articles: list[Article], map_options: MapOptions | None = None,
                   recognition: Recognition | None = None, reduce_options: ReduceOptions | None = None, *,
                   dedup: float = DEDUP, store: str | Path | Store | None = None, rebuild: bool = False) -> Build:
    """The graph of articles already in hand (options as for :func:`build`); an article too long
    to map at once goes in parts, as a file's does."""
    with memory_said():
        return _build(_in_memory(articles), open_store(store),
                      map_options if map_options is not None else load_map_options(), recognition or Recognition(),
                      reduce_options or ReduceOptions(), dedup=dedup, rebuild=rebuild)


def add_articles(articles: list[Article], map_options: MapOptions | None = None,
                 recognition: Recognition | None = None, *, store: str | Path | Store, dedup: float = DEDUP,
                 rebuild: bool = False) -> Added:
    """:func:`add` for articles already in hand (as :func:`build_articles` is :func:`build`'s)."""
    with memory_said():
        opened = open_store(store)
        with store_said(opened):
            return _map(_in_memory(articles), opened, map_options if map_options is not None else load_map_options(),
                        recognition or Recognition(), dedup, rebuild)


def _in_memory(articles: list[Article]) -> list[tuple[ingest.FileReport, list[Article]]]:
    """Articles in hand as one file's batch; an article too long to map at once in parts, as a file's."""
    parts = [part for article in articles for part in ingest.article_parts(article)]
    return [(ingest.FileReport("(in memory)", articles=len(parts)), parts)]


STREAM_SENTENCES = 20_000  # NER starts once this many sentences are read, and so on, file after file


@dataclass
class Added:
    """What the map of a build added to the store, before any reduce: see :func:`add`."""

    store: Store
    files: list[ingest.FileReport]
    timings: dict[str, float]  #: seconds of each stage
    ner_counts: dict[str, int]  #: sentences and characters the model ran on, cache use
    warnings: list[str]  #: problems of the build itself (not of one file)
    report_of: dict[str, ingest.FileReport]  #: the file of each article it read

    def counts(self) -> dict[str, int]:
        """The articles the inputs added, those the store held already, and the originals it now holds."""
        return {"added": sum(r.articles for r in self.files), "already_there": sum(r.stored for r in self.files),
                "articles": self.store.originals()}


def add(inputs: list[str | Path], map_options: MapOptions | None = None, recognition: Recognition | None = None, *,
        store: str | Path | Store, date: str = "", since: str = "", until: str = "", dedup: float = DEDUP,
        rebuild: bool = False, exclude: tuple[Path, ...] = ()) -> Added:
    """The map alone: the inputs' new articles and their facts into ``store``, in time in
    proportion to the inputs (options as for :func:`build`; ``since`` / ``until`` choose which
    input articles are read). No reduce: the next :func:`build` of the store makes the graph of
    all it holds, its relations made again only where the added articles touch them."""
    if not inputs:
        raise KgError("an add without inputs adds nothing: name the files to add")
    _check_dedup(dedup)
    dates = date_option("--date", date), date_option("--since", since), date_option("--until", until)
    map_options = map_options if map_options is not None else load_map_options()
    recognition = recognition or Recognition()
    return _over_inputs(list(inputs), store, recognition, exclude, dates, lambda batches, opened, overall: _map(
        batches, opened, map_options, recognition, dedup, rebuild, overall))


def _over_inputs(inputs: list[str | Path], store: str | Path | Store | None, recognition: Recognition,
                 exclude: tuple[Path, ...], dates: tuple[str, str, str], work):
    """``work(batches, store, overall)`` over the inputs' files (:func:`iter_files`; ``dates``: the
    date, since and until), read as it goes, with the store open (a new temporary one for None), the
    NER cache and the store never read as inputs, and a full disk or memory said in one line."""
    exclude = (*exclude, Path(recognition.cache)) if recognition.cache else exclude
    with memory_said():
        store = open_store(store)
        exclude = (*exclude, store.path) if store.path else exclude
        overall = Overall(0)
        with store_said(store):
            return work(iter_files(inputs, exclude, *dates, overall), store, overall)


def _map(batches: Iterable[tuple[ingest.FileReport, list[Article]]], store: Store, options: MapOptions,
         recognition: Recognition, dedup: float = DEDUP, rebuild: bool = False, overall: Overall | None = None
         ) -> Added:
    """The map over the new articles (those ``store`` lacks), into the store. ``overall`` follows
    the input files' bytes read, for the progress line."""
    timings: dict[str, float] = {"read": 0.0, "ner": 0.0}
    ner_counts: dict[str, int] = {"sentences_run": 0, "chars_run": 0}
    ner = _Recognition(recognition.load(), recognition, timings, ner_counts, overall)
    files: list[ingest.FileReport] = []
    # Each change to the store is one transaction, whole or not at all however the build ends (kill -9
    # too): emptying it, mapping it again, finding its copies again, each batch of the map.
    if rebuild:
        with store.transaction():
            store.clear()
    warnings = _remap_stale(store, ner, options)
    with store.transaction():
        store.set("map", json.dumps(_map_key(ner.recognizer, options)))  # of every fact stored from now on
        warnings += _dedup_again(store, dedup)
        store.set("dedup", str(dedup))
    warnings += _map_unmapped(store, ner, options)
    report_of = _map_inputs(batches, store, ner, options, dedup, timings, files)
    warnings += ner.close()
    del ner  # the model (and its lexicon: 200 MB for --model fast) is let go before the reduce's peak
    gc.collect()  # torch modules hold cycles
    release_freed_memory()
    if not store.count():
        if not files and store.path:
            raise KgError(f"{store.path}: the store holds no articles yet; give the inputs to add to it")
        reasons = "; ".join(f"{Path(r.path).name}: {r.reason or 'no articles'}" for r in files) or "no files"
        raise KgError(f"nothing readable in the input ({reasons})")
    return Added(store, files, timings, ner_counts, warnings, report_of)


def _build(batches: Iterable[tuple[ingest.FileReport, list[Article]]], store: Store, options: MapOptions,
           recognition: Recognition, reduce_options: ReduceOptions, dedup: float = DEDUP, rebuild: bool = False,
           overall: Overall | None = None) -> Build:
    """The map over the new articles (those ``store`` lacks), into the store; then the reduce of all it holds.
    ``overall`` follows the input files' bytes read, for the progress line."""
    added = _map(batches, store, options, recognition, dedup, rebuild, overall)
    clock = time.perf_counter()
    store.db.execute("CHECKPOINT")  # the map's inserts into the file, where DuckDB can let go of them
    store.release()  # what DuckDB kept of them would lie under the reduce's peak
    reduced = reduce.reduce(store, options, reduce_options)
    for article_id, count in reduced.crowded.items():
        if article_id in added.report_of:  # read by this build
            report = added.report_of[article_id]
            report.warnings.append(f"{Path(report.path).name}: article {article_id!r} names {count:,} entities; "
                                   f"co-occurrence links only its {MAX_ARTICLE_ENTITIES} most named")
    added.timings["graph"] = time.perf_counter() - clock
    return Build(store, reduced, added.files, added.timings, added.ner_counts, added.warnings,
                 reduce_options.byline_edges)


def _map_inputs(batches: Iterable[tuple[ingest.FileReport, list[Article]]], store: Store, ner: _Recognition,
                options: MapOptions, dedup: float, timings: dict[str, float], files: list[ingest.FileReport]
                ) -> dict[str, ingest.FileReport]:
    """Maps the articles of ``batches`` the store lacks into it (their reports into ``files``);
    returns the file of each article read."""
    finder = Duplicates(dedup) if dedup else None
    for article_id, values in store.signatures() if finder else ():
        finder.remember(article_id, values)
    mapper = _Map(store, ner, options, finder, timings)
    stored_hashes, taken = store.hashes(), store.ids()
    clock = time.perf_counter()
    for report, batch in batches:  # files stream through: the map runs as sentences pile up
        if not files or files[-1] is not report:  # a file comes in batches
            files.append(report)
        batch = _unstored(batch, report, stored_hashes, taken)
        copies: list[Article] = []
        if finder:
            batch = _originals(batch, report, finder, copies)
        timings["read"] += time.perf_counter() - clock
        mapper.add(report, batch, copies)
        clock = time.perf_counter()
    timings["read"] += time.perf_counter() - clock
    mapper.flush(last=True)
    return mapper.report_of  # the MinHash index is the map's: 2 KB an article, freed with it


class _Map:
    """The map over the articles a build reads, a batch of :data:`STREAM_SENTENCES` sentences at a
    time: NER, :func:`kg.extract.extract`, and into the store; each file's report counts its own."""

    def __init__(self, store: Store, ner: _Recognition, options: MapOptions, finder: Duplicates | None,
                 timings: dict[str, float]) -> None:
        self.store, self.ner, self.options, self.finder, self.timings = store, ner, options, finder, timings
        self.articles: list[Article] = []
        self.sentences: list[Sentence] = []
        self.copies: list[Article] = []
        self.report_of: dict[str, ingest.FileReport] = {}  #: the file of each article this build read

    def add(self, report: ingest.FileReport, articles: list[Article], copies: list[Article]) -> None:
        """Takes a file's articles (and copies), running the map each time a batch is full: a file of
        100,000 records is mapped 20,000 sentences at a time, not all at once."""
        self.copies += copies
        for article in articles:
            self.articles.append(article)
            self.sentences += ingest.split_sentences(article)
            self.report_of[article.id] = report
            if len(self.sentences) >= STREAM_SENTENCES:
                self.flush()

    def flush(self, last: bool = False) -> None:
        """Maps and stores the pending articles; the copies wait for the last flush, when every
        original they copy is stored."""
        spans = self.ner.spans(self.sentences)
        clock = time.perf_counter()
        by_article = _per_article(self.articles, self.sentences, spans)
        facts = [extract(article, *parts, self.options) for article, parts in zip(self.articles, by_article)]
        self.store.add(facts, [article_spans for _, article_spans in by_article],
                       [self.finder.values(a.id) if self.finder else None for a in self.articles],
                       self.copies if last else [])
        for article_facts in facts:
            report = self.report_of[article_facts.article.id]
            report.sentences += len(article_facts.sentences)
            report.mentions += len(article_facts.mentions)
        self.articles, self.sentences = [], []
        if last:
            self.copies = []
        self.timings["mentions"] = self.timings.get("mentions", 0.0) + time.perf_counter() - clock


class _Recognition:
    """The model's spans of sentences, through the NER cache (opened once there is work for it), timed and counted."""

    def __init__(self, recognizer: NamedEntityRecognizer, recognition: Recognition, timings: dict[str, float],
                 counts: dict[str, int], overall: Overall | None = None) -> None:
        self.recognizer, self.cache_path = recognizer, recognition.cache
        self.workers, self.scheduler = recognition.workers, recognition.scheduler
        self.timings, self.counts, self.overall = timings, counts, overall
        self.cache: NerCache | None = None

    def spans(self, sentences: list[Sentence]) -> list[Spans]:
        if not sentences:
            return []
        clock = time.perf_counter()
        if self.cache_path and self.cache is None:
            self.cache = NerCache(self.cache_path, self.recognizer.identity)
        found = _recognize_with_progress(sentences, self.recognizer, self.cache, self.workers, self.scheduler,
                                         counts=self.counts, overall=self.overall)
        self.timings["ner"] += time.perf_counter() - clock
        return found

    def close(self) -> list[str]:
        """Closes the cache; returns its problems (a write that failed)."""
        if self.cache is None:
            return []
        self.counts["cache_hits"], self.counts["cache_misses"] = self.cache.hits, self.cache.misses
        self.cache.close()
        return self.cache.problems


def _map_key(recognizer: NamedEntityRecognizer, options: MapOptions) -> dict[str, str]:
    """What the stored facts depend on, part by part (digests of the lists)."""
    digest = lambda value: hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]
    return {"model": recognizer.identity, "titles": digest([options.titles.titles, options.titles.implied]),
            "aliases": digest(options.aliases), "stop": digest(sorted(options.stop)), "home city": options.home_city}


def _remap_stale(store: Store, ner: _Recognition, options: MapOptions) -> list[str]:
    """Runs the map again over the stored articles when an option it depends on changed (the model:
    NER too); returns a note saying what changed, for the report."""
    stored = json.loads(store.get("map") or "{}")
    current = _map_key(ner.recognizer, options)
    changed = [part for part in current if stored and stored.get(part) != current[part]]
    if not changed or not store.count():
        return []
    old = list(store.facts())
    if "model" in changed:
        sentences = [s for f, _ in old for s in f.sentences]
        per_article = [found for _, found in _per_article([f.article for f, _ in old], sentences, ner.spans(sentences))]
    else:
        per_article = [article_spans for _, article_spans in old]
    facts = [extract(f.article, f.sentences, article_spans, options) for (f, _), article_spans in zip(old, per_article)]
    # every article's facts are new: the reduce makes all its relations again
    store.replace_facts(facts, per_article, {"map": json.dumps(current), "reduced": ""})
    return [f"{', '.join(changed)} changed since the store was built: ran the map again over its {len(facts):,} articles"]


def _dedup_again(store: Store, dedup: float) -> list[str]:
    """Finds the copies among the stored articles again, in the order they were added, when
    ``dedup`` is not the similarity they were found with: an article that is a copy no more is
    left without facts, which :func:`_map_unmapped` then maps; one that is a copy now loses its
    facts. Returns a note for the report."""
    stored = store.get("dedup")
    if not stored or float(stored) == dedup or not store.count():
        return []
    rows = store.db.execute("SELECT id, text, duplicate_of FROM articles ORDER BY seq").fetchall()
    finder = Duplicates(dedup) if dedup else None
    duplicate_of = {article_id: (finder.original_of(Article(article_id, text, "")) or "") if finder else ""
                    for article_id, text, _ in rows}
    signatures = {article_id: finder.values(article_id) for article_id in duplicate_of} if finder else {}
    store.assign_copies(duplicate_of, signatures)
    store.set("reduced", "")  # what counts once changed: the relations are made anew
    copies = sum(bool(original) for original in duplicate_of.values())
    before = sum(bool(original) for *_, original in rows)
    note = (f"--dedup changed since the store was built ({float(stored):g}, now {dedup:g}): found the copies among "
            f"its {len(rows):,} articles again ({before:,} copies before, {copies:,} now)")
    return [note]


def _map_unmapped(store: Store, ner: _Recognition, options: MapOptions) -> list[str]:
    """Maps the stored originals that have sentences to map but no facts (an add that an older kg,
    which did not store an article and its facts in one transaction, left half done; an article that
    is a copy no more, :func:`_dedup_again`); returns a note for the report."""
    rows = store.db.execute("""
        SELECT id, text, source, title, date, url FROM articles a WHERE duplicate_of = ''
        AND NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id) ORDER BY seq""").fetchall()
    articles = [a for a in (Article(*row) for row in rows) if ingest.split_sentences(a)]
    if not articles:
        return []
    sentences = [s for a in articles for s in ingest.split_sentences(a)]
    by_article = _per_article(articles, sentences, ner.spans(sentences))
    with store.transaction():
        store.write_facts([extract(a, *parts, options) for a, parts in zip(articles, by_article)],
                          [article_spans for _, article_spans in by_article])
        store.set("reduced", "")  # they may lie below the last reduce's articles: its relations are made anew
    return [f"{len(articles):,} stored articles had no facts (an add stopped halfway, or copies no more): mapped them"]


def _unstored(batch: list[Article], report: ingest.FileReport, stored: set[str], taken: set[str]) -> list[Article]:
    """The articles of ``batch`` the store lacks; one whose id the store gives another article gets ``~2``…"""
    new = []
    for article in batch:
        if content_hash(article) in stored:
            report.stored += 1
            report.articles -= 1  # counts the articles the build reads
            continue
        if article.id in taken:
            n = 2
            while f"{article.id}~{n}" in taken:
                n += 1
            report.warnings.append(f"{Path(report.path).name}: article id {article.id!r} is stored for another "
                                   f"article; renamed {article.id}~{n}")
            article = replace(article, id=f"{article.id}~{n}")
        taken.add(article.id)
        new.append(article)
    return new


def _per_article(articles: list[Article], sentences: list[Sentence], spans: list[Spans]
                 ) -> list[tuple[list[Sentence], list[Spans]]]:
    """Each article's sentences and spans (none for an article without a sentence)."""
    grouped: dict[str, tuple[list[Sentence], list[Spans]]] = {}
    for sentence, found in zip(sentences, spans):
        here = grouped.setdefault(sentence.article_id, ([], []))
        here[0].append(sentence)
        here[1].append(found)
    return [grouped.get(article.id, ([], [])) for article in articles]


def slice_by_dates(build: Build, since: str = "", until: str = "") -> Build:
    """The build of the articles dated from ``since`` to ``until`` (ISO dates, inclusive; either
    may be empty), without reading or running the model again: the same entities (ids and
    names as in the whole corpus), counted, linked and laid out within the span."""
    since, until = date_option("since", since), date_option("until", until)
    keep = frozenset(a.id for a in build.articles if a.date and since <= a.date <= (until or "9999"))
    if not keep:
        raise KgError(f"no dated article between {since or 'the first'} and {until or 'the last'}")
    sliced = reduce.reduce_slice(build.store, build.reduced, keep, build.byline_edges)
    return Build(build.store, sliced, ner_counts=dict(build.ner_counts), byline_edges=build.byline_edges, keep=keep)


def _originals(batch: list[Article], report: ingest.FileReport, finder: Duplicates,
               copies: list[Article]) -> list[Article]:
    """The articles of ``batch`` that copy no earlier one; the copies go to ``copies``, with ``duplicate_of``."""
    kept = []
    for article in batch:
        original = finder.original_of(article)
        if original is None or ingest.part_of_same(article.id, original):  # parts of one record are no reprints
            kept.append(article)
            continue
        copies.append(replace(article, duplicate_of=original))
        report.duplicates += 1
        report.articles -= 1  # counts the articles the build uses
    return kept
