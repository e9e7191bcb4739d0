"""kg.paddle_format: LoDTensor files made the way Paddle writes them, read back."""

import struct

import numpy as np
import pytest

from kg.errors import KgError
from kg.paddle_format import program_ops, read_tensor


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        out.append(value & 0x7F | (0x80 if value > 0x7F else 0))
        value >>= 7
        if not value:
            return bytes(out)


def _lod_tensor(array: np.ndarray, lod: list[list[int]], packed: bool) -> bytes:
    """A file the way Paddle's SerializeToStream writes one, with LoD levels and either encoding of dims."""
    if packed:
        dims = b"".join(map(_varint, array.shape))
        desc = b"\x08\x05" + b"\x12" + _varint(len(dims)) + dims
    else:
        desc = b"\x08\x05" + b"".join(b"\x10" + _varint(d) for d in array.shape)
    levels = b"".join(struct.pack("<Q", 8 * len(level)) + struct.pack(f"<{len(level)}Q", *level) for level in lod)
    return (struct.pack("<IQ", 0, len(lod)) + levels + struct.pack("<Ii", 0, len(desc)) + desc
            + array.astype("<f4").tobytes())


@pytest.mark.parametrize("packed", [False, True])
def test_read_tensor_takes_the_shape_from_the_header(tmp_path, packed):
    array = np.arange(300 * 130, dtype=np.float32).reshape(300, 130) / 7  # 300: a two-byte varint
    path = tmp_path / "w"
    path.write_bytes(_lod_tensor(array, [[0, 2, 5]], packed))
    assert np.array_equal(read_tensor(path), array)


def test_read_tensor_names_the_file_of_a_short_one(tmp_path):
    path = tmp_path / "fc_9.w_0"
    path.write_bytes(_lod_tensor(np.ones((4, 4), np.float32), [], False)[:-4])
    with pytest.raises(KgError, match="fc_9.w_0: 60 bytes of data for a tensor of shape \\[4, 4\\]"):
        read_tensor(path)


def _field(number: int, value: bytes | int) -> bytes:
    if isinstance(value, int):
        return _varint(number << 3) + _varint(value)
    return _varint(number << 3 | 2) + _varint(len(value)) + value


def test_program_ops_reads_type_inputs_and_attributes(tmp_path):
    weight = _field(1, b"Weight") + _field(2, b"gru_7.w_0")
    reverse = _field(1, b"is_reverse") + _field(2, 6) + _field(10, 1)
    activation = _field(1, b"activation") + _field(2, 2) + _field(5, b"tanh")
    op = _field(3, b"gru") + _field(1, weight) + _field(4, reverse) + _field(4, activation)
    block = _field(1, 0) + _field(2, 0) + _field(4, op)
    path = tmp_path / "__model__"
    path.write_bytes(_field(1, block))
    assert program_ops(path) == [{"type": "gru", "inputs": {"Weight": ["gru_7.w_0"]}, "outputs": {},
                                  "attrs": {"is_reverse": 1, "activation": b"tanh"}}]
