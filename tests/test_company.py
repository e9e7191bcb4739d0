"""Company or organization: the marks of a name, the model for unmarked names, and its training on CLUENER files."""

import json

from kg import company
from kg.names import mention_type


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


def test_company_needs_evidence():
    assert mention_type("ORG", "国家开发投资集团有限公司") == "company"
    assert mention_type("ORG", "特变电工") == "company"
    assert mention_type("ORG", "南华医院") == "organization"
    assert not company.has_company_mark("新材料")  # an industry word alone is no company mark


def test_unmarked_names_go_to_the_cluener_model():
    assert company.is_company("招行") and company.is_company("迪士尼")
    assert not company.is_company("南华大学") and not company.is_company("衡阳市总工会")


def test_a_public_body_s_ending_outweighs_the_model_but_not_a_business_mark():
    assert company.has_organization_mark("湘江区政务服务中心") and not company.is_company("湘江区政务服务中心")
    assert company.has_organization_mark("湘江实业协会") and not company.is_company("湘江实业协会")
    assert company.is_company("湘江出版传媒")  # 传媒 marks a business, whatever the model would say
