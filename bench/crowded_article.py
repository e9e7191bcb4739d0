"""Peak memory and time of ``kg build`` on one hostile article: 1 MB naming ~22,000 distinct people.

Before the per-article cap on co-occurrence this made every pair of names (~250 million) and
passed 8 GB; now an article links at most its 100 most named entities. Run by hand:

    .venv/bin/python bench/crowded_article.py            # 1 MB
    .venv/bin/python bench/crowded_article.py 4          # 4 MB: memory should grow about linearly
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉健波宁浩龙群策锋润"


def crowded_text(megabytes: float, seed: int = 1) -> str:
    """Sentences listing people (姓 + two given characters), ~22k distinct names a megabyte."""
    rng = random.Random(seed)
    pool = [s + a + b for s in SURNAMES for a in GIVEN for b in GIVEN]
    rng.shuffle(pool)
    names = pool[:int(22_000 * megabytes)]
    sentences, size = [], 0
    while size < megabytes * 1_000_000:
        sentence = "出席会议的有" + "、".join(rng.sample(names, 12)) + "等同志。"
        sentences.append(sentence)
        size += len(sentence.encode("utf-8"))
    return "".join(sentences)


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "crowded.jsonl"
        path.write_text(json.dumps({"id": "crowded", "text": crowded_text(megabytes)}, ensure_ascii=False),
                        encoding="utf-8")
        clock = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(path), "-o", f"{folder}/out",
                                 "--no-cache"], capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - clock
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(result.stdout.strip() or result.stderr.strip())
        print(f"{megabytes:g} MB article: {seconds:.1f} s, peak RSS {peak:,.0f} MB, exit {result.returncode}")
        print("warnings:", [line for line in result.stderr.splitlines() if "co-occurrence" in line])


if __name__ == "__main__":
    main()
