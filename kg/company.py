"""Company or organization? A character n-gram naive Bayes model trained on CLUENER's names.

Suffix evidence (公司, 集团, 银行…) and the list of known firms decide first; the model decides
names that carry no such mark (招行, 迪士尼, 寰宇娱乐 are companies; 南华大学, 市总工会 are not).
Its counts ship as ``kg/data/company_ngrams.json``; ``kg train-company`` rebuilds them.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import KgError

MODEL_FILE = Path(__file__).parent / "data" / "company_ngrams.json"
COMPANY_LABELS = {"company"}
ORGANIZATION_LABELS = {"government", "organization"}
MIN_COUNT = 2  # n-grams seen fewer times are left out of the shipped counts


def features(name: str) -> list[str]:
    """Character 1- to 3-grams, with the name's edges marked so suffixes weigh as suffixes.

    >>> features("招行")[:5]
    ['招', '行', '^招', '招行', '行$']
    """
    padded = f"^{name}$"
    grams = list(name)
    for n in (2, 3):
        grams += [padded[i:i + n] for i in range(len(padded) - n + 1)]
    return grams


@dataclass
class NaiveBayes:
    """Counts of n-grams in company names and in organization names."""

    company: Counter
    organization: Counter
    names: tuple[int, int]  #: how many company and organization names were counted

    @classmethod
    def fit(cls, examples: Iterable[tuple[str, bool]], min_count: int = 1) -> NaiveBayes:
        company, organization, n = Counter(), Counter(), [0, 0]
        for name, is_company in examples:
            (company if is_company else organization).update(features(name))
            n[0 if is_company else 1] += 1
        if min_count > 1:
            company = Counter({k: v for k, v in company.items() if v + organization[k] >= min_count})
            organization = Counter({k: v for k, v in organization.items() if v + company[k] >= min_count})
        return cls(company, organization, (n[0], n[1]))

    def __post_init__(self) -> None:
        # the add-one smoothed denominators, computed once (per name they cost more than the name)
        vocabulary = len(set(self.company) | set(self.organization)) + 1
        self._totals = (sum(self.company.values()) + vocabulary, sum(self.organization.values()) + vocabulary)

    def log_odds(self, name: str) -> float:
        """log P(company | name) - log P(organization | name)."""
        total_c, total_o = self._totals
        score = math.log((self.names[0] + 1) / (self.names[1] + 1))
        for gram in features(name):
            score += math.log((self.company[gram] + 1) / total_c) - math.log((self.organization[gram] + 1) / total_o)
        return score

    def to_json(self) -> dict:
        return {"company": self.company, "organization": self.organization, "names": self.names}

    @classmethod
    def from_json(cls, data: dict) -> NaiveBayes:
        return cls(Counter(data["company"]), Counter(data["organization"]), tuple(data["names"]))


def read_cluener(path: str | Path) -> list[tuple[str, bool]]:
    """Distinct (name, is company) pairs of a CLUENER file; names labelled both ways are left out."""
    labels: dict[str, set[bool]] = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for label, names in record.get("label", {}).items():
                if label in COMPANY_LABELS | ORGANIZATION_LABELS:
                    for name in names:
                        labels.setdefault(name, set()).add(label in COMPANY_LABELS)
    return sorted((name, next(iter(kinds))) for name, kinds in labels.items() if len(kinds) == 1 and len(name) > 1)


@cache
def shipped() -> NaiveBayes | None:
    return NaiveBayes.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8"))) if MODEL_FILE.is_file() else None


def cross_validate(examples: list[tuple[str, bool]], decide, folds: int = 5, seed: int = 1) -> float:
    """Agreement with the labels over ``folds`` held-out parts; ``decide(model, name) -> bool``."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    right = 0
    for fold in range(folds):
        held = set(order[fold::folds])
        model = NaiveBayes.fit((examples[i] for i in order if i not in held), MIN_COUNT)
        right += sum(decide(model, examples[i][0]) == examples[i][1] for i in held)
    return right / len(examples)


def train(cluener_file: str | Path, output: Path = MODEL_FILE) -> tuple[Path, float]:
    """Counts n-grams of every distinct name of a CLUENER file.

    Returns the file and the 5-fold agreement of kg's whole decision (suffixes, known firms,
    then this model) with CLUENER's labels, each fold's model counted without its held-out names.
    """
    from kg.entities import is_company

    examples = read_cluener(cluener_file)
    if not examples:
        raise KgError(f"{cluener_file}: no company, government or organization names in it")
    agreement = cross_validate(examples, lambda model, name: is_company(name, model))
    model = NaiveBayes.fit(examples, MIN_COUNT)
    output.write_text(json.dumps(model.to_json(), ensure_ascii=False, sort_keys=True), encoding="utf-8")
    shipped.cache_clear()
    return output, agreement
