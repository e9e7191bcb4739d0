"""The company-vs-organization model and its training on CLUENER-format files."""

import json

from kg import company


def test_training_counts_and_agreement(tmp_path):
    lines = [{"text": "x", "label": {"company": {"招商银行": [[0, 3]], "腾讯科技": [[0, 3]], "迪士尼": [[0, 2]]},
                                      "government": {"市委": [[0, 1]], "国务院": [[0, 2]]},
                                      "organization": {"南华大学": [[0, 3]]}}}] * 3
    source = tmp_path / "train.json"
    source.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    examples = company.read_cluener(source)
    assert ("迪士尼", True) in examples and ("国务院", False) in examples
    saved, agreement = company.train(source, tmp_path / "counts.json")
    model = company.NaiveBayes.from_json(json.loads(saved.read_text(encoding="utf-8")))
    assert model.log_odds("招商银行") > 0 > model.log_odds("国务院")
    assert 0 <= agreement <= 1
