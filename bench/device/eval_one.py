"""MSRA test F1 (float32, CPU) of a trained model folder; JSON on stdout."""
import json
import sys
from pathlib import Path

sys.path.insert(0, "/tmp/site")
from kg import training
from kg.ner import NamedEntityRecognizer

model = Path(sys.argv[1])
score = training.evaluate(NamedEntityRecognizer(str(model), precision="float32"), "/tmp/d/msra_test.txt")
print(json.dumps({"model": model.name, "f1": score.f1, "precision": score.precision, "recall": score.recall}))
