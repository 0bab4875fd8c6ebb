#!/usr/bin/env python3
"""Record raw `COMMAND INFO <name>` replies from a running redis-server.

    redis-server --port 17431 --save '' --appendonly no --daemonize yes --pidfile /tmp/rec.pid
    python3 crates/commands/tests/golden/record.py --port 17431
    kill "$(cat /tmp/rec.pid)"

Each reply is written byte for byte (RESP2) to command_info/<name>.resp next to this script, so
the golden test can compare shoal's reply with Redis's. Python standard library only.
"""

import argparse
import os
import socket
import sys

# The commands of the first milestone; other families' commands are checked once they land.
COMMANDS = """
PING ECHO HELLO AUTH SELECT SWAPDB DBSIZE FLUSHDB FLUSHALL TIME INFO CONFIG COMMAND CLIENT
SHUTDOWN MONITOR SET GET GETEX GETDEL GETSET SETNX SETEX PSETEX MGET MSET MSETNX APPEND STRLEN
GETRANGE SUBSTR SETRANGE INCR DECR INCRBY DECRBY INCRBYFLOAT LCS DEL UNLINK EXISTS TOUCH EXPIRE
PEXPIRE EXPIREAT PEXPIREAT TTL PTTL EXPIRETIME PEXPIRETIME PERSIST TYPE RENAME RENAMENX COPY MOVE
KEYS SCAN RANDOMKEY OBJECT QUIT RESET LASTSAVE
LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LLEN LRANGE LINDEX LSET LINSERT LREM LTRIM LPOS LMOVE
RPOPLPUSH LMPOP BLPOP BRPOP BLMOVE BRPOPLPUSH BLMPOP
GEOADD GEODIST GEOHASH GEOPOS GEOSEARCH GEOSEARCHSTORE GEORADIUS GEORADIUS_RO GEORADIUSBYMEMBER
GEORADIUSBYMEMBER_RO
""".split()


def encode(args):
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        a = a.encode() if isinstance(a, str) else a
        out.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(out)


class Reader:
    """Reads exactly one RESP2 reply and returns its raw bytes."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("server closed the connection")
        self.buf += chunk

    def _line(self, pos):
        while True:
            end = self.buf.find(b"\r\n", pos)
            if end >= 0:
                return self.buf[pos:end], end + 2
            self._fill()

    def _skip(self, pos):
        line, pos = self._line(pos)
        kind, body = line[:1], line[1:]
        if kind in (b"+", b"-", b":"):
            return pos
        if kind == b"$":
            n = int(body)
            if n < 0:
                return pos
            while len(self.buf) < pos + n + 2:
                self._fill()
            return pos + n + 2
        if kind == b"*":
            n = int(body)
            for _ in range(max(n, 0)):
                pos = self._skip(pos)
            return pos
        raise ValueError("unexpected RESP2 type %r" % kind)

    def reply(self):
        end = self._skip(0)
        raw, self.buf = self.buf[:end], self.buf[end:]
        return raw


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=6379)
    p.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "command_info"))
    p.add_argument("names", nargs="*", help="commands to record (default: the built-in list)")
    a = p.parse_args()
    names = a.names or COMMANDS
    os.makedirs(a.out, exist_ok=True)
    sock = socket.create_connection((a.host, a.port))
    reader = Reader(sock)
    sock.sendall(encode(["INFO", "server"]))
    info = reader.reply().decode()
    version = next(l.split(":", 1)[1] for l in info.split("\r\n") if l.startswith("redis_version:"))
    for name in names:
        sock.sendall(encode(["COMMAND", "INFO", name.lower()]))
        raw = reader.reply()
        if raw == b"*1\r\n$-1\r\n" or raw == b"*1\r\n*-1\r\n":
            print("%s: unknown to this server, skipped" % name, file=sys.stderr)
            continue
        with open(os.path.join(a.out, name.lower() + ".resp"), "wb") as f:
            f.write(raw)
    print("recorded %d commands from redis %s" % (len(names), version))


if __name__ == "__main__":
    main()
