#!/usr/bin/env python3
"""Independent reference of the SSJ-DRAW-1 and SSJ-DRAW-2 procedures (docs/draw-spec.md sections 3-5).

Written from the specification only, with nothing but the standard library, to show it is precise enough to
re-implement; the test vectors in the specification were checked against both this script and the hub.

    python3 docs/draw-reference.py <seed-hex> <label> <count> <code> [<code> ...]

prints the first four 64-bit outputs of the stream, the sampled codes in selection order, and the eligible-list
hash of SSJ-DRAW-1 then of SSJ-DRAW-2 (the two versions differ only there). `python3 docs/draw-reference.py --self-test` checks ChaCha20 against RFC 8439 section 2.3.2.
"""
import hashlib
import struct
import sys


def _rotl(v, c):
    return ((v << c) & 0xFFFFFFFF) | (v >> (32 - c))


def _quarter(s, a, b, c, d):
    s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = _rotl(s[d] ^ s[a], 16)
    s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = _rotl(s[b] ^ s[c], 12)
    s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = _rotl(s[d] ^ s[a], 8)
    s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = _rotl(s[b] ^ s[c], 7)


def chacha20_block(key: bytes, counter: int, nonce: bytes) -> bytes:
    """RFC 8439 section 2.3."""
    state = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
    state += list(struct.unpack("<8L", key)) + [counter] + list(struct.unpack("<3L", nonce))
    working = state[:]
    for _ in range(10):
        _quarter(working, 0, 4, 8, 12); _quarter(working, 1, 5, 9, 13)
        _quarter(working, 2, 6, 10, 14); _quarter(working, 3, 7, 11, 15)
        _quarter(working, 0, 5, 10, 15); _quarter(working, 1, 6, 11, 12)
        _quarter(working, 2, 7, 8, 13); _quarter(working, 3, 4, 9, 14)
    return struct.pack("<16L", *[(w + s) & 0xFFFFFFFF for w, s in zip(working, state)])


class DrawRandom:
    """Section 3: ChaCha20 keystream, key SHA-256(seed || label), zero nonce, block counter from 0."""

    def __init__(self, seed: bytes, label: str):
        assert len(seed) == 32
        self.key = hashlib.sha256(seed + label.encode("utf-8")).digest()
        self.counter = 0
        self.buffer = b""

    def next_u64(self) -> int:
        if len(self.buffer) < 8:
            self.buffer += chacha20_block(self.key, self.counter, bytes(12))
            self.counter += 1
        value, self.buffer = int.from_bytes(self.buffer[:8], "big"), self.buffer[8:]
        return value

    def next_below(self, bound: int) -> int:
        limit = 2**64 - (2**64 % bound)  # accept values below the largest multiple of bound
        while True:
            value = self.next_u64()
            if value < limit:
                return value % bound


def sample(codes: list, count: int, seed: bytes, label: str) -> list:
    """Section 5: partial Fisher-Yates over positions of the canonically ordered list."""
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
    """Section 4.2, SSJ-DRAW-1: the codes as ASCII lines."""
    return hashlib.sha256("".join(c + "\n" for c in sorted(codes)).encode("ascii")).hexdigest()


ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
SEGMENT = 65536


def _leb128(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def check_character(first17: str) -> str:
    """GB 32100-2015: the 18th character of a unified social credit code."""
    check = 31 - sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS)) % 31
    return ALPHABET[0 if check == 31 else check]


def eligible_hash_v2(codes: list) -> str:
    """Section 4.2, SSJ-DRAW-2: segments of 65,536 codes, LEB128 deltas of the 17-character values."""
    for code in codes:
        if len(code) != 18 or any(c not in ALPHABET for c in code) or check_character(code[:17]) != code[17]:
            raise ValueError(f"{code} is not a valid credit code; SSJ-DRAW-2 hashes valid codes only")
    ordered = sorted(codes)
    digests = b""
    for start in range(0, len(ordered), SEGMENT):
        segment, previous = bytearray(), 0
        for code in ordered[start:start + SEGMENT]:
            value = 0
            for ch in code[:17]:
                value = value * 32 + ALPHABET.index(ch)
            if segment and value <= previous:
                raise ValueError(f"{code} appears twice")
            segment += _leb128(value - previous)
            previous = value
        digests += hashlib.sha256(segment).digest()
    return hashlib.sha256(len(ordered).to_bytes(8, "big") + digests).hexdigest()


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        key = bytes(range(32))
        block = chacha20_block(key, 1, bytes.fromhex("000000090000004a00000000"))
        assert block.hex().startswith("10f1e7e4d13b5915500fdd1fa32071c4"), block.hex()
        print("ChaCha20 block function matches RFC 8439 2.3.2")
        sys.exit(0)
    seed, label, count, codes = bytes.fromhex(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    rng = DrawRandom(seed, label)
    print(" ".join(f"{rng.next_u64():016x}" for _ in range(4)))
    print(" ".join(sample(sorted(codes), count, seed, label)))
    print(eligible_hash(codes))
    print(eligible_hash_v2(codes))
