"""redis-py against a server: prints one line per call (result or exception), so the output
for shoal can be compared with the output for redis-server.

usage: redis_py.py PORT PROTOCOL   (PROTOCOL 2 or 3)
"""

import sys

import redis


def main():
    port, protocol = int(sys.argv[1]), int(sys.argv[2])
    r = redis.Redis(host="127.0.0.1", port=port, protocol=protocol, decode_responses=True)
    rb = redis.Redis(host="127.0.0.1", port=port, protocol=protocol)
    calls = [
        ("flushall", lambda: r.flushall()),
        ("ping", lambda: r.ping()),
        ("echo", lambda: r.echo("hello")),
        ("set", lambda: r.set("k", "v")),
        ("set nx", lambda: r.set("k", "w", nx=True)),
        ("set get", lambda: r.set("k", "w", get=True)),
        ("get", lambda: r.get("k")),
        ("get missing", lambda: r.get("missing")),
        ("set ex", lambda: r.set("e", "1", ex=1000)),
        ("ttl", lambda: r.ttl("e")),
        ("persist", lambda: r.persist("e")),
        ("getex", lambda: r.getex("e", px=500000)),
        ("mset", lambda: r.mset({"a": "1", "b": "2", "{a}c": "3"})),
        ("mget", lambda: r.mget(["a", "b", "{a}c", "zz"])),
        ("msetnx", lambda: r.msetnx({"a": "9", "new": "1"})),
        ("incr", lambda: r.incr("n")),
        ("incrby", lambda: r.incrby("n", 41)),
        ("incrbyfloat", lambda: r.incrbyfloat("f", 2.5)),
        ("decr", lambda: r.decr("n")),
        ("append", lambda: r.append("k", "xyz")),
        ("strlen", lambda: r.strlen("k")),
        ("getrange", lambda: r.getrange("k", 1, 2)),
        ("setrange", lambda: r.setrange("k", 1, "AB")),
        ("binary", lambda: rb.set(b"\x00\xffkey", b"\x00\r\n\xfe")),
        ("binary get", lambda: rb.get(b"\x00\xffkey")),
        ("binary del", lambda: rb.delete(b"\x00\xffkey")),
        ("exists", lambda: r.exists("a", "b", "zz")),
        ("type", lambda: r.type("a")),
        ("rename", lambda: r.rename("a", "a2")),
        ("renamenx", lambda: r.renamenx("b", "a2")),
        ("copy", lambda: r.copy("a2", "a3")),
        ("delete", lambda: r.delete("a2", "a3", "zz")),
        ("expire", lambda: r.expire("b", 100, nx=True)),
        ("expiretime>0", lambda: r.expiretime("b") > 0),
        ("pttl>0", lambda: r.pttl("b") > 0),
        ("lpush", lambda: r.lpush("l", "a", "b", "c")),
        ("rpush", lambda: r.rpush("l", "d")),
        ("lrange", lambda: r.lrange("l", 0, -1)),
        ("lpop count", lambda: r.lpop("l", 2)),
        ("blpop", lambda: r.blpop(["nolist", "l"], timeout=1)),
        ("blpop timeout", lambda: r.blpop(["nolist"], timeout=0.05)),
        ("lmpop", lambda: r.lmpop(1, "l", direction="RIGHT")),
        ("hset", lambda: r.hset("h", mapping={"f1": "v1", "f2": "v2"})),
        ("hget", lambda: r.hget("h", "f1")),
        ("hgetall", lambda: r.hgetall("h")),
        ("hincrby", lambda: r.hincrby("h", "n", 5)),
        ("hmget", lambda: r.hmget("h", ["f1", "nope"])),
        ("hkeys", lambda: r.hkeys("h")),
        ("sadd", lambda: r.sadd("s", "1", "2", "3")),
        ("smembers", lambda: sorted(r.smembers("s"))),
        ("sismember", lambda: r.sismember("s", "2")),
        ("smismember", lambda: r.smismember("s", ["1", "9"])),
        ("sinter", lambda: sorted(r.sinter("s", "{s}t"))),
        ("zadd", lambda: r.zadd("z", {"a": 1, "b": 2.5, "c": -3})),
        ("zrange", lambda: r.zrange("z", 0, -1)),
        ("zrange withscores", lambda: r.zrange("z", 0, -1, withscores=True)),
        ("zscore", lambda: r.zscore("z", "b")),
        ("zincrby", lambda: r.zincrby("z", 1, "a")),
        ("zrangebyscore", lambda: r.zrangebyscore("z", "-inf", 2)),
        ("zpopmin", lambda: r.zpopmin("z")),
        ("zpopmin count", lambda: r.zpopmin("z", 1)),
        ("zrank", lambda: r.zrank("z", "b")),
        ("zadd more", lambda: r.zadd("z", {"x": 7, "y": 8})),
        ("bzpopmax", lambda: r.bzpopmax(["z"], timeout=1)),
        ("pfadd", lambda: r.pfadd("hll", "a", "b", "c")),
        ("pfcount", lambda: r.pfcount("hll")),
        ("setbit", lambda: r.setbit("bits", 7, 1)),
        ("bitcount", lambda: r.bitcount("bits")),
        ("geoadd", lambda: r.geoadd("g", [13.361389, 38.115556, "Palermo", 15.087269, 37.502669, "Catania"])),
        ("geodist", lambda: r.geodist("g", "Palermo", "Catania", unit="km")),
        ("geosearch", lambda: r.geosearch("g", longitude=15, latitude=37, radius=200, unit="km", sort="ASC")),
        ("sort", lambda: r.sort("s", desc=True)),
        ("scan_iter", lambda: sorted(r.scan_iter(match="*", count=3))),
        ("scan_iter type", lambda: sorted(r.scan_iter(_type="string"))),
        ("keys", lambda: sorted(r.keys("h*"))),
        ("dbsize", lambda: r.dbsize()),
        ("randomkey in keys", lambda: r.randomkey() in r.keys("*")),
        ("object encoding", lambda: r.object("encoding", "s")),
        ("wrongtype", lambda: r.lpush("k", "x")),
        ("not integer", lambda: r.incr("k")),
        ("unknown command", lambda: r.execute_command("NOSUCHCOMMAND", "x")),
        ("arity", lambda: r.execute_command("GET")),
        ("pipeline", lambda: r.pipeline(transaction=False).set("p1", "1").incr("p1").get("p1").execute()),
        ("transaction", lambda: r.pipeline(transaction=True).incr("t").incr("t").execute()),
        ("transaction error", lambda: r.pipeline(transaction=True).set("t2", "x").lpush("t2", "y").execute(raise_on_error=False)),
        ("watch", lambda: watch_and_exec(r)),
        ("client setname", lambda: r.client_setname("py")),
        ("client getname", lambda: r.client_getname()),
        ("client id is int", lambda: isinstance(r.client_id(), int)),
        ("client list has us", lambda: any(c.get("name") == "py" for c in r.client_list())),
        ("info has version", lambda: "redis_version" in r.info("server")),
        ("info keyspace", lambda: r.info("keyspace").get("db0", {}).get("keys", 0) > 0),
        ("config get", lambda: r.config_get("maxmemory-policy")),
        ("config set", lambda: r.config_set("maxmemory-policy", "allkeys-lru")),
        ("select", lambda: redis.Redis(host="127.0.0.1", port=port, protocol=protocol, db=3, decode_responses=True).set("db3", "x")),
        ("swapdb", lambda: r.swapdb(0, 3)),
        ("dbsize after swap", lambda: r.dbsize()),
        ("time is pair", lambda: len(r.time()) == 2),
        ("command count > 100", lambda: r.command_count() > 100),
        ("flushdb", lambda: r.flushdb()),
    ]
    for name, call in calls:
        try:
            out = repr(call())
        except redis.RedisError as e:
            out = f"{type(e).__name__}: {e}"
        print(f"{name} -> {out}")


def watch_and_exec(r):
    with r.pipeline() as p:
        p.watch("w")
        p.multi()
        p.set("w", "1")
        first = p.execute()
        p.watch("w")
        r.set("w", "changed")
        p.multi()
        p.set("w", "2")
        try:
            p.execute()
            second = "executed"
        except redis.WatchError:
            second = "WatchError"
        return first, second


if __name__ == "__main__":
    main()
