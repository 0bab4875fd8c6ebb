//! Arity, flags, ACL categories, key specs and tips as `COMMAND INFO` shows them on a real
//! redis-server (7.0 output, with 7.2's arity -3 for ZRANK and ZREVRANK).

use crate::registry::registry;
use crate::testing::describe_tips_last as describe;

const EXPECTED: &[&str] = &[
    "zadd -4 write denyoom fast @write @sortedset @fast | RW update index 1 range 0 1 0",
    "zincrby 4 write denyoom fast @write @sortedset @fast | RW access update index 1 range 0 1 0",
    "zrem -3 write fast @write @sortedset @fast | RW delete index 1 range 0 1 0",
    "zcard 2 readonly fast @read @sortedset @fast | RO index 1 range 0 1 0",
    "zscore 3 readonly fast @read @sortedset @fast | RO access index 1 range 0 1 0",
    "zmscore -3 readonly fast @read @sortedset @fast | RO access index 1 range 0 1 0",
    "zcount 4 readonly fast @read @sortedset @fast | RO access index 1 range 0 1 0",
    "zlexcount 4 readonly fast @read @sortedset @fast | RO access index 1 range 0 1 0",
    "zrank -3 readonly fast @read @sortedset @fast | RO access index 1 range 0 1 0",
    "zrevrank -3 readonly fast @read @sortedset @fast | RO access index 1 range 0 1 0",
    "zrange -4 readonly @read @sortedset @slow | RO access index 1 range 0 1 0",
    "zrangestore -5 write denyoom @write @sortedset @slow | OW update index 1 range 0 1 0 | RO access index 2 range 0 1 0",
    "zrangebyscore -4 readonly @read @sortedset @slow | RO access index 1 range 0 1 0",
    "zrevrangebyscore -4 readonly @read @sortedset @slow | RO access index 1 range 0 1 0",
    "zrangebylex -4 readonly @read @sortedset @slow | RO access index 1 range 0 1 0",
    "zrevrangebylex -4 readonly @read @sortedset @slow | RO access index 1 range 0 1 0",
    "zrevrange -4 readonly @read @sortedset @slow | RO access index 1 range 0 1 0",
    "zremrangebyrank 4 write @write @sortedset @slow | RW delete index 1 range 0 1 0",
    "zremrangebyscore 4 write @write @sortedset @slow | RW delete index 1 range 0 1 0",
    "zremrangebylex 4 write @write @sortedset @slow | RW delete index 1 range 0 1 0",
    "zpopmin -2 write fast @write @sortedset @fast | RW access delete index 1 range 0 1 0",
    "zpopmax -2 write fast @write @sortedset @fast | RW access delete index 1 range 0 1 0",
    "zmpop -4 write @write @sortedset @slow | RW access delete index 1 keynum 0 1 1",
    "bzpopmin -3 write noscript blocking fast @write @sortedset @fast @blocking | RW access delete index 1 range -2 1 0",
    "bzpopmax -3 write noscript blocking fast @write @sortedset @fast @blocking | RW access delete index 1 range -2 1 0",
    "bzmpop -5 write blocking @write @sortedset @slow @blocking | RW access delete index 2 keynum 0 1 1",
    "zrandmember -2 readonly @read @sortedset @slow | RO access index 1 range 0 1 0 | nondeterministic_output",
    "zunion -3 readonly @read @sortedset @slow | RO access index 1 keynum 0 1 1",
    "zinter -3 readonly @read @sortedset @slow | RO access index 1 keynum 0 1 1",
    "zdiff -3 readonly @read @sortedset @slow | RO access index 1 keynum 0 1 1",
    "zunionstore -4 write denyoom @write @sortedset @slow | OW update index 1 range 0 1 0 | RO access index 2 keynum 0 1 1",
    "zinterstore -4 write denyoom @write @sortedset @slow | OW update index 1 range 0 1 0 | RO access index 2 keynum 0 1 1",
    "zdiffstore -4 write denyoom @write @sortedset @slow | OW update index 1 range 0 1 0 | RO access index 2 keynum 0 1 1",
    "zintercard -3 readonly @read @sortedset @slow | RO access index 1 keynum 0 1 1",
    "zscan -3 readonly @read @sortedset @slow | RO access index 1 range 0 1 0 | nondeterministic_output",
];

#[test]
fn command_info_matches_redis() {
    for want in EXPECTED {
        let name = want.split(' ').next().unwrap();
        assert_eq!(describe(name), *want);
    }
    assert_eq!(super::super::COMMANDS.len(), EXPECTED.len());
}

#[test]
fn movable_keys_are_found() {
    use crate::keys::key_positions;
    use crate::spec::KeyPositions;
    let args = shoal_resp::Args::from_slices(&[
        b"ZUNIONSTORE",
        b"d",
        b"2",
        b"a",
        b"b",
        b"WEIGHTS",
        b"1",
        b"2",
    ]);
    let spec = registry().lookup(b"zunionstore").unwrap().spec;
    let mut pos = KeyPositions::new();
    key_positions(spec, &args, &mut pos);
    assert_eq!(&pos[..], &[1, 3, 4]);
    assert!(spec.movable_keys());
    let args = shoal_resp::Args::from_slices(&[b"ZMPOP", b"2", b"a", b"b", b"MIN"]);
    let spec = registry().lookup(b"zmpop").unwrap().spec;
    let mut pos = KeyPositions::new();
    key_positions(spec, &args, &mut pos);
    assert_eq!(&pos[..], &[2, 3]);
    let args = shoal_resp::Args::from_slices(&[b"BZMPOP", b"0", b"2", b"a", b"b", b"MIN"]);
    let spec = registry().lookup(b"bzmpop").unwrap().spec;
    let mut pos = KeyPositions::new();
    key_positions(spec, &args, &mut pos);
    assert_eq!(&pos[..], &[3, 4]);
    assert!(spec.movable_keys());
    let args = shoal_resp::Args::from_slices(&[b"BZPOPMIN", b"a", b"b", b"c", b"0"]);
    let spec = registry().lookup(b"bzpopmin").unwrap().spec;
    let mut pos = KeyPositions::new();
    key_positions(spec, &args, &mut pos);
    assert_eq!(&pos[..], &[1, 2, 3]);
}
