#!/usr/bin/env python3
"""Record command/reply transcripts of the bitmap and HyperLogLog families from a redis-server.

    redis-server --port 17432 --save '' --appendonly no --daemonize yes --pidfile /tmp/tr.pid
    python3 crates/commands/tests/golden/record_transcripts.py --port 17432
    kill "$(cat /tmp/tr.pid)"

Each scenario below becomes <family>/<scenario>.bin next to this script: the commands, each
followed by the server's raw RESP2 reply, back to back. The unit tests replay every command
against shoal (a fresh server per file) and require byte-identical replies, which for the
HyperLogLog scenarios includes `GET` of the sketches (Redis's exact byte format, sparse and
dense, with the cached cardinality). Commands are generated from fixed seeds, so re-recording
against the same Redis gives the same files. Python standard library only.

Only string values take part (no other data type is needed to replay them); WRONGTYPE against
collections is covered by the unit tests.
"""

import argparse
import os
import random
import socket

from record import Reader, encode

HERE = os.path.dirname(os.path.abspath(__file__))

M64 = 0xC6A4A7935BD1E995
MASK64 = (1 << 64) - 1
HLL_SEED = 0xADC83B19


def element_for(register, count):
    """An 8-byte element that PFADD puts in `register` with value `count` (1..51).

    Long zero runs are too rare to find by chance (a value above 32 needs 32 zero bits in a
    row), but every step of MurmurHash64A on an 8-byte input is invertible, so the element
    is computed backwards from the wanted hash."""
    target = register | (1 << (14 + count - 1)) if count <= 50 else register
    m_inv = 1
    for _ in range(7):
        m_inv = (m_inv * (2 - M64 * m_inv)) & MASK64
    h = target
    h ^= h >> 47
    h = (h * m_inv) & MASK64
    h ^= h >> 47
    h = (h * m_inv) & MASK64
    k = h ^ ((HLL_SEED ^ (8 * M64)) & MASK64)
    k = (k * m_inv) & MASK64
    k ^= k >> 47
    return ((k * m_inv) & MASK64).to_bytes(8, "little")


class Recorder:
    def __init__(self, sock, reader):
        self.sock = sock
        self.reader = reader
        self.out = []

    def __call__(self, *args):
        args = [a if isinstance(a, bytes) else str(a).encode() for a in args]
        req = encode(args)
        self.sock.sendall(req)
        reply = self.reader.reply()
        self.out.append(req)
        self.out.append(reply)
        return reply


# ---------------------------------------------------------------------------------------------
# HyperLogLog


def hll_sparse_basic(r):
    r("PFADD", "h")
    r("PFADD", "h")
    r("GET", "h")
    r("PFCOUNT", "h")
    r("GET", "h")
    r("PFADD", "h", "a", "b", "c")
    r("GET", "h")
    r("PFADD", "h", "a")
    r("PFCOUNT", "h")
    r("GET", "h")
    r("OBJECT", "ENCODING", "h")
    # Every MurmurHash tail length, binary bytes and the empty element.
    r("PFADD", "h", *[bytes(range(i, 2 * i)) for i in range(0, 20)])
    r("PFADD", "h", b"", b"\x00", b"\xff\xfe", "x" * 1000)
    r("GET", "h")
    r("PFCOUNT", "h")
    r("PFCOUNT", "h")
    r("GET", "h")
    r("PFDEBUG", "ENCODING", "h")
    r("PFDEBUG", "DECODE", "h")
    r("PFADD", "other", "a", "z")
    r("PFCOUNT", "h", "other", "missing")
    r("GET", "other")


def hll_sparse_growth(r):
    # One element at a time, then in batches, through the sparse -> dense promotion at the
    # default hll-sparse-max-bytes (3000).
    n = 0
    for _ in range(40):
        r("PFADD", "g", "e:%d" % n)
        n += 1
        r("GET", "g")
    r("PFCOUNT", "g")
    step = 0
    while True:
        batch = ["e:%d" % i for i in range(n, n + 60)]
        n += len(batch)
        r("PFADD", "g", *batch)
        step += 1
        if step % 3 == 0:
            r("PFCOUNT", "g")
        enc = r("PFDEBUG", "ENCODING", "g")
        r("GET", "g")
        if b"dense" in enc:
            break
    r("PFCOUNT", "g")
    r("GET", "g")
    r("PFADD", "g", "e:0")
    r("PFADD", "g", "e:%d" % n)
    r("GET", "g")


def hll_dense(r):
    n = 0
    for batch_size in (500, 1000, 2000, 4000, 8000):
        r("PFADD", "d", *["el-%d" % i for i in range(n, n + batch_size)])
        n += batch_size
        r("PFCOUNT", "d")
    r("GET", "d")
    r("PFADD", "d", "el-0", "el-1")
    r("PFADD", "d", "new-one")
    r("GET", "d")
    r("PFCOUNT", "d")
    r("GET", "d")
    r("OBJECT", "ENCODING", "d")
    # Cardinalities far past the sparse range, where the estimator's corrections matter.
    for batch in range(3):
        r("PFADD", "big", *["%x" % (batch * 10**6 + i) for i in range(12000)])
        r("PFCOUNT", "big")
    r("GET", "big")


def hll_merge(r):
    r("PFADD", "s1", "a", "b", "c", "d")
    r("PFADD", "s2", "c", "d", "e", "f", "g")
    r("PFMERGE", "m1", "s1", "s2")
    r("GET", "m1")
    r("PFCOUNT", "m1")
    r("GET", "m1")
    # Into an existing sketch with a valid cached cardinality.
    r("PFADD", "s3", *["x%d" % i for i in range(100)])
    r("PFMERGE", "m1", "s3")
    r("GET", "m1")
    r("PFCOUNT", "m1")
    # Sparse merges that grow past the sparse limit.
    r("PFADD", "s4", *["y%d" % i for i in range(1500)])
    r("PFADD", "s5", *["z%d" % i for i in range(1500)])
    r("PFDEBUG", "ENCODING", "s4")
    r("PFMERGE", "m2", "s4", "s5")
    r("PFDEBUG", "ENCODING", "m2")
    r("GET", "m2")
    # A dense input makes the destination dense.
    r("PFADD", "dense", *["w%d" % i for i in range(5000)])
    r("PFMERGE", "m3", "s1", "dense")
    r("GET", "m3")
    r("PFMERGE", "s2", "dense")
    r("GET", "s2")
    r("PFCOUNT", "s1", "s2", "s3", "dense", "nothing")
    r("PFCOUNT", "s1", "s3")
    r("GET", "s1")
    # Missing sources, destination alone.
    r("PFMERGE", "m4", "nothing")
    r("GET", "m4")
    r("PFMERGE", "m5")
    r("GET", "m5")
    r("PFMERGE", "m1")
    r("GET", "m1")
    r("PFCOUNT", "m1", "m2", "m3", "m4", "m5")


def hll_promotions(r):
    # Register values up to 32 stay sparse; a larger one promotes at once.
    r("PFADD", "p", "a", "b", element_for(1000, 32), element_for(1001, 31))
    r("PFDEBUG", "ENCODING", "p")
    r("PFDEBUG", "DECODE", "p")
    r("GET", "p")
    r("PFADD", "p", element_for(1234, 33))
    r("PFDEBUG", "ENCODING", "p")
    r("GET", "p")
    r("PFCOUNT", "p")
    # The last register (its 6 bits end the dense area) and the largest value, 51.
    r("PFADD", "p", element_for(16383, 40), element_for(77, 51), element_for(16382, 63 - 12))
    r("PFADD", "p", element_for(16383, 39))
    r("GET", "p")
    r("PFCOUNT", "p")
    r("PFDEBUG", "GETREG", "p")
    r("PFADD", "sp", element_for(16383, 20), element_for(0, 1))
    r("PFDEBUG", "DECODE", "sp")
    r("GET", "sp")
    r("PFMERGE", "sp", "p")
    r("GET", "sp")
    # The limit is read at each write.
    r("CONFIG", "SET", "hll-sparse-max-bytes", "60")
    r("PFADD", "q", *["q%d" % i for i in range(10)])
    r("GET", "q")
    for i in range(10, 40):
        r("PFADD", "q", "q%d" % i)
        r("PFDEBUG", "ENCODING", "q")
    r("GET", "q")
    r("CONFIG", "SET", "hll-sparse-max-bytes", "3000")
    r("PFMERGE", "q2", "p")
    r("GET", "q2")
    # PFDEBUG conversions.
    r("PFADD", "t", "1", "2", "3")
    r("PFCOUNT", "t")
    r("PFDEBUG", "TODENSE", "t")
    r("PFDEBUG", "TODENSE", "t")
    r("GET", "t")
    r("PFADD", "u", "x")
    r("PFDEBUG", "GETREG", "u")
    r("GET", "u")


def hll_errors(r):
    r("SET", "str", "hello")
    r("PFADD", "str", "a")
    r("PFCOUNT", "str")
    r("PFMERGE", "m", "str")
    r("SET", "int", "12345")
    r("PFCOUNT", "int")
    r("SET", "hdr", "HYLL")
    r("PFCOUNT", "hdr")
    # Bad encoding byte; a dense header with a wrong length.
    r("SET", "enc", b"HYLL\x02" + b"\x00" * 11 + b"\x7f\xff")
    r("PFADD", "enc", "a")
    r("SET", "dl", b"HYLL\x00" + b"\x00" * 11 + b"\x00" * 100)
    r("PFCOUNT", "dl")
    # Sparse sketches that do not add up: too many registers, too few.
    r("SET", "c1", b"HYLL\x01" + b"\x00" * 10 + b"\x80" + b"\x7f\xff\x7f\xff")
    r("PFCOUNT", "c1")
    r("PFCOUNT", "c1", "x")
    r("PFMERGE", "m", "c1")
    r("PFADD", "c1", "a")
    r("SET", "c2", b"HYLL\x01" + b"\x00" * 10 + b"\x80" + b"\x40\x00")
    r("PFADD", "c2", "a")
    r("GET", "c2")
    # A valid cached cardinality is returned without looking at the registers.
    r("SET", "c3", b"HYLL\x01" + b"\x00" * 3 + b"\x2a" + b"\x00" * 7 + b"\x7f")
    r("PFCOUNT", "c3")
    # A valid small sketch set by SET is embstr until a PF command writes it.
    r("SET", "small", b"HYLL\x01" + b"\x00" * 11 + b"\x7f\xff")
    r("OBJECT", "ENCODING", "small")
    r("PFCOUNT", "small")
    r("OBJECT", "ENCODING", "small")
    r("GET", "small")
    r("SET", "small2", b"HYLL\x01" + b"\x00" * 11 + b"\x7f\xff")
    r("PFADD", "small2")
    r("OBJECT", "ENCODING", "small2")
    # TTLs survive PF writes.
    r("PFADD", "ttl", "a")
    r("EXPIRE", "ttl", "1000")
    r("PFADD", "ttl", "b", "c")
    r("PFCOUNT", "ttl")
    r("TTL", "ttl")
    r("PFMERGE", "ttl", "small")
    r("TTL", "ttl")
    r("PFDEBUG", "ENCODING", "missing")
    r("PFDEBUG", "NOPE", "ttl")
    r("PFDEBUG", "DECODE", "str")
    r("PFADD", "dd", *["v%d" % i for i in range(4000)])
    r("PFDEBUG", "DECODE", "dd")
    r("PFDEBUG", "TODENSE", "dd")
    r("PFADD")
    r("PFCOUNT")
    r("PFDEBUG", "GETREG")


# ---------------------------------------------------------------------------------------------
# Bitmaps (Redis 7.0 and 7.2 differ in the error ordering of BITCOUNT/BITPOS on missing keys;
# those cases are tested by hand in the unit tests, not recorded here).


def bits_basic(r):
    r("SETBIT", "b", 7, 1)
    r("GET", "b")
    r("SETBIT", "b", 7, 1)
    r("SETBIT", "b", 7, 0)
    r("SETBIT", "b", 100, 1)
    r("GET", "b")
    r("STRLEN", "b")
    r("OBJECT", "ENCODING", "b")
    r("GETBIT", "b", 100)
    r("GETBIT", "b", 101)
    r("GETBIT", "b", 100000)
    r("GETBIT", "nokey", 5)
    r("SET", "n", "12")
    r("GETBIT", "n", 2)
    r("SETBIT", "n", 0, 0)
    r("OBJECT", "ENCODING", "n")
    r("GET", "n")
    r("SET", "e", "abc")
    r("SETBIT", "e", 1, 1)
    r("OBJECT", "ENCODING", "e")
    for bad in ("-1", "x", "4294967296", "1.5", "", " 1", "+1", "01"):
        r("SETBIT", "b", bad, 1)
        r("GETBIT", "b", bad)
    for bad in ("2", "-1", "x", "01", "", "1.0"):
        r("SETBIT", "b", 1, bad)
    r("SET", "ttl", "x", "EX", "1000")
    r("SETBIT", "ttl", 100, 1)
    r("TTL", "ttl")
    r("BITFIELD", "ttl", "SET", "u8", 200, 1)
    r("TTL", "ttl")
    r("BITOP", "NOT", "ttl", "b")
    r("TTL", "ttl")
    # The proto-max-bulk-len limit on offsets.
    r("CONFIG", "SET", "proto-max-bulk-len", "1048576")
    r("SETBIT", "lim", 8388608, 1)
    r("SETBIT", "lim", 8388607, 1)
    r("STRLEN", "lim")
    r("BITFIELD", "lim", "GET", "u8", 8388608)
    r("BITFIELD", "lim", "SET", "u8", 8388607, 255)
    r("STRLEN", "lim")
    r("BITFIELD", "lim", "GET", "u8", "#1048576")
    r("BITFIELD", "lim", "GET", "u8", "#1048575")
    r("BITCOUNT", "lim")
    r("BITPOS", "lim", 1)
    r("BITPOS", "lim", 0, -2)
    r("DEL", "lim")
    r("CONFIG", "SET", "proto-max-bulk-len", "536870912")


def bits_ranges(r):
    r("SET", "s", b"\xff\xf0\x00\x0f\x55\xaa\x00\x00\x01")
    r("SET", "ones", b"\xff\xff\xff")
    r("SET", "zeros", b"\x00\x00")
    r("SET", "empty", "")
    values = [-100, -20, -9, -8, -3, -2, -1, 0, 1, 2, 3, 7, 8, 9, 15, 16, 70, 71, 72, 100]
    rng = random.Random(11)
    for key in ("s", "ones", "zeros", "empty"):
        r("BITCOUNT", key)
        r("BITPOS", key, 0)
        r("BITPOS", key, 1)
        for _ in range(60):
            a, b = rng.choice(values), rng.choice(values)
            unit = rng.choice([None, "BYTE", "BIT", "bit", "byte"])
            tail = [] if unit is None else [unit]
            r("BITCOUNT", key, a, b, *tail)
            r("BITPOS", key, rng.choice((0, 1)), a, b, *tail)
            r("BITPOS", key, rng.choice((0, 1)), a)
    for key in ("s", "missing"):
        r("BITCOUNT", key, 0, 1)
        r("BITPOS", key, 0)
        r("BITPOS", key, 1, 2)
        r("BITPOS", key, 0, 2, 5, "BIT")
    for args in (["x", 1], [0, "x"], [0, 1, "BITS"], [0, 1, "BIT", "x"], [0]):
        r("BITCOUNT", "s", *args)
    for args in (["x"], [0, "x"], [0, 1, "x"], [0, 1, "BITS"], [0, 1, "BIT", "x"]):
        r("BITPOS", "s", 1, *args)
    for bit in ("2", "-1", "x", ""):
        r("BITPOS", "s", bit)


def bits_bitop(r):
    r("SET", "a", b"\x0f\xf0\xaa")
    r("SET", "b", b"\xff")
    r("SET", "c", "")
    r("SET", "n", "123")
    for op in ("AND", "OR", "XOR", "and", "Or"):
        r("BITOP", op, "dest", "a", "b", "missing", "n")
        r("GET", "dest")
        r("BITOP", op, "dest", "a")
        r("GET", "dest")
        r("BITOP", op, "dest", "missing", "c")
        r("EXISTS", "dest")
    r("BITOP", "NOT", "dest", "a")
    r("GET", "dest")
    r("OBJECT", "ENCODING", "dest")
    r("BITOP", "NOT", "dest", "n")
    r("GET", "dest")
    r("BITOP", "NOT", "dest", "a", "b")
    r("BITOP", "NOT", "dest", "missing")
    r("EXISTS", "dest")
    r("BITOP", "NAND", "dest", "a")
    r("BITOP", "AND", "a", "a", "b")
    r("GET", "a")
    rng = random.Random(5)
    for i in range(8):
        r("SET", "r%d" % i, bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 90))))
    for _ in range(30):
        op = rng.choice(("AND", "OR", "XOR"))
        srcs = ["r%d" % rng.randrange(8) for _ in range(rng.randrange(1, 5))]
        r("BITOP", op, "out", *srcs)
        r("GET", "out")
    r("BITOP", "AND")
    r("BITOP", "AND", "x")


def bits_bitfield(r):
    r("BITFIELD", "f", "SET", "u8", 0, 255, "GET", "u8", 0, "GET", "i8", 0)
    r("GET", "f")
    r("BITFIELD", "f", "INCRBY", "u2", 100, 1, "OVERFLOW", "SAT", "INCRBY", "u2", 102, 1)
    r("BITFIELD", "nokey")
    r("BITFIELD", "nokey", "GET", "i64", 0, "GET", "u63", "#3")
    r("EXISTS", "nokey")
    r("BITFIELD", "fail", "OVERFLOW", "FAIL", "INCRBY", "u2", 0, 10)
    r("GET", "fail")
    r("BITFIELD_RO", "f", "GET", "u8", 0, "get", "i3", 4)
    r("BITFIELD_RO", "nokey2", "GET", "u8", 0)
    r("BITFIELD_RO", "f")
    for args in (
        ["SET", "i8", 0, 1],
        ["INCRBY", "u4", 0, 1],
        ["GET", "u8", 0, "SET", "u8", 0, 1],
        ["OVERFLOW", "SAT"],
        ["SET", "x8", 0, 1],
        ["GET", "u64", 0],
    ):
        r("BITFIELD_RO", "f", *args)
    for args in (
        ["GET", "u64", 0],
        ["GET", "i65", 0],
        ["GET", "i0", 0],
        ["GET", "U8", 0],
        ["GET", "I8", 0],
        ["GET", "i08", 0],
        ["GET", "i", 0],
        ["GET", "", 0],
        ["GET", "u8", -1],
        ["GET", "u8", "#-1"],
        ["GET", "u8", "x"],
        ["GET", "u8", "##1"],
        ["GET", "u8", "4294967296"],
        ["GET", "u8", "#536870912"],
        ["GET", "u64", "#9223372036854775807"],
        ["GET", "i64", "#144115188075855872"],
        ["GET", "u8"],
        ["SET", "u8", 0],
        ["SET", "u8", 0, "x"],
        ["INCRBY", "u8", 0, "1.5"],
        ["OVERFLOW"],
        ["OVERFLOW", "NOPE"],
        ["NOPE", "u8", 0],
        ["GET", "u8", 0, "BAD"],
        ["SET", "u8", 0, 1, "GET", "u99", 0],
    ):
        r("BITFIELD", "f", *args)
    r("GET", "f")
    # Overflow behaviour at every width, signed and unsigned.
    rng = random.Random(3)
    edge = [0, 1, -1, 2, -2, 127, 128, -128, -129, 255, 256, 2**31 - 1, -2**31, 2**32,
            2**62, -2**62, 2**63 - 1, -2**63, 2**63 - 2, -2**63 + 1]
    for bits in (1, 2, 3, 7, 8, 9, 15, 16, 31, 32, 33, 62, 63, 64):
        types = ["i%d" % bits] + (["u%d" % bits] if bits < 64 else [])
        for t in types:
            for _ in range(12):
                ops = []
                for _ in range(rng.randrange(1, 5)):
                    ow = rng.choice(["WRAP", "SAT", "FAIL", "wrap", "sat", "fail"])
                    off = rng.choice([0, 1, 5, 13, "#0", "#1", "#3", 64, 65])
                    v = rng.choice(edge + [rng.randrange(-2**63, 2**63)])
                    kind = rng.choice(["SET", "INCRBY", "GET"])
                    ops += ["OVERFLOW", ow]
                    ops += [kind, t, off] + ([] if kind == "GET" else [v])
                r("BITFIELD", "w", *ops)
            r("GET", "w")


def bits_random(r):
    # Random mixes of all bitmap commands over a few keys; only argument-valid calls.
    rng = random.Random(1234)
    keys = ["k1", "k2", "k3", "{k}4"]
    for _ in range(1500):
        k = rng.choice(keys)
        c = rng.randrange(9)
        if c == 0:
            r("SETBIT", k, rng.randrange(0, 300), rng.randrange(2))
        elif c == 1:
            r("GETBIT", k, rng.randrange(0, 320))
        elif c == 2:
            if rng.random() < 0.3:
                r("BITCOUNT", k)
            else:
                tail = rng.choice([[], ["BYTE"], ["BIT"]])
                r("BITCOUNT", k, rng.randrange(-60, 60), rng.randrange(-60, 60), *tail)
        elif c == 3:
            n = rng.randrange(4)
            args = [rng.randrange(-40, 40) for _ in range(min(n, 2))]
            if n == 3:
                args.append(rng.choice(["BYTE", "BIT"]))
            r("BITPOS", k, rng.randrange(2), *args)
        elif c == 4:
            op = rng.choice(["AND", "OR", "XOR", "NOT"])
            srcs = [rng.choice(keys + ["none"])] if op == "NOT" else [
                rng.choice(keys + ["none"]) for _ in range(rng.randrange(1, 4))]
            r("BITOP", op, rng.choice(keys), *srcs)
        elif c == 5:
            ops = []
            for _ in range(rng.randrange(1, 4)):
                t = rng.choice(["u", "i"]) + str(rng.randrange(1, 64))
                off = rng.choice([str(rng.randrange(0, 200)), "#%d" % rng.randrange(0, 10)])
                kind = rng.choice(["GET", "SET", "INCRBY", "OVERFLOW"])
                if kind == "OVERFLOW":
                    ops += ["OVERFLOW", rng.choice(["WRAP", "SAT", "FAIL"])]
                elif kind == "GET":
                    ops += ["GET", t, off]
                else:
                    ops += [kind, t, off, rng.randrange(-2**40, 2**40)]
            r("BITFIELD", k, *ops)
        elif c == 6:
            r("BITFIELD_RO", k, "GET", rng.choice(["u8", "i16", "u1"]), rng.randrange(0, 100))
        elif c == 7:
            r("GET", k)
        else:
            if rng.random() < 0.2:
                r("DEL", k)
            else:
                r("APPEND", k, bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 4))))
    for k in keys:
        r("GET", k)


SCENARIOS = {
    "hll": [hll_sparse_basic, hll_sparse_growth, hll_dense, hll_merge, hll_promotions, hll_errors],
    "bitmap": [bits_basic, bits_ranges, bits_bitop, bits_bitfield, bits_random],
}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=6379)
    p.add_argument("only", nargs="*", help="scenario names to record (default: all)")
    a = p.parse_args()
    sock = socket.create_connection((a.host, a.port))
    reader = Reader(sock)
    for family, scenarios in SCENARIOS.items():
        os.makedirs(os.path.join(HERE, family), exist_ok=True)
        for scenario in scenarios:
            name = scenario.__name__
            if a.only and name not in a.only:
                continue
            sock.sendall(encode(["FLUSHALL"]))
            reader.reply()
            sock.sendall(encode(["CONFIG", "SET", "hll-sparse-max-bytes", "3000"]))
            reader.reply()
            r = Recorder(sock, reader)
            scenario(r)
            path = os.path.join(HERE, family, name + ".bin")
            with open(path, "wb") as f:
                f.write(b"".join(r.out))
            print("%s: %d commands, %d bytes" % (path, len(r.out) // 2, os.path.getsize(path)))


if __name__ == "__main__":
    main()
