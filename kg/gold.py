"""Scoring a build against hand-made gold files (the form of shared/gold, see its GUIDE.md)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError
from kg.records import FORMER


def squeeze(name: str) -> str:
    """Names compare with all spaces removed: 陈 润 is 陈润."""
    return re.sub(r"\s+", "", name)


@dataclass
class GoldScore:
    """Figures for one or more gold pages, with what was missed."""

    must: int = 0
    must_found: int = 0
    typed_right: int = 0
    predicted: int = 0
    predicted_right: int = 0
    roles: int = 0
    roles_found: int = 0
    predicted_roles: int = 0
    predicted_roles_right: int = 0
    missed_entities: list[str] = field(default_factory=list)
    wrong_types: list[str] = field(default_factory=list)
    spurious_entities: list[str] = field(default_factory=list)
    missed_roles: list[str] = field(default_factory=list)
    spurious_roles: list[str] = field(default_factory=list)
    former: int = 0  #: the gold's past posts (``former_roles``), scored apart from the current roles
    former_found: int = 0
    predicted_former: int = 0
    predicted_former_right: int = 0
    missed_former: list[str] = field(default_factory=list)
    spurious_former: list[str] = field(default_factory=list)

    def add(self, other: GoldScore) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    def figures(self) -> dict[str, float]:
        ratio = lambda a, b: a / b if b else 0.0
        return {
            "entity_recall": ratio(self.must_found, self.must),
            "entity_precision": ratio(self.predicted_right, self.predicted),
            "type_accuracy": ratio(self.typed_right, self.must_found),
            "role_recall": ratio(self.roles_found, self.roles),
            "role_precision": ratio(self.predicted_roles_right, self.predicted_roles),
            **({"former_role_recall": ratio(self.former_found, self.former),
                "former_role_precision": ratio(self.predicted_former_right, self.predicted_former)}
               if self.former or self.predicted_former else {}),  # only where past posts are in question
        }


def load_gold(directory: Path) -> list[dict]:
    files = sorted(directory.glob("*.json"))
    if not files:
        raise KgError(f"{directory}: no gold .json files in it")
    gold = []
    for path in files:
        try:
            gold.append(json.loads(path.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise KgError(f"{path}: not a gold file ({error})") from error
    return gold


def score_page(gold: dict, entities: list[tuple[str, str, set[str]]], roles: set[tuple[str, str, str]],
               former: set[tuple[str, str, str]] = frozenset()) -> GoldScore:
    """Scores one page: ``entities`` as (name, type, aliases), ``roles`` (the current ones) and
    ``former`` (past posts, against the gold's ``former_roles``) as (person, title, organization)."""
    result = GoldScore()
    gold_entities = gold.get("entities", [])
    forms_of = lambda e: {squeeze(e["name"]), *map(squeeze, e.get("aliases", []))}
    predicted = [(squeeze(name), type_, {squeeze(a) for a in aliases} | {squeeze(name)})
                 for name, type_, aliases in entities]
    for entity in gold_entities:
        forms = forms_of(entity)
        match = next((p for p in predicted if p[0] in forms), None) or next(
            (p for p in predicted if p[2] & forms), None)
        if not entity.get("must"):
            continue
        result.must += 1
        if match is None:
            result.missed_entities.append(f"{entity['name']} ({entity['type']})")
            continue
        result.must_found += 1
        if match[1] == entity["type"] or match[1] in entity.get("alt_types", []):
            result.typed_right += 1
        else:
            result.wrong_types.append(f"{entity['name']}: {match[1]}, gold {entity['type']}")
    all_gold_forms = set().union(*(forms_of(e) for e in gold_entities)) if gold_entities else set()
    for name, _, aliases in predicted:
        result.predicted += 1
        if aliases & all_gold_forms:
            result.predicted_right += 1
        else:
            result.spurious_entities.append(name)
    result.roles, result.roles_found, result.missed_roles = _recall(gold.get("roles", []), roles)
    result.predicted_roles, result.predicted_roles_right, result.spurious_roles = _precision(gold.get("roles", []), roles)
    result.former, result.former_found, result.missed_former = _recall(gold.get("former_roles", []), former)
    result.predicted_former, result.predicted_former_right, result.spurious_former = _precision(
        gold.get("former_roles", []), former)
    return result


def _recall(gold_roles: list[dict], roles: set[tuple[str, str, str]]) -> tuple[int, int, list[str]]:
    """How many gold roles, how many of them found, and those missed."""
    missed = [f"{role['person']} {role['title']} @ {role['org']}" for role in gold_roles
              if not any(_role_matches(role, p) for p in roles)]
    return len(gold_roles), len(gold_roles) - len(missed), missed


def _precision(gold_roles: list[dict], roles: set[tuple[str, str, str]]) -> tuple[int, int, list[str]]:
    """How many roles predicted, how many of them in gold, and those not."""
    wrong = [" ".join(p) for p in sorted(roles) if not any(_role_matches(role, p) for role in gold_roles)]
    return len(roles), len(roles) - len(wrong), wrong


def _role_matches(gold: dict, predicted: tuple[str, str, str]) -> bool:
    """Same person, compatible title (书记 fits 市委书记), and the organization or one of its forms."""
    person, title, org = map(squeeze, predicted)
    gold_title = squeeze(gold["title"])
    orgs = {squeeze(gold["org"]), *map(squeeze, gold.get("org_alts", []))}
    return (person == squeeze(gold["person"]) and bool(title) and
            (gold_title.endswith(title) or title.endswith(gold_title)) and org in orgs)


def evaluate(gold_dir: str | Path, inputs: list[str | Path], map_options=None, recognition=None,
             model_only: bool = False) -> tuple[GoldScore, dict[str, GoldScore]]:
    """Builds each gold page's graph (found by file name among ``inputs``) and scores it, with the
    map's options (:func:`kg.options.map_options`) and the recognition (:class:`kg.options.Recognition`)
    given, or the defaults.

    ``model_only`` scores the model's own spans instead, before any rule mends, merges or drops
    them (no roles then): what the recognizer alone gets right.
    """
    from dataclasses import replace

    from kg import ingest, options, pipeline

    pages = {p.name: p for p, skipped in ingest.find_inputs(inputs or [ingest.SAMPLES]) if not skipped}
    recognition = recognition or options.Recognition()
    recognizer = recognition.load()  # once, for every page
    recognition = replace(recognition, recognizer=recognizer)
    map_options = map_options if map_options is not None or model_only else options.map_options()
    total, per_page = GoldScore(), {}
    for gold in load_gold(Path(gold_dir)):
        if gold.get("doc") not in pages:
            raise KgError(f"{gold.get('doc')}: the gold file's page is not among the inputs")
        if model_only:
            entities, roles, former = model_entities(pages[gold["doc"]], recognizer), set(), set()
        else:
            build = pipeline.build([pages[gold["doc"]]], map_options, recognition)
            entities = [(e.name, e.type, e.aliases) for e in build.entities.values() if e.mentions]
            roles = {(r.person, r.title, r.organization) for r in build.roles if r.status != FORMER}
            former = {(r.person, r.title, r.organization) for r in build.roles if r.status == FORMER}
        per_page[gold["doc"]] = score_page(gold, entities, roles, former)
        total.add(per_page[gold["doc"]])
    return total, per_page


def model_entities(page: Path, recognizer) -> list[tuple[str, str, set[str]]]:
    """The distinct names the model tags in a page's sentences, typed by :func:`kg.names.mention_type`."""
    from kg import ingest
    from kg.names import mention_type
    from kg.normalize import name_key

    sentences = [s for a in ingest.read_file(page, ingest.FileReport(page)) for s in ingest.split_sentences(a)]
    found: dict[str, str] = {}
    for sentence, spans in zip(sentences, recognizer.recognize([s.text for s in sentences])):
        for span in spans:
            name = name_key(sentence.text[span.start:span.end]).strip()
            type_ = mention_type(span.label, name)
            if type_:
                found.setdefault(name, type_)
    return [(name, type_, {name}) for name, type_ in found.items()]
