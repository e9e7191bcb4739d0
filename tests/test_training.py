"""Reading MSRA files, scoring, and the train-ner / eval-ner commands on a small slice."""

from kg import training
from kg.cli import main


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
    assert main([*args, "--epochs", "1"]) == 0
    first = torch.load(model / CHECKPOINT, map_location="cpu", weights_only=False)
    assert first["epoch"] == 1
    assert main([*args, "--epochs", "2", "--resume"]) == 0
    second = torch.load(model / CHECKPOINT, map_location="cpu", weights_only=False)
    assert second["epoch"] == 2 and second["optimizer"]["state"]  # Adam's moments came along
    logs = "".join(p.read_text(encoding="utf-8") for p in model.glob("*.log"))
    assert "resuming after epoch 1" in logs and "Epoch 1 / 2" not in logs
    assert (model / "model.pt").is_file() and (model / "config.json").is_file()


def test_resume_without_a_checkpoint_says_so(tmp_path, capsys):
    assert main(["train-ner", "--limit", "10", "--epochs", "1", "--device", "cpu", "-o", str(tmp_path / "none"),
                 "--resume"]) == 2
    assert "no checkpoint to resume from" in capsys.readouterr().err
