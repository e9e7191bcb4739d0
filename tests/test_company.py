"""The company-vs-organization model and its training on CLUENER-format files."""

import json

from kg import company


def test_training_counts_and_agreement(tmp_path):
    lines = [{"text": "x", "label": {"company": {"招商银行": [[0, 3]], "建设银行": [[0, 3]], "迪士尼": [[0, 2]]},
                                      "government": {"衡阳市委": [[0, 3]], "长沙市委": [[0, 3]]},
                                      "organization": {"南华大学": [[0, 3]]}}},
             {"text": "y", "label": {"company": {"工商银行": [[0, 3]]}, "government": {"国务院": [[0, 2]]}}}]
    source = tmp_path / "train.json"
    source.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    examples = company.read_cluener(source)
    assert ("迪士尼", True) in examples and ("国务院", False) in examples
    saved, agreement = company.train(source, tmp_path / "counts.json")
    model = company.NaiveBayes.from_json(json.loads(saved.read_text(encoding="utf-8")))
    assert model.log_odds("农业银行") > 0 > model.log_odds("湘潭市委")
    assert 0 <= agreement <= 1
