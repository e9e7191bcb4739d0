"""Reading MSRA files, scoring, and the train-ner / eval-ner commands on a small slice."""

import json
from pathlib import Path

from kg import training
from kg.cli import main
from kg.ner import NamedEntityRecognizer


def test_read_msra_converts_bmes_to_iobes_and_halfwidth(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("中 B-ORG\r\n国 M-ORG\r\n队 E-ORG\r\n１ O\r\n\r\n张 B-PER\r\n三 E-PER\r\n", encoding="utf-8")
    sentences = training.read_msra(path)
    assert sentences[0] == {"token": ["中", "国", "队", "1"], "tag": ["B-ORG", "I-ORG", "E-ORG", "O"]}
    assert training.gold_spans(sentences) == [[("ORG", 0, 3)], [("PER", 0, 2)]]


def test_score_counts_exact_spans_only():
    score = training.score([[("PER", 0, 2), ("LOC", 3, 5)]], [[("PER", 0, 2), ("LOC", 3, 4)]])
    assert (score.precision, score.recall) == (0.5, 0.5)


def test_train_ner_then_eval_ner_on_a_slice(tmp_path, capsys):
    model = tmp_path / "model"
    assert main(["train-ner", "--limit", "300", "--epochs", "1", "--rnn-hidden", "64", "--device", "cpu",
                 "-o", str(model)]) == 0
    assert (model / "config.json").is_file() and (model / "model.pt").is_file()
    test = tmp_path / "test.txt"
    test.write_text("邓 B-PER\n群 I-PER\n策 E-PER\n在 O\n衡 B-LOC\n阳 E-LOC\n", encoding="utf-8")
    assert main(["eval-ner", str(test), "--model", str(model)]) == 0
    assert "F1" in capsys.readouterr().out


def test_train_ner_resumes_from_its_last_epoch(tmp_path):
    import torch

    from kg.hanlp_ext import CHECKPOINT

    model = tmp_path / "model"
    args = ["train-ner", "--limit", "300", "--rnn-hidden", "64", "--device", "cpu", "-o", str(model)]
    assert main([*args, "--epochs", "1", "--keep-epochs"]) == 0
    first = torch.load(model / CHECKPOINT, map_location="cpu", weights_only=False)
    assert first["epoch"] == 1
    assert main([*args, "--epochs", "2", "--resume", "--keep-epochs"]) == 0
    second = torch.load(model / CHECKPOINT, map_location="cpu", weights_only=False)
    # --keep-epochs: each epoch's model as its own folder, as the checkpoint held it
    from kg.hanlp_ext import load_state

    kept = [load_state(tmp_path / f"model-e{n}" / "model.pt") for n in (1, 2)]
    for state, checkpoint in zip(kept, (first, second)):
        assert all(torch.allclose(state[k], checkpoint["model"][k].float(), atol=1e-2, rtol=1e-2) for k in state)
    assert not torch.equal(kept[0]["word_lstm.weight_ih_l0"], kept[1]["word_lstm.weight_ih_l0"])
    NamedEntityRecognizer(str(tmp_path / "model-e1"), precision="float32").recognize(["王刚在长沙"])  # loads, runs
    assert second["epoch"] == 2 and second["optimizer"]["state"]  # Adam's moments came along
    logs = "".join(p.read_text(encoding="utf-8") for p in model.glob("*.log"))
    assert "resuming after epoch 1" in logs and "Epoch 1 / 2" not in logs
    assert (model / "model.pt").is_file() and (model / "config.json").is_file()
    for folder in (model, tmp_path / "model-e2"):  # how it ran, not what it is
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        assert "resume" not in config and "keep_epochs" not in config


def test_resume_without_a_checkpoint_says_so(tmp_path, capsys):
    assert main(["train-ner", "--limit", "10", "--epochs", "1", "--device", "cpu", "-o", str(tmp_path / "none"),
                 "--resume"]) == 2
    assert "no checkpoint to resume from" in capsys.readouterr().err


def write_cluener(path, records):
    import json

    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_cluener_types_are_mapped_to_msra_labels(tmp_path):
    path = write_cluener(tmp_path / "train.json", [
        {"text": "浙商银行叶老桂说，国务院在北京", "label": {
            "company": {"浙商银行": [[0, 3]]}, "name": {"叶老桂": [[4, 6]]},
            "government": {"国务院": [[9, 11]]}, "address": {"北京": [[13, 14]]}}},
        {"text": "《三体》作者刘慈欣任总工程师", "label": {
            "book": {"三体": [[1, 2]]}, "name": {"刘慈欣": [[6, 8]]}, "position": {"总工程师": [[10, 13]]}}},
        {"text": "游泸沽湖", "label": {"scene": {"泸沽湖": [[1, 3]]}}},
    ])
    sentences = training.read_cluener(path)
    assert training.gold_spans(sentences) == [
        [("ORG", 0, 4), ("PER", 4, 7), ("ORG", 9, 12), ("LOC", 13, 15)],
        [("PER", 6, 9)],  # books and job titles are not entities in MSRA
        [("LOC", 1, 4)],
    ]


def test_a_cluener_sentence_with_a_street_address_is_left_out(tmp_path):
    path = write_cluener(tmp_path / "train.json", [
        {"text": "地址：广州市体育东路116号", "label": {"address": {"广州市体育东路116号": [[3, 13]]}}},
        {"text": "张三在海淀区", "label": {"name": {"张三": [[0, 1]]}, "address": {"海淀区": [[3, 5]]}}},
    ])
    assert training.gold_spans(training.read_cluener(path)) == [[("PER", 0, 2), ("LOC", 3, 6)]]


def test_a_broken_cluener_line_names_the_file_and_line(tmp_path):
    import pytest

    from kg.errors import KgError

    path = tmp_path / "train.json"
    path.write_text('{"text": "张三", "label": {}}\n{"text": "李四", "label": {"name": {"李四": [[0, 9]]}}}\n',
                    encoding="utf-8")
    with pytest.raises(KgError, match=r"train.json:2: not a CLUENER record \(span \[0, 9\] outside the text\)"):
        training.read_cluener(path)


def test_train_ner_with_lexicon_features_on_msra_and_cluener(tmp_path):
    from kg import lexicon
    from kg.ner import NamedEntityRecognizer, _predict_with_hanlp

    cluener = write_cluener(tmp_path / "cluener.json", [
        {"text": "浙商银行叶老桂说", "label": {"company": {"浙商银行": [[0, 3]]}, "name": {"叶老桂": [[4, 6]]}}},
    ] * 40)
    model = tmp_path / "model"
    assert main(["train-ner", "--limit", "300", "--epochs", "1", "--rnn-hidden", "32", "--lexicon-dim", "8",
                 "--device", "cpu", "--train", str(training_msra()), "--train", str(cluener), "-o", str(model)]) == 0
    assert lexicon.Lexicon.load(model / lexicon.FILE).words["衡阳市"] & lexicon.PLACE  # saved with the model
    log = "".join(p.read_text(encoding="utf-8") for p in model.glob("*.log"))
    assert "323/17 samples in trn/dev set" in log  # 5% of each source held out: 300 MSRA and 40 CLUENER
    recognizer = NamedEntityRecognizer(str(model), precision="float32")
    sentences = [list("市委书记邓群策在衡阳市调研"), list("浙商银行叶老桂说"), list("王")]
    assert recognizer.component.lexicon.words == lexicon.Lexicon.load(model / lexicon.FILE).words
    # kg's fast path feeds the lexicon features exactly as HanLP's own predict does
    predicted = recognizer._predict(sentences)
    assert predicted == _predict_with_hanlp(recognizer.component, sentences)
    assert predicted[1], "the sentence trained on 38 times should be tagged, or the comparison shows little"


def training_msra():
    from kg.cli import _msra_file

    return _msra_file("msra_train.txt")


def test_lexicon_features_decide_a_boundary_that_only_the_lexicon_knows(tmp_path):
    # Training sentences where the same context is followed either by a place the lexicon holds
    # (tagged LOC) or by a string it does not hold (tagged O): only the lexicon tells them apart.
    # Then names made of characters never seen in training are tagged by the lexicon alone.
    import random

    from kg import lexicon
    from kg.ner import NamedEntityRecognizer

    rng = random.Random(7)
    seen_chars = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    contexts = [("代表团访问了", "。"), ("他们来自", "的工厂。"), ("会议在", "召开。"), ("记者从", "获悉。")]
    places: dict[str, int] = {}
    lines = []
    for n in range(600):
        name = "".join(rng.choice(seen_chars) for _ in range(rng.randint(2, 4)))
        is_place = n % 2 == 0
        if is_place:
            places[name] = lexicon.PLACE
        elif name in places:
            continue
        before, after = rng.choice(contexts)
        tags = ["O"] * len(before) + ((["B-LOC"] + ["M-LOC"] * (len(name) - 2) + ["E-LOC"]) if is_place
                                      else ["O"] * len(name)) + ["O"] * len(after)
        lines += [f"{c} {t}" for c, t in zip(before + name + after, tags)] + [""]
    corpus = tmp_path / "synthetic.txt"
    corpus.write_text("\n".join(lines), encoding="utf-8")
    model = tmp_path / "model"
    recipe = training.Recipe(epochs=8, rnn_hidden=32, lexicon_dim=8, char_dim=16, bigram_dim=8, bigram_min_count=1,
                             batch_size=32, patience=8)
    training.train([corpus], model, recipe, devices=[], lexicon=lexicon.Lexicon(places))
    recognizer = NamedEntityRecognizer(str(model), precision="float32")
    fresh = ["鹿鸣湾", "青禾坪", "松涛岭镇"]  # characters the model has never seen
    for name in fresh:
        text = f"代表团访问了{name}。"
        recognizer.component.lexicon = lexicon.Lexicon({**places, name: lexicon.PLACE})
        recognizer._tagger = None
        known = [(text[s.start:s.end], s.label) for s in recognizer.recognize([text])[0]]
        recognizer.component.lexicon = lexicon.Lexicon(places)
        recognizer._tagger = None
        unknown = [(text[s.start:s.end], s.label) for s in recognizer.recognize([text])[0]]
        assert known == [(name, "LOC")] and unknown == [], (name, known, unknown)


def test_boson_entities_are_mapped_and_paragraphs_cut_into_sentences(tmp_path):
    path = tmp_path / "boson.txt"
    path.write_text("{{location:湘江}}边，{{person_name: 李四}}走进{{company_name:星火科技公司}}。"
                    "他用{{product_name:微信}}联系{{org_name:石鼓区教育局}}！\n", encoding="utf-8")
    sentences = training.read_corpus(path)  # recognised by its inline marks
    assert ["".join(s["token"]) for s in sentences] == ["湘江边,李四走进星火科技公司。", "他用微信联系石鼓区教育局!"]
    spans = [[("".join(s["token"][b:e]), label) for label, b, e in found]
             for s, found in zip(sentences, training.gold_spans(sentences))]
    assert spans == [[("湘江", "LOC"), ("李四", "PER"), ("星火科技公司", "ORG")], [("石鼓区教育局", "ORG")]]


def test_a_name_list_joins_the_lexicon_as_people(tmp_path):
    from kg import lexicon

    names = tmp_path / "names.txt"
    names.write_text("\ufeffBy someone\n2022.11.30\n\n山田花子\n", encoding="utf-8")
    built = lexicon.build(sources=(), name_lists=[names])
    assert built.words == {"山田花子": lexicon.PERSON}


def test_a_soup_averages_weights_and_keeps_only_what_dev_scores_no_worse(tmp_path, capsys):
    import shutil

    import pytest
    import torch

    from kg.errors import KgError
    from kg.hanlp_ext import load_state, pack_state

    shipped = Path(__file__).parent.parent / "kg" / "models" / "ner"
    good, noisy = tmp_path / "good", tmp_path / "noisy"
    shutil.copytree(shipped, good)
    shutil.copytree(shipped, noisy)
    state = load_state(noisy / "model.pt")
    generator = torch.Generator().manual_seed(0)
    torch.save(pack_state({k: v + 3 * torch.randn(v.shape, generator=generator) if v.is_floating_point() else v
                           for k, v in state.items()}), noisy / "model.pt")
    halfway = load_state(training.average([good, noisy], tmp_path / "mean") / "model.pt")
    for weight, within in (("crf.transitions", 1e-2), ("embed.bigram.weight", 0.02)):  # float16; 8 bits a number
        expected = (load_state(good / "model.pt")[weight] + load_state(noisy / "model.pt")[weight]) / 2
        assert (halfway[weight] - expected).abs().mean() < within

    dev = training.read_msra(training_msra())[:40]
    kept, score = training.greedy_soup([noisy, good], tmp_path / "soup", dev)
    assert kept == [good] and score.f1 > 0.5  # the noisy model scores worse alone and drags the mean down

    (noisy / "vocabs.json").write_text("{}", encoding="utf-8")
    with pytest.raises(KgError, match="different vocabularies"):
        training.average([good, noisy], tmp_path / "mean")


def test_swapped_names_keep_their_places_and_tags_and_draw_on_the_corpus_s_own_name_parts():
    names = ["王小明", "李红", "张国强", "刘洋"]
    sentences = [{"token": [*name, "说", "好"], "tag": ["B-PER", *["I-PER"] * (len(name) - 2), "E-PER", "O", "O"]}
                 for name in names * 30]
    foreign = {"token": list("欧文说好"), "tag": ["B-PER", "E-PER", "O", "O"]}  # 欧 begins no 20 names
    swapped = training.swap_names([*sentences, foreign], 0.5, seed=3)
    assert [s["tag"] for s in swapped] == [s["tag"] for s in [*sentences, foreign]]
    assert swapped[-1] is foreign
    changed = [s for s, t in zip(swapped, sentences) if s["token"] != t["token"]]
    assert 40 < len(changed) < 80  # about half of the 120
    surnames, given = {n[0] for n in names}, {c for n in names for c in n[1:]}
    for s in changed:
        assert s["token"][0] in surnames and set(s["token"][1:-2]) <= given and s["token"][-2:] == ["说", "好"]
    assert sentences[0]["token"] == list("王小明说好")  # the input is left as it was
