"""How long the reader takes over hostile inputs that tests only check for behaviour: a 64 MiB
binary file named .txt (refused from its first bytes) and a web page of 20,000 scripts and
40,000 paragraphs (cut to its first megabyte, with a warning).

Run by hand: .venv/bin/python bench/hostile_ingest.py
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from kg.ingest import FileReport, read_articles

GOOD = "市委书记邓群策会见中国水环境集团董事长侯锋一行。"


def seconds_to_read(path: Path) -> tuple[float, int, FileReport]:
    """Seconds to read ``path``, the articles read, and its report."""
    report = FileReport(str(path))
    clock = time.perf_counter()
    articles = [a for _, a in read_articles(path, report)]
    return time.perf_counter() - clock, len(articles), report


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kg-hostile-") as folder:
        binary = Path(folder) / "big.txt"
        with open(binary, "wb") as out:
            out.write(os.urandom(1 << 20) * 64)
        took, count, report = seconds_to_read(binary)
        print(f"64 MiB binary .txt: {took:.3f} s, {count} articles, {report.status} ({report.reason})")
        page = Path(folder) / "huge.html"
        scripts = "<script>var a = 1;</script>" * 20_000
        page.write_text(f"<html><body>{scripts}<article><h1>会见</h1>{f'<p>{GOOD}</p>' * 40_000}</article></body></html>",
                        encoding="utf-8")
        took, count, report = seconds_to_read(page)
        size = page.stat().st_size / (1 << 20)
        print(f"{size:.1f} MiB web page: {took:.3f} s, {count} articles, {len(report.warnings)} warning(s)")


if __name__ == "__main__":
    main()
