"""Output folders: one build at a time (a lock), outputs written aside and swapped in all at once.

A build writes every file into a fresh folder beside the target (``.output.kg-new-*``) and then
exchanges the two folders in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two
renames, with a moment where the folder is missing but never mixed). Whatever else the target
held (the NER cache, your own files and folders) moves into the new folder; kg's previous
outputs go. Killed at any point (Ctrl-C, SIGTERM, kill -9, a full disk), the target holds either
every old output or every new one; the next run clears what a killed one left beside it.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import glob
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from kg.errors import KgError
from kg.records import OUTPUT_FILES

LOCK_NAME = ".kg-lock"
STAGING_MARK = ".kg-staging"  # in a folder being written: never published, safe to delete
_held: dict[Path, int] = {}  # the locks this process holds, so nested uses (build, then save) go through


def check_output(directory: str | Path) -> Path:
    """The output folder as an absolute path, or a :class:`KgError` saying why kg cannot write there."""
    target = Path(directory).expanduser().absolute()
    try:
        if target.is_symlink():  # swap the folder it points to; the link keeps pointing there
            target = target.resolve()
        if target.exists() and not target.is_dir():
            raise KgError(f"{directory}: is a file; the output (-o) is a folder kg writes its files into")
        parent = target.parent
        while not parent.exists():
            parent = parent.parent
    except OSError as error:
        raise KgError(f"{directory}: cannot use it as the output folder ({error.strerror or error})") from error
    if not parent.is_dir():
        raise KgError(f"{directory}: {parent} is a file, so no folder can be made there")
    for place in {target if target.exists() else parent, target.parent if target.parent.exists() else parent}:
        if not os.access(place, os.W_OK | os.X_OK):
            raise KgError(f"{directory}: cannot write into {place} (permission denied); choose another -o")
    return target


@contextmanager
def output_lock(directory: str | Path) -> Iterator[Path]:
    """Holds the output folder for this build; a second build into it gets a clear error at once."""
    target = check_output(directory)
    if target in _held:
        _held[target] += 1
        try:
            yield target
        finally:
            _held[target] -= 1
        return
    try:
        target.mkdir(parents=True, exist_ok=True)
        handle = os.open(target / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise KgError(f"{directory}: cannot write into it ({error.strerror or error})") from error
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        raise KgError(f"{directory}: another kg build is writing into this folder; wait for it or choose "
                      "another -o") from None
    _held[target] = 1
    try:
        _clear_leftovers(target)
        yield target
    finally:
        del _held[target]
        os.close(handle)  # closing releases the lock; kill -9 releases it too


@contextmanager
def publishing(directory: str | Path) -> Iterator[Path]:
    """Yields a fresh folder to write the outputs into; when the block succeeds they replace the
    target's outputs all at once, and when it fails (an error, Ctrl-C) nothing in the target changes."""
    with output_lock(directory) as target:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.kg-new-", dir=target.parent))
        try:
            os.chmod(staging, stat.S_IMODE(target.stat().st_mode))  # mkdtemp makes it private; keep the folder's
            (staging / STAGING_MARK).touch()
            yield staging
            _swap_in(staging, target)
        except (OSError, duckdb.IOException) as error:  # DuckDB's: a table copied out by the store
            reason = getattr(error, "strerror", None) or str(error).strip().splitlines()[0]
            if "No space left" in str(error):
                reason = "the disk is full; free some space and run again"
            raise KgError(f"{directory}: cannot write the outputs ({reason}); the folder is as it was") from error
        finally:
            if staging.exists() and (staging / STAGING_MARK).exists():
                shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path, target: Path) -> None:
    if Path.cwd().resolve().is_relative_to(target.resolve()):  # moving the folder a shell sits in would strand it
        _copy_in(staging, target)
        return
    if not _exchange(staging, target):
        displaced = Path(tempfile.mkdtemp(prefix=f".{target.name}.kg-old-", dir=target.parent))
        os.rename(target, displaced / "old")
        os.rename(staging, target)
        staging = displaced / "old"
    (target / STAGING_MARK).unlink()
    _carry_over(staging, target)


def _exchange(a: Path, b: Path) -> bool:
    """Swaps two folders in one step where the system can (Linux renameat2); False where it cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV, errno.EBUSY):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _carry_over(old: Path, target: Path) -> None:
    """Moves what the old folder held besides kg's outputs into ``target``, then removes the old folder."""
    for entry in old.iterdir():
        kept = entry.name not in OUTPUT_FILES and not _is_temporary(entry.name) and entry.name != STAGING_MARK
        if kept and not (target / entry.name).exists():
            os.rename(entry, target / entry.name)
    shutil.rmtree(old, ignore_errors=True)
    if old.parent.name.startswith(f".{target.name}.kg-old-"):
        shutil.rmtree(old.parent, ignore_errors=True)


def _copy_in(staging: Path, target: Path) -> None:
    """Where the folder cannot be moved: each file replaces its old self, report.json last."""
    for path in sorted(staging.iterdir(), key=lambda p: p.name == "report.json"):
        if path.name != STAGING_MARK:
            os.replace(path, target / path.name)


def _is_temporary(name: str) -> bool:
    return name.startswith(".") and name.endswith(".tmp")


def _clear_leftovers(target: Path) -> None:
    """What a killed run left: staging folders (deleted), a displaced old folder (its own files moved back)."""
    for path in target.parent.glob(f".{glob.escape(target.name)}.kg-*"):
        if not path.is_dir():
            continue
        if (path / STAGING_MARK).exists():
            shutil.rmtree(path, ignore_errors=True)
        else:
            old = path / "old" if (path / "old").is_dir() else path
            _carry_over(old, target)
            shutil.rmtree(path, ignore_errors=True)
    (target / STAGING_MARK).unlink(missing_ok=True)
    for path in target.iterdir():
        if _is_temporary(path.name) and path.is_file():
            path.unlink(missing_ok=True)
