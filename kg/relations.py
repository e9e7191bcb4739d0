"""Relations between entities: co-occurrence in a sentence or an article, and roles."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from kg.records import Article, Mention, Role, Sentence

MAX_EVIDENCE = 3  # evidence items kept per relation: sentences naming both, else the articles' headlines
MEMBER = "成员"  # the label of a role edge when the text names no title (南华医院感染科胡曦)


@dataclass(slots=True)
class Relation:
    """Everything known about one pair of entities (``source`` < ``target``)."""

    source: str
    target: str
    sentences: set[tuple[str, int]] = field(default_factory=set)  #: (article id, sentence index) naming both
    articles: set[str] = field(default_factory=set)  #: articles naming both
    titles: set[str] = field(default_factory=set)  #: titles, when one holds a role in the other
    evidence: list[dict] = field(default_factory=list)  #: a few of :func:`evidence_item`: where they are linked

    @property
    def kind(self) -> str:
        return "role" if self.titles else "cooccurrence"

    @property
    def weight(self) -> float:
        """Shared sentences plus shared articles: a shared sentence counts twice."""
        return float(len(self.sentences) + len(self.articles))


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


MAX_ARTICLE_ENTITIES = 100  # article co-occurrence links at most this many entities of one article


def evidence_item(article: Article | None, article_id: str, sentence: str = "") -> dict:
    """One piece of evidence: the sentence linking a pair ('' for a shared article), and its article;
    ``sources``: where it was printed, the article's source first, then those of its copies."""
    article = article or Article(article_id, "", "")
    return {"article_id": article_id, "title": article.title, "date": article.date, "url": article.url,
            "sentence": sentence, "sources": [article.source, *article.copies]}


def cooccurrences(mentions: list[Mention], owners: list[str], sentences: dict[tuple[str, int], Sentence],
                  articles: dict[str, Article], crowded: dict[str, int] | None = None) -> dict[tuple[str, str], Relation]:
    """Relations of every pair of entities named in one sentence or one article, with counts and evidence.

    ``owners`` are the mentions' entity ids; ``articles`` maps article ids to articles. A pair
    that shares no sentence gets its shared articles' headlines as evidence. An article
    naming more than :data:`MAX_ARTICLE_ENTITIES` entities (a list of delegates, a hostile file)
    links only its most named ones (ties: the first named), in its sentences and as a whole, so
    one article gives at most 4,950 pairs however long it is; each such article goes into
    ``crowded`` with its number of entities. Its other entities keep their mentions and roles.

    >>> from kg.records import Mention, Sentence
    >>> ms = [Mention("a", 0, 0, 2, "朱健", "person"), Mention("a", 0, 4, 6, "侯锋", "person")]
    >>> rel = cooccurrences(ms, ["p:朱健", "p:侯锋"], {("a", 0): Sentence("a", 0, 0, 8, "朱健会见侯锋一行")}, {})
    >>> r = rel[("p:侯锋", "p:朱健")]; (r.weight, len(r.sentences), r.kind, r.evidence[0]["sentence"])
    (2.0, 1, 'cooccurrence', '朱健会见侯锋一行')
    """
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    by_article: dict[str, Counter[str]] = defaultdict(Counter)
    for mention, owner in zip(mentions, owners):
        by_sentence[(mention.article_id, mention.sentence)].add(owner)
        by_article[mention.article_id][owner] += 1
    linked: dict[str, set[str]] = {}
    relations: dict[tuple[str, str], Relation] = {}
    for article_id, counts in sorted(by_article.items()):
        if len(counts) > MAX_ARTICLE_ENTITIES and crowded is not None:
            crowded[article_id] = len(counts)
        linked[article_id] = {owner for owner, _ in counts.most_common(MAX_ARTICLE_ENTITIES)}
        for a, b in combinations(sorted(linked[article_id]), 2):
            relations.setdefault((a, b), Relation(a, b)).articles.add(article_id)
    for key, owners_here in sorted(by_sentence.items()):
        for a, b in combinations(sorted(owners_here & linked[key[0]]), 2):
            _add_sentence(relations[(a, b)], key, sentences, articles)
    for relation in relations.values():
        if not relation.evidence:  # linked by their articles only: the headlines say what those were
            relation.evidence = [evidence_item(articles.get(a), a) for a in sorted(relation.articles)[:MAX_EVIDENCE]]
    return relations


def _add_sentence(relation: Relation, key: tuple[str, int], sentences: dict[tuple[str, int], Sentence],
                  articles: dict[str, Article]) -> None:
    """Counts a sentence linking the pair once, keeping it as evidence while there is room."""
    if key in relation.sentences:
        return
    relation.sentences.add(key)
    if not relation.sentences - {key} and relation.evidence:
        relation.evidence = []  # headlines stood in for sentences until now
    if len(relation.evidence) < MAX_EVIDENCE:
        relation.evidence.append(evidence_item(articles.get(key[0]), key[0], sentences[key].text))


def add_roles(relations: dict[tuple[str, str], Relation], roles: list[Role], person_ids: dict[tuple[str, str], str],
              org_ids: dict[str, str], sentences: dict[tuple[str, int], Sentence], articles: dict[str, Article]) -> None:
    """Marks person–organization pairs with the titles the roles give (adds the pair if new).

    ``person_ids`` maps (article id, name) to entity ids; ``org_ids`` maps names and aliases.
    Roles are taken by article and sentence, so the evidence is the same in whatever order the
    articles were read.
    """
    for role in sorted(roles, key=lambda r: (r.article_id, r.sentence)):
        person = person_ids.get((role.article_id, role.person))
        org = org_ids.get(role.organization)
        if not person or not org:
            continue
        relation = relations.setdefault(_pair(person, org), Relation(*_pair(person, org)))
        relation.titles.add(role.title or MEMBER)
        relation.articles.add(role.article_id)
        _add_sentence(relation, (role.article_id, role.sentence), sentences, articles)
