"""The orchestrator: files -> articles -> sentences -> mentions -> entities -> relations -> graph."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import networkx as nx

from kg import entities as ent
from kg import hierarchy, ingest, roles
from kg.cache import NerCache
from kg.dates import date_option, iso_date
from kg.distributed import recognize_chunks
from kg.duplicates import THRESHOLD, Duplicates
from kg.errors import KgError
from kg.graph import build_graph
from kg.mentions import Found, Gazetteer, refine, stands_whole
from kg.ner import NamedEntityRecognizer
from kg.normalize import name_key
from kg.places import InView
from kg.progress import Progress
from kg.records import COMPANY, ORGANIZATION, PERSON, PLACE, Article, Entity, Mention, Role, Sentence
from kg.relations import MAX_ARTICLE_ENTITIES, add_roles, cooccurrences

# 本报讯（记者 X）, 北京10月23日电（记者 X）, 本报讯 通讯员 X报道
_LEAD_BYLINE = re.compile(r"(?:讯|日电)\s*[（(]([^）)]{2,40})[）)]|讯\s+((?:记者|通讯员)\s*[\u3400-\u9fff]{2,4})报道")


@dataclass
class Build:
    """Everything one build produced."""

    articles: list[Article]
    sentences: list[Sentence]
    mentions: list[Mention]
    owners: list[str]  #: entity id of each mention
    entities: dict[str, Entity]
    roles: list[Role]
    graph: nx.Graph
    home_city: str
    files: list[ingest.FileReport] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  #: seconds of each stage
    ner: dict[str, int] = field(default_factory=dict)  #: sentences and characters the model ran on, cache use
    warnings: list[str] = field(default_factory=list)  #: problems of the build itself (not of one file)
    role_ids: list[tuple[str, str]] = field(default_factory=list)  #: (person id, organization id) of each role
    duplicates: list[Article] = field(default_factory=list)  #: copies of earlier articles, left out of the graph
    byline_edges: bool = False  #: whether reporters were linked to what they wrote about


def iter_files(inputs: list[str | Path], exclude: tuple[Path, ...] = (), date: str = "",
               since: str = "", until: str = "") -> Iterator[tuple[ingest.FileReport, list[Article]]]:
    """Each input file's report and articles, one file at a time (the bundled samples when no input).

    ``exclude`` names the build's own output folder and cache, never read back; ``date`` is the
    date of pages that neither their name nor their dateline dates (``--date``); ``since`` and
    ``until`` (ISO dates, inclusive) keep only the articles dated between them. Article ids are
    made unique across files (a repeated id gets ``~2``, with a warning naming file and line).
    """
    if not inputs:
        inputs = [ingest.SAMPLES]
    check_inputs(inputs)
    seen: set[str] = set()
    repeats: dict[str, int] = {}
    for path, reason in ingest.find_inputs(inputs, exclude):
        report = ingest.FileReport(str(path))
        if reason:
            report.skip(reason)
            yield report, []
            continue
        articles = []
        for line, article in ingest.read_articles(path, report, date):
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
                where = f"{path.name}:{line}" if line else path.name
                report.warnings.append(f"{where}: article id {article.id!r} seen before; renamed {unique!r}")
                article = replace(article, id=unique)
            seen.add(article.id)
            articles.append(article)
        yield report, articles


def check_inputs(inputs: list[str | Path]) -> None:
    """Raises :class:`KgError` for an input path that is empty or does not exist."""
    for path in inputs:
        if not str(path).strip():
            raise KgError("an input path is empty ('' would mean the current folder: name it, e.g. '.')")
        if not Path(path).exists() and not Path(path).is_symlink():
            raise KgError(f"{path}: no such file or folder")


def find_mentions(sentences: list[Sentence], spans: list[list[tuple[int, int, str]]],
                  gazetteer: dict[str, str] | None = None, aliases: dict[str, str] | None = None,
                  papers: dict[str, str] | None = None) -> tuple[list[Mention], list[Role]]:
    """Mentions of every sentence (the model's ``spans``, mended by :mod:`kg.mentions`), plus the
    people and roles of reporter bylines. A user alias of a known name is found wherever it is written.
    ``papers`` maps article ids to the paper 本报 stands for in them."""
    model_found = []
    for sentence, found in zip(sentences, spans):
        here = []
        for span_start, span_end, label in found:
            start, end = _trim(sentence.text, span_start, span_end)
            type_ = ent.mention_type(label, name_key(sentence.text[start:end]))
            if type_:
                here.append(Found(start, end, type_))
        model_found.append(here)
    known = _corpus_gazetteer(sentences, model_found)
    known.update(gazetteer if gazetteer is not None else default_gazetteer())
    for alias, canonical in (aliases or {}).items():
        if canonical in known:
            known.setdefault(alias, known[canonical])
    known = Gazetteer(known)
    mentions, byline_roles = [], []
    for sentence, found in zip(sentences, model_found):
        taken: list[tuple[int, int]] = []
        for offset, part in _byline_parts(sentence):
            paper = (papers or {}).get(sentence.article_id, roles.OUR_PAPER)
            for mention, role in roles.byline_roles(part, sentence.start + offset, sentence.article_id,
                                                    sentence.index, paper):
                mentions.append(mention)
                if role.title:
                    byline_roles.append(role)
                taken.append((mention.start, mention.end))
        paper = ingest.masthead_span(sentence.text) if sentence.index < 3 else None
        if paper:  # the lead names the paper (信息时报讯): a mention of it
            mentions.append(Mention(sentence.article_id, sentence.index, sentence.start + paper[0],
                                    sentence.start + paper[1], sentence.text[paper[0]:paper[1]], ORGANIZATION))
            taken.append((sentence.start + paper[0], sentence.start + paper[1]))
        for item in refine(sentence.text, found, known):
            start, end = sentence.start + item.start, sentence.start + item.end
            text = name_key(sentence.text[item.start:item.end])
            if any(start < e and s < end for s, e in taken) or not ent.valid_name(text, item.type):
                continue
            mentions.append(Mention(sentence.article_id, sentence.index, start, end, text, item.type))
    return mentions, byline_roles


def paper_of(article: Article) -> str:
    """The paper 本报 stands for in an article: its masthead (长沙晚报讯), else the record's ``source``
    when that is a name (not a file), else 本报 itself."""
    source = article.source
    named_source = bool(re.fullmatch(r"[\u3400-\u9fff·]{2,20}", source))
    return ingest.masthead(article.text) or (source if named_source else roles.OUR_PAPER)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without marks around it (■衡阳晚报) or a dateline's 讯 (衡阳晚报讯)."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if text[start:end].endswith("报讯"):
        end -= 1
    return start, end


def _recognize_with_progress(sentences: list[Sentence], recognizer: NamedEntityRecognizer,
                             cache: NerCache | None = None, workers: int = 1, scheduler: str | None = None,
                             chunk: int = 2000, counts: dict[str, int] | None = None) -> list[list[tuple[int, int, str]]]:
    """The model's spans for every sentence: from the cache, else from the NER map, with progress.

    ``counts`` gains the sentences and characters the model ran on (each distinct text once).
    """
    texts = [s.text for s in sentences]
    unique = list(dict.fromkeys(texts))
    results = cache.get_many(unique) if cache else {}
    todo = [t for t in unique if t not in results]
    if counts is not None:
        counts["sentences_run"] = counts.get("sentences_run", 0) + len(todo)
        counts["chars_run"] = counts.get("chars_run", 0) + sum(map(len, todo))
    progress = Progress(len(texts), "sentences", "recognizing entities")
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


def default_gazetteer() -> dict[str, str]:
    """Names kg ships knowing: companies.txt and people.txt in kg/data."""
    known = {name: COMPANY for name in ent.lexicon("companies.txt")}
    known.update({name: PERSON for name in ent.lexicon("people.txt")})
    return known


def _corpus_gazetteer(sentences: list[Sentence], found: list[list[Found]]) -> dict[str, str]:
    """Names the model found somewhere in this corpus, long enough to be unambiguous, by majority type."""
    votes: dict[str, list[str]] = {}
    for sentence, items in zip(sentences, found):
        for item in items:
            votes.setdefault(sentence.text[item.start:item.end], []).append(item.type)
    minimum = {PERSON: 3, PLACE: 3, ORGANIZATION: 4, COMPANY: 4}
    chosen = {}
    for name, types in votes.items():
        type_ = ent.majority(types)
        if len(name) >= minimum[type_] and not re.search(r"\s", name):
            chosen[name] = type_
    people = {name for name, type_ in chosen.items() if type_ == PERSON}
    # Only bodies the mending rules leave whole (not 中国家电企业海尔集团), none starting with a
    # person's name (慕新海代表市委).
    return {name: type_ for name, type_ in chosen.items()
            if type_ == PERSON or (stands_whole(name, type_) and not any(name[:k] in people for k in (2, 3, 4)))}


def _byline_parts(sentence: Sentence) -> list[tuple[int, str]]:
    if ingest.is_byline(sentence.text):
        return [(0, sentence.text)]
    match = _LEAD_BYLINE.search(sentence.text[:60])
    group = 1 if match and match.group(1) else 2
    return [(match.start(group), match.group(group))] if match else []


def resolved_names(mentions: list[Mention], view: InView) -> list[str]:
    """Each mention's name with bare organization words completed from the places in view (市委 -> 长沙市委)."""
    return [ent.resolve_bare(m.text, m.type, view.at(m.article_id, m.sentence, m.start)) for m in mentions]


def read_name_table(path: str | Path) -> list[list[str]]:
    """Rows of a user's CSV of names (alias file, stop list); a header row is optional.

    Raises :class:`KgError` naming the file when it cannot be read.
    """
    import csv

    text = ingest.read_option_file(path)
    rows = [[cell.strip() for cell in row] for row in csv.reader(text.splitlines()) if row and row[0].strip()]
    if rows and rows[0][0].lower() in ("alias", "name"):
        rows = rows[1:]
    return rows


def read_user_lists(aliases_file: str | Path | None, stop_file: str | Path | None) -> tuple[dict[str, str], set[str]]:
    """The user's alias table (alias -> canonical) and stop list, empty when not given."""
    user_aliases = {}
    for row in read_name_table(aliases_file) if aliases_file else []:
        if len(row) < 2 or not row[1]:
            raise KgError(f"{aliases_file}: each row needs two columns, alias and canonical name (got {row})")
        user_aliases[row[0]] = row[1]
    stop = {row[0] for row in read_name_table(stop_file)} if stop_file else set()
    return user_aliases, stop


def build(inputs: list[str | Path] | None = None, *, model: str | Path | None = None, home_city: str | None = None,
          titles_file: str | Path | None = None, aliases_file: str | Path | None = None,
          stop_file: str | Path | None = None, recognizer: NamedEntityRecognizer | None = None,
          cache: str | Path | None = None, workers: int = 1, scheduler: str | None = None,
          precision: str = "auto", exclude: tuple[Path, ...] = (), byline_edges: bool = False,
          date: str = "", since: str = "", until: str = "", dedup: float = THRESHOLD) -> Build:
    """Reads the inputs and builds the graph; see :func:`kg.build` for the notebook-facing API.

    ``aliases_file`` is a CSV of (alias, canonical) pairs; ``stop_file`` lists names to leave out.
    ``cache`` is an SQLite file of NER results (none when None); ``workers`` local processes or a
    Dask ``scheduler`` address (``tcp://host:8786``) run the NER; ``precision`` is the model's
    (see :class:`kg.ner.NamedEntityRecognizer`). ``exclude``: paths never read (the build's own
    output folder and cache; any kg output folder is passed over anyway). ``byline_edges``: link
    reporters to what they wrote about by co-occurrence (off: they keep only their byline roles).
    ``date``: the date of pages whose file name and dateline give none; ``since`` / ``until``: only
    articles dated from / up to then (both any form :func:`kg.dates.iso_date` reads). ``dedup``: how
    similar (Jaccard, 0 to 1) an article must be to an earlier one to count as its copy
    (:mod:`kg.duplicates`); 0 counts every article.
    """
    if not 0 <= dedup <= 1:
        raise KgError(f"--dedup is a similarity from 0 (off) to 1, not {dedup}")
    date, since, until = date_option("--date", date), date_option("--since", since), date_option("--until", until)
    if since and until and since > until:
        raise KgError(f"--since {since} is after --until {until}")
    user_aliases, stop = read_user_lists(aliases_file, stop_file)
    exclude = (*exclude, Path(cache)) if cache else exclude
    return _build(iter_files(list(inputs or []), exclude, date, since, until), model=model, home_city=home_city, titles_file=titles_file,
                  user_aliases=user_aliases, stop=stop, recognizer=recognizer, cache=cache, workers=workers,
                  scheduler=scheduler, precision=precision, byline_edges=byline_edges, dedup=dedup)


def build_articles(articles: list[Article], **options) -> Build:
    """The graph of articles already in hand (options as for :func:`build`, with ``user_aliases``
    and ``stop`` given as a dict and a set)."""
    report = ingest.FileReport("(in memory)", articles=len(articles))
    return _build([(report, articles)], **options)


STREAM_SENTENCES = 20_000  # NER starts once this many sentences are read, and so on, file after file


def _build(batches: Iterable[tuple[ingest.FileReport, list[Article]]], *, model: str | Path | None = None,
           home_city: str | None = None, titles_file: str | Path | None = None,
           user_aliases: dict[str, str] | None = None, stop: set[str] | None = None,
           recognizer: NamedEntityRecognizer | None = None, cache: str | Path | None = None, workers: int = 1,
           scheduler: str | None = None, precision: str = "auto", byline_edges: bool = False,
           dedup: float = THRESHOLD) -> Build:
    user_aliases, stop = user_aliases or {}, stop or set()
    timings: dict[str, float] = {"read": 0.0, "ner": 0.0}
    ner_counts: dict[str, int] = {"sentences_run": 0, "chars_run": 0}
    titles = roles.TitleLexicon.load(Path(titles_file) if titles_file else None)  # a bad file fails before NER
    recognizer = recognizer or NamedEntityRecognizer(model, precision=precision)
    ner_cache: NerCache | None = None
    articles: list[Article] = []
    files: list[ingest.FileReport] = []
    sentences: list[Sentence] = []
    spans: list[list[tuple[int, int, str]]] = []

    def recognize_pending() -> None:
        nonlocal ner_cache
        clock = time.perf_counter()
        if cache and ner_cache is None and len(sentences) > len(spans):  # opened once there is work for it
            ner_cache = NerCache(cache, recognizer.identity)
        spans.extend(_recognize_with_progress(sentences[len(spans):], recognizer, ner_cache, workers, scheduler,
                                              counts=ner_counts))
        timings["ner"] += time.perf_counter() - clock

    finder = Duplicates(dedup) if dedup else None
    copies: dict[str, list[Article]] = {}
    duplicates: list[Article] = []
    clock = time.perf_counter()
    for report, batch in batches:  # files stream through: NER runs as sentences pile up
        files.append(report)
        if finder:
            batch = _originals(batch, report, finder, copies, duplicates)
        articles += batch
        sentences += [s for article in batch for s in ingest.split_sentences(article)]
        if len(sentences) - len(spans) >= STREAM_SENTENCES:
            timings["read"] += time.perf_counter() - clock
            recognize_pending()
            clock = time.perf_counter()
    timings["read"] += time.perf_counter() - clock
    if not articles:
        if ner_cache:
            ner_cache.close()
        reasons = "; ".join(f"{Path(r.path).name}: {r.reason or 'no articles'}" for r in files) or "no files"
        raise KgError(f"nothing readable in the input ({reasons})")
    recognize_pending()
    articles = [replace(a, copies=tuple(c.source for c in copies[a.id])) if a.id in copies else a for a in articles]

    clock = time.perf_counter()
    papers = {a.id: paper_of(a) for a in articles}
    mentions, found_roles = find_mentions(sentences, spans, aliases=user_aliases, papers=papers)
    warnings = []
    if ner_cache:
        ner_counts["cache_hits"], ner_counts["cache_misses"] = ner_cache.hits, ner_cache.misses
        warnings += ner_cache.problems
        ner_cache.close()
    left_out = stop | set(ent.lexicon("generic.txt"))
    mentions = sorted((m for m in mentions if m.text not in left_out), key=lambda m: (m.article_id, m.start))
    timings["mentions"] = time.perf_counter() - clock

    clock = time.perf_counter()
    home = home_city if home_city is not None else ent.infer_home_city(mentions)
    view = InView(mentions, home)
    named = [(m, name) for m, name in zip(mentions, resolved_names(mentions, view)) if name not in left_out]
    mentions, names = [m for m, _ in named], [name for _, name in named]  # 市委 is 衡阳市委 before --stop applies
    entities, owners = ent.build_entities(mentions, names, user_aliases)
    by_sentence: dict[tuple[str, int], list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault((mention.article_id, mention.sentence), []).append(mention)
    for sentence in sentences:
        here = by_sentence.get((sentence.article_id, sentence.index), [])
        found_roles += roles.find_roles(sentence, here, titles,
                                        partial(view.at, sentence.article_id, sentence.index))
    found_roles = [r for r in dict.fromkeys(found_roles) if r.person not in stop and r.organization not in stop]
    _add_role_organizations(entities, found_roles, left_out)
    person_ids = {(m.article_id, m.text): owner for m, owner in zip(mentions, owners) if m.type == PERSON}
    for role in found_roles:
        person = person_ids.get((role.article_id, role.person))
        if person and role.title:
            entities[person].titles.add(role.title)
    graph, role_ids = _link(entities, mentions, owners, found_roles, sentences, articles, files, byline_edges)
    timings["graph"] = time.perf_counter() - clock
    _count_per_file(files, articles, sentences, mentions)
    return Build(articles, sentences, mentions, owners, entities, found_roles, graph, home, files, timings,
                 ner_counts, warnings, role_ids, duplicates, byline_edges)


def _link(entities: dict[str, Entity], mentions: list[Mention], owners: list[str], found_roles: list[Role],
          sentences: list[Sentence], articles: list[Article], files: list[ingest.FileReport],
          byline_edges: bool) -> tuple[nx.Graph, list[tuple[str, str]]]:
    """The graph of entities whose mentions and roles are known: relations with evidence, analytics,
    layout; and each role's (person id, organization id)."""
    person_ids = {(m.article_id, m.text): owner for m, owner in zip(mentions, owners) if m.type == PERSON}
    org_ids = {alias: e.id for e in entities.values() if e.type != PERSON for alias in e.aliases}
    sentence_index = {(s.article_id, s.index): s for s in sentences}
    by_id = {a.id: a for a in articles}
    crowded: dict[str, int] = {}
    linked = [(m, o) for m, o in zip(mentions, owners) if byline_edges or not m.byline]
    relations = cooccurrences([m for m, _ in linked], [o for _, o in linked], sentence_index, by_id, crowded)
    _warn_crowded(files, articles, crowded)
    add_roles(relations, found_roles, person_ids, org_ids, sentence_index, by_id)
    located = hierarchy.locate_places(entities)
    wholes, implied = hierarchy.part_of(entities, located)
    entities.update(implied)  # 中国建设银行, named only in 建设银行衡阳市分行
    places = {node: hierarchy.Divisions.shipped().describe(division) for node, division in located.items()}
    graph = build_graph(entities, relations, {a.id: iso_date(a.date) for a in articles}, places, wholes)
    role_ids = [(person_ids.get((r.article_id, r.person), ""), org_ids.get(r.organization, "")) for r in found_roles]
    return graph, role_ids


def between(build: Build, since: str = "", until: str = "") -> Build:
    """The build of the articles dated from ``since`` to ``until`` (ISO dates, inclusive; either
    may be empty), without reading or running the model again: the same entities (ids and
    names as in the whole corpus), counted, linked and laid out within the span."""
    since, until = date_option("since", since), date_option("until", until)
    keep = {a.id for a in build.articles if a.date and since <= a.date <= (until or "9999")}
    articles = [a for a in build.articles if a.id in keep]
    if not articles:
        raise KgError(f"no dated article between {since or 'the first'} and {until or 'the last'}")
    pairs = [(m, o) for m, o in zip(build.mentions, build.owners) if m.article_id in keep]
    found_roles = [r for r in build.roles if r.article_id in keep]
    entities: dict[str, Entity] = {}

    def entity(owner: str) -> Entity:
        whole = build.entities[owner]
        return entities.setdefault(owner, Entity(owner, whole.name, whole.type, aliases={whole.name}))

    for mention, owner in pairs:
        here = entity(owner)
        here.aliases.add(mention.text)
        here.mentions += 1
        here.articles.add(mention.article_id)
    kept_ids = [ids for r, ids in zip(build.roles, build.role_ids) if r.article_id in keep]
    for role, (person, organization) in zip(found_roles, kept_ids):
        if organization in build.entities:  # an organization named only in a role (本报记者) keeps its node
            entity(organization).aliases.add(role.organization)
        if person in entities and role.title:
            entities[person].titles.add(role.title)
    sentences = [s for s in build.sentences if s.article_id in keep]
    mentions, owners = [m for m, _ in pairs], [o for _, o in pairs]
    graph, role_ids = _link(entities, mentions, owners, found_roles, sentences, articles, [], build.byline_edges)
    return Build(articles, sentences, mentions, owners, entities, found_roles, graph, build.home_city, [],
                 {}, dict(build.ner), [], role_ids, [d for d in build.duplicates if d.duplicate_of in keep],
                 build.byline_edges)


def _originals(batch: list[Article], report: ingest.FileReport, finder: Duplicates,
               copies: dict[str, list[Article]], duplicates: list[Article]) -> list[Article]:
    """The articles of ``batch`` that copy no earlier one; the copies go to ``copies`` (by original)
    and ``duplicates`` (with ``duplicate_of``)."""
    kept = []
    for article in batch:
        original = finder.original_of(article)
        if original is None:
            kept.append(article)
            continue
        copies.setdefault(original, []).append(article)
        duplicates.append(replace(article, duplicate_of=original))
        report.duplicates += 1
        report.articles -= 1  # counts the articles the build uses
    return kept


def _warn_crowded(files: list[ingest.FileReport], articles: list[Article], crowded: dict[str, int]) -> None:
    for report, article in _article_files(files, articles):
        if article.id in crowded:
            report.warnings.append(
                f"{Path(report.path).name}: article {article.id!r} names {crowded[article.id]:,} entities; "
                f"co-occurrence links only its {MAX_ARTICLE_ENTITIES} most named")


def _count_per_file(files: list[ingest.FileReport], articles: list[Article], sentences: list[Sentence],
                    mentions: list[Mention]) -> None:
    by_article = {a.id: report for report, a in _article_files(files, articles)}
    for sentence in sentences:
        by_article[sentence.article_id].sentences += 1
    for mention in mentions:
        by_article[mention.article_id].mentions += 1


def _article_files(files: list[ingest.FileReport], articles: list[Article]):
    """Pairs (file report, article), in reading order: each file's articles follow each other."""
    remaining = iter(articles)
    for report in files:
        for _ in range(report.articles):
            yield report, next(remaining)


def _add_role_organizations(entities: dict[str, Entity], found_roles: list[Role], left_out: set[str]) -> None:
    """Organizations a role names that no mention did (衡阳市政府 implied by 市长) become entities,
    but for the words ``left_out`` (本报, the user's stop list)."""
    known = {alias for e in entities.values() for alias in e.aliases} | left_out
    for role in found_roles:
        org = role.organization
        if org and org not in known:
            type_ = PLACE if org.endswith(("市", "县")) and len(org) <= 4 else (
                "company" if ent.is_company(org) else ORGANIZATION)
            entity = Entity(ent.entity_id(type_, org), org, type_, aliases={org}, articles={role.article_id})
            entities.setdefault(entity.id, entity)
            known.add(org)
