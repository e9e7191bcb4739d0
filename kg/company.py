"""Company or organization: the marks of a business's name and of a public body's, and a model for the rest.

Suffix evidence (公司, 集团, 银行…) and the list of known firms decide first; the model, a
character n-gram naive Bayes trained on CLUENER's names, decides names that carry no such mark
(招行, 迪士尼, 寰宇娱乐 are companies; 南华大学, 市总工会 are not). Its counts ship as
``kg/data/company_ngrams.json``; ``kg train-company`` rebuilds them.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import KgError
from kg.wordlists import word_list

MODEL_FILE = Path(__file__).parent / "data" / "company_ngrams.json"
COMPANY_LABELS = {"company"}
ORGANIZATION_LABELS = {"government", "organization"}
MIN_COUNT = 2  # n-grams seen fewer times are left out of the shipped counts


# A business word ending a name, after at least two characters of its own (新材料 alone is an industry).
_COMPANY_SUFFIX = re.compile(
    r"^[\u3400-\u9fffA-Za-z0-9]{2,}(公司|集团|有限|股份|银行|厂|实业|[鞋盐矿乳酒纸钢]业|机械|塑胶|科技|电器|制药|药业|置业|地产|物流|"
    r"酒店|商行|超市|工作室|事务所|制作所|株式会社|商事|控股|证券|保险|投资|传媒)$")
_ORGANIZATION_SUFFIX = re.compile(
    r"(委|委员会|政府|人大|政协|局|厅|(?<!公)司|署|办|院|大学|学校|小学|中学|中心|协会|学会|商会|联合会|工会|会|部|处|所|站|队|网|组织|"
    r"法院|检察院|医院|党|团|军|社|馆|组|园区|管委会|报|报社|电视台|广播电台)$")


def has_company_mark(name: str) -> bool:
    """A business suffix (公司, 集团, 实业…) or a name in the list of known firms.

    >>> has_company_mark("湘江实业"), has_company_mark("比亚迪"), has_company_mark("新材料"), has_company_mark("东芝制作所")
    (True, True, False, True)
    """
    return bool(_COMPANY_SUFFIX.search(name)) or name in word_list("companies.txt")


def has_organization_mark(name: str) -> bool:
    """A public body's ending: 委, 政府, 局, a ministry's 司, 大学, 医院, 协会…

    >>> has_organization_mark("南华医院"), has_organization_mark("招行"), has_organization_mark("水利部人事司")
    (True, False, True)
    """
    return bool(_ORGANIZATION_SUFFIX.search(name))


def is_company(name: str, model: NaiveBayes | None = None) -> bool:
    """Whether a named organization is a business.

    Evidence in order: a business suffix or a known firm (company); a public-body suffix
    (organization); else the CLUENER-trained n-gram model (``model``, else the shipped one).

    >>> is_company("广裕新材料科技有限公司"), is_company("南华医院"), is_company("比亚迪"), is_company("招行")
    (True, False, True, True)
    """
    if has_company_mark(name):
        return True
    if has_organization_mark(name):
        return False
    model = model or shipped()
    return model is not None and model.log_odds(name) > 0


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
        for name, firm in examples:
            (company if firm else organization).update(features(name))
            n[0 if firm else 1] += 1
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
    examples = read_cluener(cluener_file)
    if not examples:
        raise KgError(f"{cluener_file}: no company, government or organization names in it")
    agreement = cross_validate(examples, lambda model, name: is_company(name, model))
    model = NaiveBayes.fit(examples, MIN_COUNT)
    output.write_text(json.dumps(model.to_json(), ensure_ascii=False, sort_keys=True), encoding="utf-8")
    shipped.cache_clear()
    return output, agreement
