"""Scoring a build against hand-made gold files (the form of shared/gold, see its GUIDE.md)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError


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


def score_page(gold: dict, entities: list[tuple[str, str, set[str]]], roles: set[tuple[str, str, str]]) -> GoldScore:
    """Scores one page: ``entities`` as (name, type, aliases), ``roles`` as (person, title, organization)."""
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
    gold_roles = gold.get("roles", [])
    result.roles = len(gold_roles)
    for role in gold_roles:
        if any(_role_matches(role, p) for p in roles):
            result.roles_found += 1
        else:
            result.missed_roles.append(f"{role['person']} {role['title']} @ {role['org']}")
    for predicted_role in sorted(roles):
        result.predicted_roles += 1
        if any(_role_matches(role, predicted_role) for role in gold_roles):
            result.predicted_roles_right += 1
        else:
            result.spurious_roles.append(" ".join(predicted_role))
    return result


def _role_matches(gold: dict, predicted: tuple[str, str, str]) -> bool:
    """Same person, compatible title (书记 fits 市委书记), and the organization or one of its forms."""
    person, title, org = map(squeeze, predicted)
    gold_title = squeeze(gold["title"])
    orgs = {squeeze(gold["org"]), *map(squeeze, gold.get("org_alts", []))}
    return (person == squeeze(gold["person"]) and bool(title) and
            (gold_title.endswith(title) or title.endswith(gold_title)) and org in orgs)


def evaluate(gold_dir: str | Path, inputs: list[str | Path], model_only: bool = False,
             **options) -> tuple[GoldScore, dict[str, GoldScore]]:
    """Builds each gold page's graph (found by file name among ``inputs``) and scores it.

    ``model_only`` scores the model's own spans instead, before any rule mends, merges or drops
    them (no roles then): what the recognizer alone gets right.
    """
    from kg import ingest, pipeline
    from kg.ner import NamedEntityRecognizer

    pages = {p.name: p for p, skipped in ingest.find_inputs(inputs or [ingest.SAMPLES]) if not skipped}
    recognizer = options.pop("recognizer", None) or NamedEntityRecognizer(options.pop("model", None))
    total, per_page = GoldScore(), {}
    for gold in load_gold(Path(gold_dir)):
        if gold.get("doc") not in pages:
            raise KgError(f"{gold.get('doc')}: the gold file's page is not among the inputs")
        if model_only:
            entities, roles = model_entities(pages[gold["doc"]], recognizer), set()
        else:
            build = pipeline.build([pages[gold["doc"]]], recognizer=recognizer, **options)
            entities = [(e.name, e.type, e.aliases) for e in build.entities.values() if e.mentions]
            roles = {(r.person, r.title, r.organization) for r in build.roles}
        per_page[gold["doc"]] = score_page(gold, entities, roles)
        total.add(per_page[gold["doc"]])
    return total, per_page


def model_entities(page: Path, recognizer) -> list[tuple[str, str, set[str]]]:
    """The distinct names the model tags in a page's sentences, typed by :func:`kg.entities.mention_type`."""
    from kg import entities as ent
    from kg import ingest
    from kg.normalize import name_key

    sentences = [s for a in ingest.read_file(page, ingest.FileReport(page)) for s in ingest.split_sentences(a)]
    found: dict[str, str] = {}
    for sentence, spans in zip(sentences, recognizer.recognize([s.text for s in sentences])):
        for span in spans:
            name = name_key(sentence.text[span.start:span.end]).strip()
            type_ = ent.mention_type(span.label, name)
            if type_:
                found.setdefault(name, type_)
    return [(name, type_, {name}) for name, type_ in found.items()]
