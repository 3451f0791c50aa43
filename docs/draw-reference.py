#!/usr/bin/env python3
"""Independent reference of the SSJ-DRAW-1 sampling procedure (docs/draw-spec.md sections 3-5).

Written from the specification only, to show it is precise enough to re-implement; the test vectors in the
specification were checked against both this script and the hub's C# engine.

    python3 docs/draw-reference.py <seed-hex> <label> <count> <code> [<code> ...]

prints the first four 64-bit outputs of the stream, then the sampled codes in selection order.
"""
import hashlib
import sys


class DrawRandom:
    def __init__(self, seed: bytes, label: str):
        assert len(seed) == 32
        self.prefix = seed + label.encode("utf-8") + b"\x00"
        self.counter = 0
        self.buffer = b""

    def next_u64(self) -> int:
        if len(self.buffer) < 8:
            self.buffer = hashlib.sha256(self.prefix + self.counter.to_bytes(8, "big")).digest()
            self.counter += 1
        value, self.buffer = int.from_bytes(self.buffer[:8], "big"), self.buffer[8:]
        return value

    def next_below(self, bound: int) -> int:
        limit = 2**64 - (2**64 % bound)  # accept values below the largest multiple of bound
        while True:
            value = self.next_u64()
            if value < limit:
                return value % bound


def count_for(size: int, ratio_text: str) -> int:
    from decimal import Decimal, ROUND_FLOOR
    ratio = Decimal(ratio_text)
    if size <= 0 or ratio <= 0:
        return 0
    if ratio >= 1:
        return size
    count = int((size * ratio + Decimal("0.5")).to_integral_value(rounding=ROUND_FLOOR))
    return min(max(count, 1), size)


def sample(codes: list, count: int, seed: bytes, label: str) -> list:
    n = len(codes)
    if count <= 0:
        return []
    if count >= n:
        return list(codes)
    rng = DrawRandom(seed, label)
    position = list(range(n))
    chosen = []
    for i in range(count):
        j = i + rng.next_below(n - i)
        position[i], position[j] = position[j], position[i]
        chosen.append(codes[position[i]])
    return chosen


def eligible_hash(codes: list) -> str:
    return hashlib.sha256("".join(c + "\n" for c in sorted(codes)).encode("ascii")).hexdigest()


if __name__ == "__main__":
    seed, label, count, codes = bytes.fromhex(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    rng = DrawRandom(seed, label)
    print(" ".join(f"{rng.next_u64():016x}" for _ in range(4)))
    print(" ".join(sample(sorted(codes), count, seed, label)))
    print(eligible_hash(codes))
