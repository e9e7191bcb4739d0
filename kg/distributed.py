"""Where NER runs: in this process, in local worker processes, or on a Dask cluster.

The map is NER over chunks of sentences; everything after it (entities, relations, graph)
runs here, so the same corpus gives the same graph whatever runs the map.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from kg.errors import KgError
from kg.ner import NamedEntityRecognizer
from kg.records import Spans

_worker_models: dict[tuple[str, str], NamedEntityRecognizer] = {}


def recognize_chunk(texts: list[str], model_ref: str, precision: str) -> list[Spans]:
    """NER of one chunk, in whatever process runs it; each process loads the model once.

    ``precision`` is the one the driver resolved, so every worker computes alike.
    """
    key = (model_ref, precision)
    if key not in _worker_models:
        _worker_models[key] = NamedEntityRecognizer(model_ref, precision=precision)
    return _worker_models[key].recognize(texts)


def recognize_chunks(chunks: list[list[str]], recognizer: NamedEntityRecognizer, workers: int = 1,
                     scheduler: str | None = None) -> Iterator[list[Spans]]:
    """Each chunk's spans, in order."""
    if scheduler:
        yield from _on_dask(chunks, recognizer, scheduler)
    elif workers > 1 and len(chunks) > 1:
        with local_pool(workers) as pool:
            yield from pool.map(recognize_chunk, chunks, [recognizer.model_ref] * len(chunks),
                                [recognizer.precision] * len(chunks))
    else:
        for chunk in chunks:
            yield recognizer.recognize(chunk)


def local_pool(workers: int) -> ProcessPoolExecutor:
    """``workers`` spawned processes, each with its share of the cores for torch."""
    # spawn, not fork: a forked copy of a process whose torch threads are running can hang.
    # The share: two workers of two torch threads each on two cores ran NER 5x slower than one
    # process (22k against 112k chars/s); with one thread each, as fast as one process.
    threads = max(1, available_cores() // workers)
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_use_threads, initargs=(threads,))


def available_cores() -> int:
    """The cores this process may run on (a container's share, where the OS says)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _use_threads(threads: int) -> None:
    import torch

    torch.set_num_threads(threads)


def _on_dask(chunks: list[list[str]], recognizer: NamedEntityRecognizer, scheduler: str) -> Iterator[list[Spans]]:
    try:
        from dask.distributed import Client
    except ImportError as error:
        raise KgError("--scheduler needs Dask: pip install 'kg[dask]'") from error
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except OSError as error:
        raise KgError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from error
    try:
        futures = client.map(recognize_chunk, chunks, model_ref=recognizer.model_ref,
                             precision=recognizer.precision, pure=False)
        for future in futures:
            yield future.result()
    finally:
        client.close()
