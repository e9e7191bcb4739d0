"""Which files to read and how their bytes become text: walking folders, skipping kg's own outputs, decoding."""

from __future__ import annotations

import bz2
import errno
import gzip
import io
import json
import lzma
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import zstandard

from kg.errors import KgError
from kg.normalize import clean_text
from kg.records import KG_FILES

REPORT_NAME = "report.json"  # every kg output folder holds one; kg never reads such a folder
GENERATOR = "kg"  #: report.json's ``generator``


class UndecodableError(ValueError):
    """A file's bytes are no text in any encoding kg reads."""


def is_kg_output(folder: Path) -> bool:
    """Whether ``folder`` holds the outputs of a kg build (its report.json is kg's)."""
    try:
        with open(folder / REPORT_NAME, encoding="utf-8") as file:
            report = json.load(file)
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(report, dict) and (report.get("generator") == GENERATOR or {"files", "counts"} <= set(report))


def shown(path: str | Path) -> str:
    r"""A path as messages and tables show it: bytes of a name that are no UTF-8 (a GBK zip
    unpacked on Linux) as ``\xb0``, so that the name can be printed and stored.

    >>> shown(os.fsdecode(b"/news/\xb0\xa1.txt")), shown("衡阳.txt")
    ('/news/\\xb0\\xa1.txt', '衡阳.txt')
    """
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _resolved(path: Path) -> Path:
    """``path.resolve()``, or the path as it is where links lead in a circle."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # Python < 3.13 raises RuntimeError on a cycle of links
        return path.absolute()


def find_inputs(paths: list[str | Path], exclude: tuple[Path, ...] = ()) -> Iterator[tuple[Path, str]]:
    """Each file to read, with ``''``, or with why it is passed over, in a stable order.

    Folders are walked recursively (sorted; hidden files and folders left out). Passed over with
    a reason: kg output folders and the ``exclude`` paths (the build's own output and cache),
    anything that is no regular file (FIFOs, sockets, devices: opening one could hang),
    broken links, links that lead in a circle (x -> y -> x) and folders that cannot be listed.
    A file named twice is read once.
    """
    seen: set[Path] = set()
    excluded = {_resolved(p) for p in exclude}
    for path in map(Path, paths):
        for found, reason in _walk(path, excluded) if path.is_dir() else [(path, _not_a_file(path))]:
            key = _resolved(found)
            if key in excluded and not reason:
                reason = "kg's own output or cache: never read back"
            if key not in seen:
                seen.add(key)
                yield found, reason


def _walk(folder: Path, excluded: set[Path]) -> Iterator[tuple[Path, str]]:
    outputs = _resolved(folder) in excluded or is_kg_output(folder)
    if outputs:
        yield folder, "holds kg outputs (report.json, graph.*, the tables): kg never reads those back"
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        yield folder, f"cannot list this folder ({error.strerror or error})"
        return
    for entry in entries:
        if entry.name.startswith(".") or (outputs and entry.name in KG_FILES):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, excluded)
        else:
            yield path, _not_a_file(path)


def _not_a_file(path: Path) -> str:
    """Why ``path`` is no regular file to read ('' when it is one)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "broken link" if path.is_symlink() else "no such file"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a link that leads back to itself (a cycle of links)"
        return f"cannot read: {error.strerror or error}"
    if stat.S_ISREG(mode):
        return ""
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else (
        "a folder" if stat.S_ISDIR(mode) else "a device")
    return f"not a regular file ({kind})"


_BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]
SNIFF_BYTES = 1 << 16


COMPRESSIONS = {  # each reads the compressed file it is given as it is read
    ".gz": lambda raw: gzip.GzipFile(fileobj=raw, mode="rb"), ".bz2": bz2.BZ2File, ".xz": lzma.LZMAFile,
    ".zst": lambda raw: io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw, closefd=False)),
}


def article_stem(path: Path) -> str:
    """The name an article id is made of: ``2023-04-27.txt.gz`` -> ``2023-04-27`` (shown as :func:`shown`)."""
    name = Path(path.stem) if path.suffix.lower() in COMPRESSIONS else path
    return shown(name.stem)


def inner_suffix(path: Path) -> str:
    """The suffix that says what a file holds, under a compression's: ``x.jsonl.gz`` -> ``.jsonl``.

    >>> inner_suffix(Path("a.jsonl.gz")), inner_suffix(Path("b.TXT.xz")), inner_suffix(Path("c.csv"))
    ('.jsonl', '.txt', '.csv')
    """
    suffix = path.suffix.lower()
    return Path(path.stem).suffix.lower() if suffix in COMPRESSIONS else suffix


def open_bytes(path: Path) -> tuple[io.BufferedIOBase, io.BufferedIOBase]:
    """A file's bytes as a stream, decompressed as they are read when its name ends in .gz,
    .bz2, .xz or .zst (archives come compressed; nothing is unpacked to disk), and the file under
    it, whose position says how much of the file has been read."""
    raw = open(path, "rb")  # noqa: SIM115 (the caller closes it, with the stream over it)
    suffix = path.suffix.lower()
    try:
        if suffix in COMPRESSIONS:
            return COMPRESSIONS[suffix](raw), raw
    except BaseException:
        raw.close()
        raise
    return raw, raw


STREAM_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error, zstandard.ZstdError)  # a damaged or cut archive


def read_text(path: Path) -> str:
    """A file's text; a file whose first 64 KiB are no text is refused without reading the rest."""
    file, raw = open_bytes(path)
    with file, raw:
        head = _read_head(file)
        return decode(head + file.read())


def _read_head(file: io.BufferedIOBase) -> bytes:
    """The first 64 KiB of a stream, refused (:class:`UndecodableError`) when they are no text."""
    head = file.read(SNIFF_BYTES)
    while len(head) < SNIFF_BYTES and (more := file.read(SNIFF_BYTES - len(head))):  # a decompressor gives less
        head += more
    if len(head) == SNIFF_BYTES and not any(head.startswith(bom) for bom, _ in _BOMS):
        _sniff(head)
    return head


def text_lines(path: Path, read: Callable[[int], None] | None = None) -> Iterator[str]:
    """A file's lines (without their ``\\n``), read and decoded as they are wanted: a JSONL file
    of gigabytes is never one string. The encoding is the one its first 64 KiB are in; ``read``
    is told how many of the file's bytes (compressed, where it is) are read so far. Bytes that are
    no text in that encoding come as lone surrogates (``\\udcb0``), for the reader to report."""
    file, raw = open_bytes(path)
    with file, raw:
        head = _read_head(file)
        if len(head) < SNIFF_BYTES:  # the whole file: checked as any text is
            decode(head)
        # A byte that is no text in the file's encoding stays a lone surrogate: that line is reported, the rest read.
        text = io.TextIOWrapper(io.BufferedReader(_Rejoined(head, file)), encoding=encoding_of(head),
                                errors="surrogateescape", newline="\n")
        for line in text:
            yield line.removesuffix("\n")
            if read is not None:
                read(raw.tell())


class _Rejoined(io.RawIOBase):
    """The stream again with its head, which was read to sniff the encoding, in front."""

    def __init__(self, head: bytes, rest: io.BufferedIOBase) -> None:
        self.head, self.rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def encoding_of(head: bytes) -> str:
    """The encoding a file's first bytes are in (see :func:`decode`)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    for cut in range(4):  # the last UTF-8 character may be cut short
        try:
            head[:len(head) - cut].decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    newline = head.rfind(b"\n")
    guess = from_bytes(head[:newline] if newline > 0 else head,
                       cp_isolation=["gb18030", "big5", "utf_16_le", "utf_16_be", "utf_8"]).best()
    if guess is None:
        raise UndecodableError("not text in UTF-8, UTF-16, GB18030 or Big5 (binary data?)")
    return guess.encoding


def _sniff(head: bytes) -> None:
    """Raises :class:`UndecodableError` when the start of a file is no text (cut at a character's end)."""
    for cut in range(4):  # the last UTF-8 character may be cut short
        try:
            _checked(head[:len(head) - cut].decode("utf-8"), "utf-8")
            return
        except UnicodeDecodeError:
            continue
    newline = head.rfind(b"\n")  # a newline byte ends a character in GB18030 and Big5 too
    decode(head[:newline] if newline > 0 else head)


def read_option_file(path: str | Path) -> str:
    """The text of a file named by an option (``--titles``, ``--aliases``, ``--stop``), cleaned.

    Raises :class:`KgError` naming the file when it cannot be read or decoded.
    """
    try:
        if Path(path).is_dir():
            raise KgError(f"{path}: is a folder; a file is expected here")
        return clean_text(read_text(Path(path)))
    except OSError as error:
        raise KgError(f"{path}: cannot read it ({error.strerror or error})") from error
    except UndecodableError as error:
        raise KgError(f"{path}: cannot decode it ({error}); save it as UTF-8") from error


def decode(data: bytes) -> str:
    """Text of a file, never with characters silently replaced.

    A BOM decides first; then strict UTF-8 (valid UTF-8 is text, emoji and all); then
    charset-normalizer's best guess (GB18030, GBK, Big5, UTF-16 without BOM…), accepted only
    if the text reads as text: few control characters, and Chinese, when there is any, mostly
    from the common CJK block.

    >>> decode("衡阳市委".encode("gb18030")), decode("衡阳".encode("utf-16")), decode("赞👍".encode())
    ('衡阳市委', '衡阳', '赞👍')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding), encoding)
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    guess = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16_le", "utf_16_be", "utf_8"]).best() \
        or from_bytes(data).best()
    if guess is None:
        raise UndecodableError("not text in UTF-8, UTF-16, GB18030 or Big5 (binary data?)")
    return _checked(str(guess), guess.encoding, guessed=True)


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_ANY_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_COMMON_CJK = re.compile("[\u4e00-\u9fff\u3000-\u303f]")


def _checked(text: str, encoding: str, guessed: bool = False) -> str:
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise UndecodableError(f"decodes as {encoding} but holds {controls} control characters (binary data?)")
    if guessed:  # a guessed encoding can turn any bytes into rare ideographs
        cjk = len(_ANY_CJK.findall(text))
        if cjk > 20 and len(_COMMON_CJK.findall(text)) < 0.9 * cjk:
            raise UndecodableError(f"decodes as {encoding} only into rare characters (wrong encoding or binary data)")
    return text
