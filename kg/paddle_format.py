"""Paddle's saved models read without Paddle: LoDTensor parameter files and the program's operators.

A parameter file (Paddle's ``SerializeToStream``) is a small header, a ``TensorDesc`` protobuf and
the raw data; the program (``__model__``) is a ``ProgramDesc`` protobuf. Both are decoded here
with a minimal protobuf reader, enough for what :mod:`kg.lac` needs.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from kg.errors import KgError

FP32 = 5  # Paddle's VarType.FP32


def protobuf_fields(data: bytes) -> Iterator[tuple[int, int | bytes]]:
    """(field number, value) of a protobuf message: varints as ints, the rest as raw bytes.

    >>> list(protobuf_fields(bytes([0x08, 0x05, 0x10, 0x33, 0x10, 0x31])))  # a TensorDesc: float32 [51, 49]
    [(1, 5), (2, 51), (2, 49)]
    """
    at = 0
    while at < len(data):
        key, at = _varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, at = _varint(data, at)
        elif wire == 2:
            size, at = _varint(data, at)
            value, at = data[at:at + size], at + size
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            value, at = data[at:at + size], at + size
        else:
            raise ValueError(f"protobuf wire type {wire} at byte {at}")
        yield number, value


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data):
            raise ValueError("protobuf varint runs past the end")
        byte = data[at]
        value |= (byte & 0x7F) << shift
        at, shift = at + 1, shift + 7
        if byte < 0x80:
            return value, at


def read_tensor(path: str | Path) -> np.ndarray:
    """One parameter file of a Paddle model, as a float32 array of its shape.

    The layout (Paddle's ``SerializeToStream``): uint32 version, uint64 LoD levels each with its
    byte size and offsets, uint32 tensor version, int32 size of a ``TensorDesc`` protobuf (field 1
    the data type, field 2 the dimensions), then the raw little-endian data.
    """
    data = Path(path).read_bytes()
    try:
        (levels,) = struct.unpack_from("<Q", data, 4)
        at = 12
        for _ in range(levels):
            (size,) = struct.unpack_from("<Q", data, at)
            at += 8 + size
        (desc_size,) = struct.unpack_from("<i", data, at + 4)
        at += 8
        dtype, dims = None, []
        for number, value in protobuf_fields(data[at:at + desc_size]):
            if number == 1:
                dtype = value
            elif number == 2:  # proto2 repeated int64: one varint each, or packed into bytes
                dims += [value] if isinstance(value, int) else _packed(value)
        at += desc_size
    except (struct.error, ValueError) as error:
        raise KgError(f"{path}: not a Paddle tensor file ({error})") from error
    if dtype != FP32:
        raise KgError(f"{path}: holds data type {dtype}, not float32 (5); not a LAC 2.1 parameter")
    count = math.prod(dims)
    if len(data) - at != 4 * count:
        raise KgError(f"{path}: {len(data) - at} bytes of data for a tensor of shape {dims}")
    return np.frombuffer(data, dtype="<f4", count=count, offset=at).reshape(dims).astype(np.float32)


def _packed(data: bytes) -> list[int]:
    values, at = [], 0
    while at < len(data):
        value, at = _varint(data, at)
        values.append(value)
    return values


def program_ops(path: str | Path) -> list[dict]:
    """The operators of a Paddle program (``__model__``): type, inputs, outputs and scalar attributes."""
    ops = []
    for number, block in protobuf_fields(Path(path).read_bytes()):
        if number != 1:  # ProgramDesc.blocks
            continue
        for field, op in protobuf_fields(block):
            if field == 4:  # BlockDesc.ops
                ops.append(_op(op))
    return ops


def _op(data: bytes) -> dict:
    op = {"type": "", "inputs": {}, "outputs": {}, "attrs": {}}
    for number, value in protobuf_fields(data):
        if number == 3:
            op["type"] = value.decode()
        elif number in (1, 2):  # OpDesc.Var: parameter name, then its arguments
            parts = list(protobuf_fields(value))
            names = [v.decode() for n, v in parts if n == 2]
            op["inputs" if number == 1 else "outputs"][parts[0][1].decode()] = names
        elif number == 4:  # OpDesc.Attr: name, type, then one value field (i, f, s, b, l…)
            parts = dict(protobuf_fields(value))
            values = [v for n, v in parts.items() if n not in (1, 2)]
            if values:
                op["attrs"][parts[1].decode()] = values[0]
    return op
