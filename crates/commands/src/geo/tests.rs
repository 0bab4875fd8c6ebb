//! Geo command tests. The expected bytes were recorded from redis-server 7.0.15 (the same
//! sequences, run one scenario per fresh database), except that stored distances read back
//! with ZRANGE ... WITHSCORES are printed the 7.2 way (shortest round-trip form; 7.0 prints
//! "%.17g"). The geo code of 7.0.15 is 7.2's (7.0.6 took in 7.2's geo changes: fixed-point
//! distance printing and the meridian shortcut), so nothing else needed adjusting.

use crate::testing::TestServer;

/// Runs each command (space-separated, `\0` for a NUL byte) and compares the raw reply; "*"
/// skips the comparison (HELLO, whose reply names the server version).
fn check(steps: &[(&str, &str)]) {
    let mut t = TestServer::new();
    for (cmd, want) in steps {
        let args: Vec<Vec<u8>> = cmd
            .split(' ')
            .map(|a| a.replace("\\0", "\0").into_bytes())
            .collect();
        let refs: Vec<&[u8]> = args.iter().map(|a| a.as_slice()).collect();
        let got = String::from_utf8_lossy(&t.raw(&refs)).into_owned();
        if *want != "*" {
            assert_eq!(got, *want, "reply to {cmd:?}");
        }
    }
}

#[test]
fn geoadd_basics_and_options() {
    check(&[
            ("GEOADD Sicily 13.361389 38.115556 Palermo 15.087269 37.502669 Catania", ":2\r\n"),
            ("ZRANGE Sicily 0 -1 WITHSCORES", "*4\r\n$7\r\nPalermo\r\n$16\r\n3479099956230698\r\n$7\r\nCatania\r\n$16\r\n3479447370796909\r\n"),
            ("GEOADD Sicily 13.361389 38.115556 Palermo", ":0\r\n"),
            ("GEOADD Sicily CH 13.361389 38.115556 Palermo 13.5 38 Palermo2", ":1\r\n"),
            ("GEOADD Sicily ch 13.4 38.115556 Palermo", ":1\r\n"),
            ("GEOADD Sicily NX CH 1 1 Palermo 2 2 new", ":1\r\n"),
            ("GEOADD Sicily XX CH 3 3 Palermo 4 4 never", ":1\r\n"),
            ("GEOADD Sicily xx nx 3 3 Palermo", "-ERR syntax error\r\n"),
            ("GEOADD Sicily ch ch ch", "-ERR syntax error\r\n"),
            ("GEOADD Sicily 1 2 a 3", "-ERR syntax error\r\n"),
            ("GEOADD Sicily gt 1 2 a", "-ERR syntax error\r\n"),
            ("GEOPOS Sicily Palermo new never", "*3\r\n*2\r\n$19\r\n2.99999982118606567\r\n$19\r\n3.00000091215010656\r\n*2\r\n$19\r\n2.00000256299972534\r\n$18\r\n2.0000001856465488\r\n*-1\r\n"),
            ("OBJECT ENCODING Sicily", "$8\r\nlistpack\r\n"),
            ("TYPE Sicily", "+zset\r\n"),
        ]);
}

#[test]
fn geoadd_errors() {
    check(&[
            ("GEOADD k 200 100 x", "-ERR invalid longitude,latitude pair 200.000000,100.000000\r\n"),
            ("GEOADD k 1 2 a 200 -0 x", "-ERR invalid longitude,latitude pair 200.000000,-0.000000\r\n"),
            ("EXISTS k", ":0\r\n"),
            ("GEOADD k 1e300 0 x", "-ERR invalid longitude,latitude pair 1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000,0.000000\r\n"),
            ("GEOADD k inf 0 x", "-ERR invalid longitude,latitude pair inf,0.000000\r\n"),
            ("GEOADD k -180 -85.05112878 sw 180 85.05112878 ne 0 0 zero -180.0000001 0 bad", "-ERR invalid longitude,latitude pair -180.000000,0.000000\r\n"),
            ("GEOADD k -180 -85.05112878 sw 180 85.05112878 ne 0 0 zero", ":3\r\n"),
            ("ZRANGE k 0 -1 WITHSCORES", "*6\r\n$2\r\nsw\r\n$1\r\n0\r\n$4\r\nzero\r\n$16\r\n3377699720527872\r\n$2\r\nne\r\n$17\r\n13510798882111488\r\n"),
            ("GEOPOS k sw ne zero", "*3\r\n*2\r\n$22\r\n-179.99999731779098511\r\n$21\r\n-85.05112751263942528\r\n*2\r\n$3\r\n180\r\n$19\r\n85.0511287799999991\r\n*2\r\n$19\r\n0.00000268220901489\r\n$19\r\n0.00000126736058093\r\n"),
            ("GEOHASH k sw ne zero", "*3\r\n$11\r\n00bh0hbj200\r\n$11\r\nbp05b5048p0\r\n$11\r\ns0000000000\r\n"),
            ("GEOADD k 1 x a", "-ERR value is not a valid float\r\n"),
            ("GEOADD k x 1 a", "-ERR value is not a valid float\r\n"),
            ("GEOADD k 1 1\\0 a", "-ERR value is not a valid float\r\n"),
            ("GEOADD k 1 1e400 a", "-ERR value is not a valid float\r\n"),
            ("GEOADD k 1 nan a", "-ERR value is not a valid float\r\n"),
            ("GEOADD k 1 85.05112879 a", "-ERR invalid longitude,latitude pair 1.000000,85.051129\r\n"),
            ("SET s v", "+OK\r\n"),
            ("GEOADD s 1 1 a", "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            ("GEOADD s 1 100 a", "-ERR invalid longitude,latitude pair 1.000000,100.000000\r\n"),
            ("GEOADD", "-ERR wrong number of arguments for 'geoadd' command\r\n"),
            ("GEOADD k 1 1", "-ERR wrong number of arguments for 'geoadd' command\r\n"),
        ]);
}

#[test]
fn geopos_geohash_geodist() {
    check(&[
            ("GEOADD Sicily 13.361389 38.115556 Palermo 15.087269 37.502669 Catania -0.1278 51.5074 London -122.4194 37.7749 SF 151.2093 -33.8688 Sydney", ":5\r\n"),
            ("GEOPOS Sicily Palermo Catania London SF Sydney nonex", "*6\r\n*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n*2\r\n$20\r\n15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n*2\r\n$20\r\n-0.12779921293258667\r\n$20\r\n51.50740077990133159\r\n*2\r\n$22\r\n-122.41940170526504517\r\n$20\r\n37.77490001056577995\r\n*2\r\n$21\r\n151.20929986238479614\r\n$21\r\n-33.86880091934155956\r\n*-1\r\n"),
            ("GEOPOS Sicily", "*0\r\n"),
            ("GEOPOS nokey a b", "*2\r\n*-1\r\n*-1\r\n"),
            ("GEOHASH Sicily Palermo Catania London SF Sydney nonex", "*6\r\n$11\r\nsqc8b49rny0\r\n$11\r\nsqdtr74hyu0\r\n$11\r\ngcpvj0duq50\r\n$11\r\n9q8yyk8ytp0\r\n$11\r\nr3gx2f77bj0\r\n$-1\r\n"),
            ("GEOHASH nokey a", "*1\r\n$-1\r\n"),
            ("GEOHASH Sicily", "*0\r\n"),
            ("GEODIST Sicily Palermo Catania", "$11\r\n166274.1516\r\n"),
            ("GEODIST Sicily Palermo Catania m", "$11\r\n166274.1516\r\n"),
            ("GEODIST Sicily Palermo Catania KM", "$8\r\n166.2742\r\n"),
            ("GEODIST Sicily Palermo Catania ft", "$11\r\n545518.8700\r\n"),
            ("GEODIST Sicily Palermo Catania Mi", "$8\r\n103.3182\r\n"),
            ("GEODIST Sicily London Sydney km", "$10\r\n16998.7282\r\n"),
            ("GEODIST Sicily SF Sydney", "$13\r\n11951031.4578\r\n"),
            ("GEODIST Sicily Palermo nonex", "$-1\r\n"),
            ("GEODIST nokey a b", "$-1\r\n"),
            ("GEODIST nokey a b parsecs", "-ERR unsupported unit provided. please use M, KM, FT, MI\r\n"),
            ("GEODIST Sicily Palermo Catania parsecs", "-ERR unsupported unit provided. please use M, KM, FT, MI\r\n"),
            ("GEODIST Sicily Palermo Catania km extra", "-ERR syntax error\r\n"),
            ("GEODIST Sicily Palermo Catania km\\0junk", "$8\r\n166.2742\r\n"),
            ("SET s v", "+OK\r\n"),
            ("GEODIST s a b", "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            ("GEOPOS s a", "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            ("GEOHASH s a", "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            ("ZADD z 0 zero -5 neg 0.5 half 4503599627370496 big 1e20 huge inf inf -inf ninf 4503599627370495 max", ":8\r\n"),
            ("GEOPOS z zero neg half big huge inf ninf max", "*8\r\n*2\r\n$22\r\n-179.99999731779098511\r\n$21\r\n-85.05112751263942528\r\n*2\r\n$3\r\n180\r\n$19\r\n85.0511287799999991\r\n*2\r\n$22\r\n-179.99999731779098511\r\n$21\r\n-85.05112751263942528\r\n*2\r\n$22\r\n-179.99999731779098511\r\n$19\r\n85.0511287799999991\r\n*2\r\n$22\r\n-179.99999731779098511\r\n$21\r\n-85.05112751263942528\r\n*2\r\n$22\r\n-179.99999731779098511\r\n$21\r\n-85.05112751263942528\r\n*2\r\n$3\r\n180\r\n$21\r\n-85.05112751263942528\r\n*2\r\n$21\r\n179.99999731779098511\r\n$20\r\n85.05112751263942528\r\n"),
            ("GEOHASH z zero neg half big huge inf ninf max", "*8\r\n$11\r\n00bh0hbj200\r\n$11\r\nbp05b5048p0\r\n$11\r\n00bh0hbj200\r\n$11\r\nbp05b5048p0\r\n$11\r\n00bh0hbj200\r\n$11\r\n00bh0hbj200\r\n$11\r\n00bh0hbj200\r\n$11\r\nzzpgzgpfxz0\r\n"),
            ("GEODIST z neg huge", "$13\r\n18919844.5891\r\n"),
        ]);
}

#[test]
fn geopos_resp3() {
    check(&[
            ("GEOADD Sicily 13.361389 38.115556 Palermo", ":1\r\n"),
            ("HELLO 3", "*"),
            ("GEOPOS Sicily Palermo nonex", "*2\r\n*2\r\n,13.36138933897018433\r\n,38.11555639549629859\r\n_\r\n"),
            ("GEOHASH Sicily Palermo nonex", "*2\r\n$11\r\nsqc8b49rny0\r\n_\r\n"),
            ("GEODIST Sicily Palermo nonex", "_\r\n"),
            ("GEORADIUS Sicily 15 37 200 km WITHDIST WITHCOORD WITHHASH", "*1\r\n*4\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n:3479099956230698\r\n*2\r\n,13.36138933897018433\r\n,38.11555639549629859\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200 km WITHCOORD", "*1\r\n*2\r\n$7\r\nPalermo\r\n*2\r\n,13.36138933897018433\r\n,38.11555639549629859\r\n"),
            ("HELLO 2", "*"),
        ]);
}

#[test]
fn georadius_forms() {
    check(&[
            ("GEOADD Sicily 13.361389 38.115556 Palermo 15.087269 37.502669 Catania 13.583333 37.316667 Agrigento 12.758489 38.788135 edge1 17.241510 38.222310 edge2", ":5\r\n"),
            ("GEORADIUS Sicily 15 37 200 km", "*3\r\n$9\r\nAgrigento\r\n$7\r\nPalermo\r\n$7\r\nCatania\r\n"),
            ("GEORADIUS Sicily 15 37 200 km ASC", "*3\r\n$7\r\nCatania\r\n$9\r\nAgrigento\r\n$7\r\nPalermo\r\n"),
            ("GEORADIUS Sicily 15 37 200 km DESC", "*3\r\n$7\r\nPalermo\r\n$9\r\nAgrigento\r\n$7\r\nCatania\r\n"),
            ("GEORADIUS Sicily 15 37 200 km WITHDIST", "*3\r\n*2\r\n$9\r\nAgrigento\r\n$8\r\n130.4235\r\n*2\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n*2\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n"),
            ("GEORADIUS Sicily 15 37 200 km WITHCOORD WITHHASH WITHDIST ASC", "*3\r\n*4\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n:3479447370796909\r\n*2\r\n$20\r\n15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n*4\r\n$9\r\nAgrigento\r\n$8\r\n130.4235\r\n:3479030013248308\r\n*2\r\n$19\r\n13.5833314061164856\r\n$20\r\n37.31666804993816555\r\n*4\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n:3479099956230698\r\n*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n"),
            ("GEORADIUS Sicily 15 37 200 km COUNT 2", "*2\r\n$7\r\nCatania\r\n$9\r\nAgrigento\r\n"),
            ("GEORADIUS Sicily 15 37 200 km COUNT 2 DESC", "*2\r\n$7\r\nPalermo\r\n$9\r\nAgrigento\r\n"),
            ("GEORADIUS Sicily 15 37 200 km COUNT 1 ANY", "*1\r\n$9\r\nAgrigento\r\n"),
            ("GEORADIUS Sicily 15 37 200 km COUNT 2 ANY ASC", "*2\r\n$9\r\nAgrigento\r\n$7\r\nPalermo\r\n"),
            ("GEORADIUS Sicily 15 37 200000 m WITHDIST", "*3\r\n*2\r\n$9\r\nAgrigento\r\n$11\r\n130423.4871\r\n*2\r\n$7\r\nPalermo\r\n$11\r\n190442.4298\r\n*2\r\n$7\r\nCatania\r\n$10\r\n56441.2579\r\n"),
            ("GEORADIUS Sicily 15 37 656168 ft WITHDIST", "*3\r\n*2\r\n$9\r\nAgrigento\r\n$11\r\n427898.5796\r\n*2\r\n$7\r\nPalermo\r\n$11\r\n624811.1215\r\n*2\r\n$7\r\nCatania\r\n$11\r\n185174.7305\r\n"),
            ("GEORADIUS Sicily 15 37 124.27 MI WITHDIST", "*3\r\n*2\r\n$9\r\nAgrigento\r\n$7\r\n81.0416\r\n*2\r\n$7\r\nPalermo\r\n$8\r\n118.3357\r\n*2\r\n$7\r\nCatania\r\n$7\r\n35.0711\r\n"),
            ("GEORADIUS Sicily 15 37 0 km", "*0\r\n"),
            ("GEORADIUS Sicily 15 37 10000 km WITHDIST", "*5\r\n*2\r\n$9\r\nAgrigento\r\n$8\r\n130.4235\r\n*2\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n*2\r\n$5\r\nedge1\r\n$8\r\n279.7405\r\n*2\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n*2\r\n$5\r\nedge2\r\n$8\r\n239.7573\r\n"),
            ("GEORADIUS_RO Sicily 15 37 200 km WITHDIST DESC", "*3\r\n*2\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n*2\r\n$9\r\nAgrigento\r\n$8\r\n130.4235\r\n*2\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n"),
            ("GEORADIUSBYMEMBER Sicily Agrigento 100 km WITHDIST", "*2\r\n*2\r\n$9\r\nAgrigento\r\n$6\r\n0.0000\r\n*2\r\n$7\r\nPalermo\r\n$7\r\n90.9778\r\n"),
            ("GEORADIUSBYMEMBER_RO Sicily Agrigento 100 km WITHDIST COUNT 2", "*2\r\n*2\r\n$9\r\nAgrigento\r\n$6\r\n0.0000\r\n*2\r\n$7\r\nPalermo\r\n$7\r\n90.9778\r\n"),
            ("GEORADIUSBYMEMBER Sicily nonex 100 km", "-ERR could not decode requested zset member\r\n"),
            ("GEORADIUSBYMEMBER nokey nonex -100 kmx", "*0\r\n"),
            ("GEORADIUSBYMEMBER nokey nonex -100 kmx STORE d", ":0\r\n"),
            ("GEORADIUSBYMEMBER nokey nonex -100 kmx bogus", "-ERR syntax error\r\n"),
            ("GEORADIUS nokey 15 37 200 km", "*0\r\n"),
            ("GEORADIUS nokey 15 37 200 km STORE d", ":0\r\n"),
        ]);
}

#[test]
fn georadius_store() {
    check(&[
            ("GEOADD Sicily 13.361389 38.115556 Palermo 15.087269 37.502669 Catania 13.583333 37.316667 Agrigento", ":3\r\n"),
            ("GEORADIUS Sicily 15 37 200 km STORE dst", ":3\r\n"),
            ("ZRANGE dst 0 -1 WITHSCORES", "*6\r\n$9\r\nAgrigento\r\n$16\r\n3479030013248308\r\n$7\r\nPalermo\r\n$16\r\n3479099956230698\r\n$7\r\nCatania\r\n$16\r\n3479447370796909\r\n"),
            ("GEORADIUS Sicily 15 37 200 km STOREDIST dst", ":3\r\n"),
            ("ZRANGE dst 0 -1 WITHSCORES", "*6\r\n$7\r\nCatania\r\n$16\r\n56.4412578701582\r\n$9\r\nAgrigento\r\n$18\r\n130.42348706714702\r\n$7\r\nPalermo\r\n$18\r\n190.44242984775784\r\n"),
            ("GEORADIUS Sicily 15 37 200 km STORE a STOREDIST dst2 COUNT 1", ":1\r\n"),
            ("ZRANGE dst2 0 -1 WITHSCORES", "*2\r\n$7\r\nCatania\r\n$16\r\n56.4412578701582\r\n"),
            ("EXISTS a", ":0\r\n"),
            ("GEORADIUS Sicily 15 37 200 km STOREDIST a STORE dst3 DESC COUNT 2", ":2\r\n"),
            ("ZRANGE dst3 0 -1 WITHSCORES", "*4\r\n$9\r\nAgrigento\r\n$16\r\n3479030013248308\r\n$7\r\nPalermo\r\n$16\r\n3479099956230698\r\n"),
            ("GEORADIUS Sicily 0 0 1 km STORE dst", ":0\r\n"),
            ("EXISTS dst", ":0\r\n"),
            ("SET s v", "+OK\r\n"),
            ("GEORADIUS Sicily 15 37 200 km STORE s", ":3\r\n"),
            ("TYPE s", "+zset\r\n"),
            ("GEORADIUS Sicily 15 37 200 km STORE dst WITHDIST", "-ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options\r\n"),
            ("GEORADIUSBYMEMBER Sicily Palermo 200 km STORE dst WITHHASH", "-ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options\r\n"),
            ("GEORADIUS_RO Sicily 15 37 200 km STORE dst", "-ERR syntax error\r\n"),
            ("GEORADIUSBYMEMBER_RO Sicily Palermo 200 km STOREDIST dst", "-ERR syntax error\r\n"),
            ("GEORADIUSBYMEMBER Sicily Palermo 200 km STOREDIST dst4", ":3\r\n"),
            ("ZRANGE dst4 0 -1 WITHSCORES", "*6\r\n$7\r\nPalermo\r\n$1\r\n0\r\n$9\r\nAgrigento\r\n$17\r\n90.97775353799604\r\n$7\r\nCatania\r\n$18\r\n166.27415156960032\r\n"),
            ("GEORADIUS nokey 15 37 200 km STORE dst4", ":0\r\n"),
            ("EXISTS dst4", ":0\r\n"),
            ("GEORADIUS Sicily 15 37 200 km STORE", "-ERR syntax error\r\n"),
            ("GEORADIUS s 15 37 200 km", "*3\r\n$9\r\nAgrigento\r\n$7\r\nPalermo\r\n$7\r\nCatania\r\n"),
        ]);
}

#[test]
fn georadius_errors() {
    check(&[
        ("GEOADD Sicily 13.361389 38.115556 Palermo", ":1\r\n"),
        (
            "GEORADIUS Sicily 200 37 200 km",
            "-ERR invalid longitude,latitude pair 200.000000,37.000000\r\n",
        ),
        (
            "GEORADIUS Sicily x 37 200 km",
            "-ERR value is not a valid float\r\n",
        ),
        (
            "GEORADIUS Sicily 15 37 x km",
            "-ERR need numeric radius\r\n",
        ),
        (
            "GEORADIUS Sicily 15 37 -1 km",
            "-ERR radius cannot be negative\r\n",
        ),
        (
            "GEORADIUS Sicily 15 37 1 parsecs",
            "-ERR unsupported unit provided. please use M, KM, FT, MI\r\n",
        ),
        ("GEORADIUS Sicily 15 37 1 km\\0x withdist\\0", "*0\r\n"),
        (
            "GEORADIUS Sicily 15 37 200 km COUNT 0",
            "-ERR COUNT must be > 0\r\n",
        ),
        (
            "GEORADIUS Sicily 15 37 200 km COUNT -3",
            "-ERR COUNT must be > 0\r\n",
        ),
        (
            "GEORADIUS Sicily 15 37 200 km COUNT x",
            "-ERR value is not an integer or out of range\r\n",
        ),
        (
            "GEORADIUS Sicily 15 37 200 km COUNT",
            "-ERR syntax error\r\n",
        ),
        (
            "GEORADIUS Sicily 15 37 200 km ANY",
            "-ERR the ANY argument requires COUNT argument\r\n",
        ),
        (
            "GEORADIUS Sicily 15 37 200 km ANY COUNT 1",
            "*1\r\n$7\r\nPalermo\r\n",
        ),
        (
            "GEORADIUS Sicily 15 37 200 km bogus",
            "-ERR syntax error\r\n",
        ),
        (
            "GEORADIUS Sicily 15 37 200 km FROMMEMBER Palermo",
            "-ERR syntax error\r\n",
        ),
        (
            "GEORADIUS Sicily 15 37 200 km COUNT 1 COUNT 0",
            "-ERR COUNT must be > 0\r\n",
        ),
        (
            "GEORADIUS Sicily 15 37",
            "-ERR wrong number of arguments for 'georadius' command\r\n",
        ),
        (
            "GEORADIUSBYMEMBER Sicily nonex 200 km",
            "-ERR could not decode requested zset member\r\n",
        ),
        (
            "GEORADIUSBYMEMBER Sicily Palermo x km",
            "-ERR need numeric radius\r\n",
        ),
        (
            "GEORADIUSBYMEMBER Sicily Palermo 1 km ANY",
            "-ERR the ANY argument requires COUNT argument\r\n",
        ),
        ("SET s v", "+OK\r\n"),
        (
            "GEORADIUSBYMEMBER s a 1 km",
            "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
        ),
        (
            "GEORADIUS_RO s 200 37 200 km",
            "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
        ),
    ]);
}

#[test]
fn geosearch_forms() {
    check(&[
            ("GEOADD Sicily 13.361389 38.115556 Palermo 15.087269 37.502669 Catania 13.583333 37.316667 Agrigento 12.758489 38.788135 edge1 17.241510 38.222310 edge2", ":5\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 15 37 BYRADIUS 200 km ASC", "*3\r\n$7\r\nCatania\r\n$9\r\nAgrigento\r\n$7\r\nPalermo\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 400 400 km ASC WITHCOORD WITHDIST WITHHASH", "*5\r\n*4\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n:3479447370796909\r\n*2\r\n$20\r\n15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n*4\r\n$9\r\nAgrigento\r\n$8\r\n130.4235\r\n:3479030013248308\r\n*2\r\n$19\r\n13.5833314061164856\r\n$20\r\n37.31666804993816555\r\n*4\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n:3479099956230698\r\n*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n*4\r\n$5\r\nedge2\r\n$8\r\n239.7573\r\n:3481148332750873\r\n*2\r\n$20\r\n17.24151045083999634\r\n$20\r\n38.22231124656418189\r\n*4\r\n$5\r\nedge1\r\n$8\r\n279.7405\r\n:3479273021651468\r\n*2\r\n$19\r\n12.7584877610206604\r\n$20\r\n38.78813451624225195\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 400 400 km", "*5\r\n$9\r\nAgrigento\r\n$7\r\nPalermo\r\n$5\r\nedge1\r\n$7\r\nCatania\r\n$5\r\nedge2\r\n"),
            ("GEOSEARCH Sicily FROMMEMBER Palermo BYBOX 200 200 km DESC WITHDIST", "*3\r\n*2\r\n$5\r\nedge1\r\n$7\r\n91.4007\r\n*2\r\n$9\r\nAgrigento\r\n$7\r\n90.9778\r\n*2\r\n$7\r\nPalermo\r\n$6\r\n0.0000\r\n"),
            ("GEOSEARCH Sicily FROMMEMBER Palermo BYRADIUS 200 km COUNT 2 WITHDIST", "*2\r\n*2\r\n$7\r\nPalermo\r\n$6\r\n0.0000\r\n*2\r\n$9\r\nAgrigento\r\n$7\r\n90.9778\r\n"),
            ("GEOSEARCH Sicily FROMMEMBER Palermo BYRADIUS 500 km COUNT 3 ANY", "*3\r\n$9\r\nAgrigento\r\n$7\r\nPalermo\r\n$5\r\nedge1\r\n"),
            ("GEOSEARCH Sicily BYRADIUS 500 km FROMMEMBER Palermo", "*5\r\n$9\r\nAgrigento\r\n$7\r\nPalermo\r\n$5\r\nedge1\r\n$7\r\nCatania\r\n$5\r\nedge2\r\n"),
            ("GEOSEARCH Sicily frommember Palermo frommember Catania byradius 1 km byradius 2 km", "*1\r\n$7\r\nCatania\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 0 0 km", "*0\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 1000 10 km", "*0\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 15 37 BYBOX 10 1000 km", "*0\r\n"),
            ("GEOSEARCHSTORE dst Sicily FROMLONLAT 15 37 BYBOX 400 400 km ASC COUNT 3", ":3\r\n"),
            ("ZRANGE dst 0 -1 WITHSCORES", "*6\r\n$9\r\nAgrigento\r\n$16\r\n3479030013248308\r\n$7\r\nPalermo\r\n$16\r\n3479099956230698\r\n$7\r\nCatania\r\n$16\r\n3479447370796909\r\n"),
            ("GEOSEARCHSTORE dst Sicily FROMLONLAT 15 37 BYBOX 400 400 km STOREDIST", ":5\r\n"),
            ("ZRANGE dst 0 -1 WITHSCORES", "*10\r\n$7\r\nCatania\r\n$16\r\n56.4412578701582\r\n$9\r\nAgrigento\r\n$18\r\n130.42348706714702\r\n$7\r\nPalermo\r\n$18\r\n190.44242984775784\r\n$5\r\nedge2\r\n$18\r\n239.75726320656645\r\n$5\r\nedge1\r\n$17\r\n279.7404521356343\r\n"),
            ("OBJECT ENCODING dst", "$8\r\nlistpack\r\n"),
            ("GEOSEARCHSTORE dst Sicily FROMLONLAT 0 0 BYRADIUS 1 m", ":0\r\n"),
            ("EXISTS dst", ":0\r\n"),
            ("GEOSEARCHSTORE dst nokey FROMLONLAT 0 0 BYRADIUS 1 m", ":0\r\n"),
            ("GEOSEARCH nokey FROMMEMBER x BYRADIUS 1 m", "*0\r\n"),
        ]);
}

#[test]
fn geosearch_errors() {
    check(&[
            ("GEOADD Sicily 13.361389 38.115556 Palermo", ":1\r\n"),
            ("GEOSEARCH Sicily BYRADIUS 200 km ASC DESC", "-ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for GEOSEARCH\r\n"),
            ("GeoSearch Sicily FROMMEMBER Palermo ASC DESC WITHDIST", "-ERR exactly one of BYRADIUS and BYBOX can be specified for GeoSearch\r\n"),
            ("GEOSEARCHSTORE d Sicily BYRADIUS 1 km ASC DESC", "-ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for GEOSEARCHSTORE\r\n"),
            ("GEOSEARCH Sicily FROMMEMBER Palermo FROMLONLAT 0 0 BYRADIUS 1 km", "-ERR syntax error\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 0 0 FROMMEMBER Palermo BYRADIUS 1 km", "-ERR syntax error\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 0 0 BYRADIUS 1 km BYBOX 1 1 km", "-ERR syntax error\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 0 0 BYBOX 1 1 km BYRADIUS 1 km", "-ERR syntax error\r\n"),
            ("GEOSEARCH Sicily FROMMEMBER nonex FROMMEMBER Palermo BYRADIUS 1 km", "-ERR could not decode requested zset member\r\n"),
            ("GEOSEARCH Sicily FROMMEMBER Palermo BYRADIUS 1 km STOREDIST", "-ERR syntax error\r\n"),
            ("GEOSEARCH Sicily FROMMEMBER Palermo BYRADIUS 1 km STORE d", "-ERR syntax error\r\n"),
            ("GEOSEARCHSTORE d Sicily FROMMEMBER Palermo BYRADIUS 1 km STORE x", "-ERR syntax error\r\n"),
            ("GEOSEARCHSTORE d Sicily FROMMEMBER Palermo BYRADIUS 1 km WITHDIST", "-ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options\r\n"),
            ("GEOSEARCHSTORE d nokey FROMMEMBER Palermo BYRADIUS 1 km WITHCOORD", "-ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 0 0 BYBOX -1 2 km", "-ERR height or width cannot be negative\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 0 0 BYBOX x 2 km", "-ERR need numeric width\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 0 0 BYBOX 1 x km", "-ERR need numeric height\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 0 0 BYBOX 1 1 yards", "-ERR unsupported unit provided. please use M, KM, FT, MI\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 0 0 BYBOX 1 1", "-ERR syntax error\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 0 0 BYRADIUS 1 km COUNT 1 ANY WITHDIST", "*0\r\n"),
            ("GEOSEARCH Sicily FROMLONLAT 0 0 BYRADIUS 1 km ANY", "-ERR the ANY argument requires COUNT argument\r\n"),
            ("GEOSEARCH nokey FROMMEMBER x BYRADIUS -1 km", "-ERR radius cannot be negative\r\n"),
            ("GEOSEARCH nokey FROMLONLAT 1000 0 BYRADIUS 1 km", "-ERR invalid longitude,latitude pair 1000.000000,0.000000\r\n"),
            ("GEOSEARCH nokey FROMMEMBER x BYRADIUS 1 km ANY", "-ERR the ANY argument requires COUNT argument\r\n"),
            ("GEOSEARCH Sicily FROMMEMBER Palermo", "-ERR wrong number of arguments for 'geosearch' command\r\n"),
            ("SET s v", "+OK\r\n"),
            ("GEOSEARCH s FROMMEMBER nonex BYRADIUS 1 km", "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            ("GEOSEARCHSTORE d s FROMMEMBER nonex BYRADIUS 1 km", "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            ("GEOSEARCHSTORE s Sicily FROMMEMBER Palermo BYRADIUS 1 km", ":1\r\n"),
            ("TYPE s", "+zset\r\n"),
        ]);
}
#[test]
fn equal_distances_keep_redis_order() {
    check(&[
            ("GEOADD a 13 39 p0 180 0 p1 13 38 p2 13 38 p3 13 38 p4 13.3 37.9 p5 13 38 p6 13 38 p7 13 38 p8 13 38 p9", ":10\r\n"),
            ("GEOADD a 13.36 38.14 a", ":1\r\n"),
            ("GEORADIUSBYMEMBER a p5 37 km COUNT 4", "*4\r\n$2\r\np5\r\n$1\r\na\r\n$2\r\np4\r\n$2\r\np6\r\n"),
            ("GEORADIUSBYMEMBER a p5 37 km COUNT 1", "*1\r\n$2\r\np5\r\n"),
            ("GEORADIUSBYMEMBER a p5 37 km COUNT 6 DESC", "*6\r\n$2\r\np2\r\n$2\r\np3\r\n$2\r\np4\r\n$2\r\np6\r\n$2\r\np7\r\n$2\r\np8\r\n"),
            ("GEORADIUSBYMEMBER a p5 37 km ASC", "*9\r\n$2\r\np5\r\n$1\r\na\r\n$2\r\np2\r\n$2\r\np3\r\n$2\r\np4\r\n$2\r\np6\r\n$2\r\np7\r\n$2\r\np8\r\n$2\r\np9\r\n"),
            ("GEORADIUSBYMEMBER a p5 37 km DESC", "*9\r\n$2\r\np2\r\n$2\r\np3\r\n$2\r\np4\r\n$2\r\np6\r\n$2\r\np7\r\n$2\r\np8\r\n$2\r\np9\r\n$1\r\na\r\n$2\r\np5\r\n"),
            ("GEORADIUSBYMEMBER a p5 37 km COUNT 9", "*9\r\n$2\r\np5\r\n$1\r\na\r\n$2\r\np2\r\n$2\r\np3\r\n$2\r\np4\r\n$2\r\np6\r\n$2\r\np7\r\n$2\r\np8\r\n$2\r\np9\r\n"),
            ("GEORADIUSBYMEMBER a p5 37 km COUNT 2 ANY ASC", "*2\r\n$2\r\np2\r\n$2\r\np3\r\n"),
            ("GEOADD big 13.5 38 m0 13 38 m1 13 37.5 m2 13 37.5 m3 13 37.5 m4 13 38 m5 13 38 m6 13 37.5 m7 13 37.5 m8 13.5 38 m9 13 37.5 m10 13.154 37.793 m11 12.093 38.717 m12 13.5 38 m13 13 37.5 m14 13.5 38 m15 13 37.5 m16 13 38.5 m17 13 38 m18 13 37.5 m19 13 37.5 m20 13 38.5 m21 12.5 38 m22 13.5 38 m23 13.5 38 m24 13 38.5 m25 13 38.5 m26 13 38.5 m27 13 38 m28 12.5 38 m29 13 38.5 m30 12.5 38 m31 13 38 m32 13 37.5 m33 13 38.5 m34 13 38.5 m35 13 37.5 m36 13 38 m37 13.889 37.948 m38 13 38 m39 13 38.5 m40 12.5 38 m41 12.5 38 m42 12.694 38.881 m43 13 37.5 m44 13 38 m45 13 38.5 m46 13.5 38 m47 12.5 38 m48 12.5 38 m49 13 38.5 m50 13.639 38.728 m51 12.5 38 m52 13.365 37.761 m53 13 38 m54 13.5 38 m55 13 38 m56 13 37.5 m57 13 38.5 m58 12.5 38 m59", ":60\r\n"),
            ("GEOSEARCH big FROMLONLAT 13 38 BYRADIUS 200 km WITHDIST COUNT 10", "*10\r\n*2\r\n$3\r\nm45\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm39\r\n$6\r\n0.0001\r\n*2\r\n$2\r\nm1\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm18\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm28\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm32\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm37\r\n$6\r\n0.0001\r\n*2\r\n$2\r\nm6\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm56\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm54\r\n$6\r\n0.0001\r\n"),
            ("GEOSEARCH big FROMLONLAT 13 38 BYRADIUS 200 km WITHDIST COUNT 25 DESC", "*25\r\n*2\r\n$3\r\nm12\r\n$8\r\n112.3274\r\n*2\r\n$3\r\nm43\r\n$8\r\n101.5515\r\n*2\r\n$3\r\nm51\r\n$7\r\n98.2956\r\n*2\r\n$3\r\nm38\r\n$7\r\n78.1604\r\n*2\r\n$2\r\nm8\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm10\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm14\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm16\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm19\r\n$7\r\n55.6132\r\n*2\r\n$2\r\nm2\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm20\r\n$7\r\n55.6132\r\n*2\r\n$2\r\nm3\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm33\r\n$7\r\n55.6132\r\n*2\r\n$2\r\nm4\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm36\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm44\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm57\r\n$7\r\n55.6132\r\n*2\r\n$2\r\nm7\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm46\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm35\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm34\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm30\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm27\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm26\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm17\r\n$7\r\n55.6132\r\n"),
            ("GEOSEARCH big FROMLONLAT 13 38 BYRADIUS 200 km WITHDIST COUNT 41", "*41\r\n*2\r\n$3\r\nm45\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm39\r\n$6\r\n0.0001\r\n*2\r\n$2\r\nm1\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm18\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm28\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm32\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm37\r\n$6\r\n0.0001\r\n*2\r\n$2\r\nm6\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm56\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm54\r\n$6\r\n0.0001\r\n*2\r\n$2\r\nm5\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm11\r\n$7\r\n26.6983\r\n*2\r\n$3\r\nm53\r\n$7\r\n41.6345\r\n*2\r\n$3\r\nm23\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm15\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm13\r\n$7\r\n43.8238\r\n*2\r\n$2\r\nm0\r\n$7\r\n43.8238\r\n*2\r\n$2\r\nm9\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm47\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm55\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm24\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm22\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm29\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm31\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm41\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm42\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm48\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm49\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm52\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm59\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm35\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm46\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm50\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm58\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm17\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm21\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm25\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm26\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm27\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm30\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm34\r\n$7\r\n55.6132\r\n"),
            ("GEOSEARCH big FROMLONLAT 13 38 BYRADIUS 200 km WITHDIST COUNT 59 DESC", "*59\r\n*2\r\n$3\r\nm12\r\n$8\r\n112.3274\r\n*2\r\n$3\r\nm43\r\n$8\r\n101.5515\r\n*2\r\n$3\r\nm51\r\n$7\r\n98.2956\r\n*2\r\n$3\r\nm38\r\n$7\r\n78.1604\r\n*2\r\n$2\r\nm8\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm10\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm14\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm16\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm19\r\n$7\r\n55.6132\r\n*2\r\n$2\r\nm2\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm20\r\n$7\r\n55.6132\r\n*2\r\n$2\r\nm3\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm33\r\n$7\r\n55.6132\r\n*2\r\n$2\r\nm4\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm36\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm44\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm57\r\n$7\r\n55.6132\r\n*2\r\n$2\r\nm7\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm46\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm35\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm34\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm30\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm27\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm26\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm17\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm21\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm25\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm58\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm50\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm40\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm52\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm29\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm31\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm41\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm42\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm48\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm49\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm22\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm59\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm13\r\n$7\r\n43.8238\r\n*2\r\n$2\r\nm0\r\n$7\r\n43.8238\r\n*2\r\n$2\r\nm9\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm55\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm47\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm24\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm23\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm15\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm53\r\n$7\r\n41.6345\r\n*2\r\n$3\r\nm11\r\n$7\r\n26.6983\r\n*2\r\n$2\r\nm6\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm32\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm37\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm39\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm45\r\n$6\r\n0.0001\r\n*2\r\n$2\r\nm5\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm54\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm18\r\n$6\r\n0.0001\r\n*2\r\n$2\r\nm1\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm56\r\n$6\r\n0.0001\r\n"),
            ("GEOSEARCH big FROMLONLAT 13 38 BYRADIUS 200 km WITHDIST ASC", "*60\r\n*2\r\n$2\r\nm1\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm18\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm28\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm32\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm37\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm39\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm45\r\n$6\r\n0.0001\r\n*2\r\n$2\r\nm5\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm54\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm56\r\n$6\r\n0.0001\r\n*2\r\n$2\r\nm6\r\n$6\r\n0.0001\r\n*2\r\n$3\r\nm11\r\n$7\r\n26.6983\r\n*2\r\n$3\r\nm53\r\n$7\r\n41.6345\r\n*2\r\n$2\r\nm0\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm13\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm15\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm23\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm24\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm47\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm55\r\n$7\r\n43.8238\r\n*2\r\n$2\r\nm9\r\n$7\r\n43.8238\r\n*2\r\n$3\r\nm22\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm29\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm31\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm41\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm42\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm48\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm49\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm52\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm59\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm17\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm21\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm25\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm26\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm27\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm30\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm34\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm35\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm40\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm46\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm50\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm58\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm10\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm14\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm16\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm19\r\n$7\r\n55.6132\r\n*2\r\n$2\r\nm2\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm20\r\n$7\r\n55.6132\r\n*2\r\n$2\r\nm3\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm33\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm36\r\n$7\r\n55.6132\r\n*2\r\n$2\r\nm4\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm44\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm57\r\n$7\r\n55.6132\r\n*2\r\n$2\r\nm7\r\n$7\r\n55.6132\r\n*2\r\n$2\r\nm8\r\n$7\r\n55.6132\r\n*2\r\n$3\r\nm38\r\n$7\r\n78.1604\r\n*2\r\n$3\r\nm51\r\n$7\r\n98.2956\r\n*2\r\n$3\r\nm43\r\n$8\r\n101.5515\r\n*2\r\n$3\r\nm12\r\n$8\r\n112.3274\r\n"),
            ("GEOSEARCH big FROMLONLAT 13 38 BYRADIUS 200 km WITHDIST COUNT 7 ANY DESC", "*7\r\n*2\r\n$3\r\nm22\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm29\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm31\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm41\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm42\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm48\r\n$7\r\n43.8239\r\n*2\r\n$3\r\nm49\r\n$7\r\n43.8239\r\n"),
            ("GEOSEARCHSTORE dst big FROMLONLAT 13 38 BYRADIUS 200 km COUNT 12", ":12\r\n"),
            ("ZRANGE dst 0 -1", "*12\r\n$3\r\nm11\r\n$2\r\nm1\r\n$3\r\nm18\r\n$3\r\nm28\r\n$3\r\nm32\r\n$3\r\nm37\r\n$3\r\nm39\r\n$3\r\nm45\r\n$2\r\nm5\r\n$3\r\nm54\r\n$3\r\nm56\r\n$2\r\nm6\r\n"),
            ("CONFIG SET zset-max-listpack-entries 0", "+OK\r\n"),
            ("GEOADD big2 13.5 38 m0 13 38 m1 13 37.5 m2 13 37.5 m3 13 37.5 m4 13 38 m5 13 38 m6 13 37.5 m7 13 37.5 m8 13.5 38 m9 13 37.5 m10 13.154 37.793 m11 12.093 38.717 m12 13.5 38 m13 13 37.5 m14 13.5 38 m15 13 37.5 m16 13 38.5 m17 13 38 m18 13 37.5 m19 13 37.5 m20 13 38.5 m21 12.5 38 m22 13.5 38 m23 13.5 38 m24 13 38.5 m25 13 38.5 m26 13 38.5 m27 13 38 m28 12.5 38 m29 13 38.5 m30 12.5 38 m31 13 38 m32 13 37.5 m33 13 38.5 m34 13 38.5 m35 13 37.5 m36 13 38 m37 13.889 37.948 m38 13 38 m39 13 38.5 m40 12.5 38 m41 12.5 38 m42 12.694 38.881 m43 13 37.5 m44 13 38 m45 13 38.5 m46 13.5 38 m47 12.5 38 m48 12.5 38 m49 13 38.5 m50 13.639 38.728 m51 12.5 38 m52 13.365 37.761 m53 13 38 m54 13.5 38 m55 13 38 m56 13 37.5 m57 13 38.5 m58 12.5 38 m59", ":60\r\n"),
            ("OBJECT ENCODING big2", "$8\r\nskiplist\r\n"),
            ("GEOSEARCH big2 FROMLONLAT 13 38 BYBOX 300 300 km COUNT 10", "*10\r\n$3\r\nm45\r\n$3\r\nm39\r\n$2\r\nm1\r\n$3\r\nm18\r\n$3\r\nm28\r\n$3\r\nm32\r\n$3\r\nm37\r\n$2\r\nm6\r\n$3\r\nm56\r\n$3\r\nm54\r\n"),
            ("GEOSEARCH big2 FROMLONLAT 13 38 BYBOX 300 300 km COUNT 41 DESC", "*41\r\n$3\r\nm12\r\n$3\r\nm43\r\n$3\r\nm51\r\n$3\r\nm38\r\n$2\r\nm8\r\n$3\r\nm10\r\n$3\r\nm14\r\n$3\r\nm16\r\n$3\r\nm19\r\n$2\r\nm2\r\n$3\r\nm20\r\n$2\r\nm3\r\n$3\r\nm33\r\n$2\r\nm4\r\n$3\r\nm36\r\n$3\r\nm44\r\n$3\r\nm57\r\n$2\r\nm7\r\n$3\r\nm46\r\n$3\r\nm35\r\n$3\r\nm34\r\n$3\r\nm30\r\n$3\r\nm27\r\n$3\r\nm26\r\n$3\r\nm17\r\n$3\r\nm21\r\n$3\r\nm25\r\n$3\r\nm58\r\n$3\r\nm50\r\n$3\r\nm40\r\n$3\r\nm52\r\n$3\r\nm29\r\n$3\r\nm31\r\n$3\r\nm41\r\n$3\r\nm42\r\n$3\r\nm48\r\n$3\r\nm49\r\n$3\r\nm22\r\n$3\r\nm59\r\n$3\r\nm13\r\n$2\r\nm0\r\n"),
            ("GEOSEARCH big2 FROMLONLAT 13 38 BYBOX 300 300 km DESC", "*60\r\n$3\r\nm12\r\n$3\r\nm43\r\n$3\r\nm51\r\n$3\r\nm38\r\n$3\r\nm10\r\n$3\r\nm14\r\n$3\r\nm16\r\n$3\r\nm19\r\n$2\r\nm2\r\n$3\r\nm20\r\n$2\r\nm3\r\n$3\r\nm33\r\n$3\r\nm36\r\n$2\r\nm4\r\n$3\r\nm44\r\n$3\r\nm57\r\n$2\r\nm7\r\n$2\r\nm8\r\n$3\r\nm17\r\n$3\r\nm21\r\n$3\r\nm25\r\n$3\r\nm26\r\n$3\r\nm27\r\n$3\r\nm30\r\n$3\r\nm34\r\n$3\r\nm35\r\n$3\r\nm40\r\n$3\r\nm46\r\n$3\r\nm50\r\n$3\r\nm58\r\n$3\r\nm22\r\n$3\r\nm29\r\n$3\r\nm31\r\n$3\r\nm41\r\n$3\r\nm42\r\n$3\r\nm48\r\n$3\r\nm49\r\n$3\r\nm52\r\n$3\r\nm59\r\n$2\r\nm0\r\n$3\r\nm13\r\n$3\r\nm15\r\n$3\r\nm23\r\n$3\r\nm24\r\n$3\r\nm47\r\n$3\r\nm55\r\n$2\r\nm9\r\n$3\r\nm53\r\n$3\r\nm11\r\n$2\r\nm1\r\n$3\r\nm18\r\n$3\r\nm28\r\n$3\r\nm32\r\n$3\r\nm37\r\n$3\r\nm39\r\n$3\r\nm45\r\n$2\r\nm5\r\n$3\r\nm54\r\n$3\r\nm56\r\n$2\r\nm6\r\n"),
            ("CONFIG SET zset-max-listpack-entries 128", "+OK\r\n"),
        ]);
}
#[test]
fn distances_round_like_redis_fixed_point() {
    check(&[
            ("GEOADD fp -3.22228 -8.10746 a 6.00644 6.53546 b -5.39566 -6.61611 c 4.13827 -8.89488 d 7.61578 3.3081 e 8.56573 -6.82691 f", ":6\r\n"),
            ("GEODIST fp a b", "$12\r\n1923616.4662\r\n"),
            ("GEODIST fp c d", "$12\r\n1080769.0934\r\n"),
            ("GEODIST fp e f", "$12\r\n1132202.8726\r\n"),
            ("GEORADIUSBYMEMBER fp a 2000 km WITHDIST ASC", "*6\r\n*2\r\n$1\r\na\r\n$6\r\n0.0000\r\n*2\r\n$1\r\nc\r\n$8\r\n291.5287\r\n*2\r\n$1\r\nd\r\n$8\r\n814.3958\r\n*2\r\n$1\r\nf\r\n$9\r\n1307.7295\r\n*2\r\n$1\r\ne\r\n$9\r\n1748.7008\r\n*2\r\n$1\r\nb\r\n$9\r\n1923.6165\r\n"),
            ("GEODIST fp a b km", "$9\r\n1923.6165\r\n"),
        ]);
}

#[test]
fn getkeys_follow_redis() {
    check(&[
        (
            "COMMAND GETKEYS GEORADIUS k 0 0 1 km STORE a STOREDIST b",
            "*3\r\n$1\r\nk\r\n$1\r\na\r\n$1\r\nb\r\n",
        ),
        ("COMMAND GETKEYS GEORADIUS k 0 0 1 km", "*1\r\n$1\r\nk\r\n"),
        (
            "COMMAND GETKEYS GEORADIUSBYMEMBER k m 1 km STOREDIST b COUNT 1",
            "*2\r\n$1\r\nk\r\n$1\r\nb\r\n",
        ),
        (
            "COMMAND GETKEYS GEORADIUSBYMEMBER k m 1 km COUNT 1 STORE",
            "*1\r\n$1\r\nk\r\n",
        ),
        (
            "COMMAND GETKEYS GEOSEARCHSTORE d s FROMMEMBER m BYRADIUS 1 km",
            "*2\r\n$1\r\nd\r\n$1\r\ns\r\n",
        ),
        (
            "COMMAND GETKEYS GEORADIUS_RO k 0 0 1 km STORE a",
            "*1\r\n$1\r\nk\r\n",
        ),
        ("COMMAND GETKEYS GEOADD k 1 1 m", "*1\r\n$1\r\nk\r\n"),
        (
            "COMMAND GETKEYS GEORADIUS k 0 0 1 store a",
            "*1\r\n$1\r\nk\r\n",
        ),
    ]);
}

#[test]
fn repeated_store_writes_the_last() {
    check(&[
        ("GEOADD src 13.361389 38.115556 Palermo", ":1\r\n"),
        (
            "GEORADIUS src 15 37 200 km STORE {x}a STORE b STOREDIST c",
            ":1\r\n",
        ),
        ("EXISTS {x}a b c", ":1\r\n"),
        ("ZRANGE c 0 -1", "*1\r\n$7\r\nPalermo\r\n"),
        (
            "GEORADIUSBYMEMBER src Palermo 1 km STOREDIST c STORE src",
            ":1\r\n",
        ),
        (
            "ZRANGE src 0 -1 WITHSCORES",
            "*2\r\n$7\r\nPalermo\r\n$16\r\n3479099956230698\r\n",
        ),
        ("MULTI", "+OK\r\n"),
        (
            "GEORADIUS src 15 37 200 km STORE d1 STORE d2",
            "+QUEUED\r\n",
        ),
        (
            "GEOSEARCHSTORE d3 src FROMLONLAT 15 37 BYRADIUS 200 km",
            "+QUEUED\r\n",
        ),
        ("EXEC", "*2\r\n:1\r\n:1\r\n"),
        ("EXISTS d1 d2 d3", ":2\r\n"),
    ]);
}
#[test]
fn equal_distances_in_a_short_partial_sort() {
    check(&[
            ("GEOADD a 180 0 p0 14 38 p1 13 38 p2 13 38 p3 13.4 38.1 p4 15 38 p5 13 39 p6 12 38 p7", ":8\r\n"),
            ("GEORADIUSBYMEMBER a p3 250 km WITHDIST", "*7\r\n*2\r\n$2\r\np7\r\n$7\r\n87.6469\r\n*2\r\n$2\r\np2\r\n$6\r\n0.0000\r\n*2\r\n$2\r\np3\r\n$6\r\n0.0000\r\n*2\r\n$2\r\np4\r\n$7\r\n36.7585\r\n*2\r\n$2\r\np1\r\n$7\r\n87.6473\r\n*2\r\n$2\r\np6\r\n$8\r\n111.2261\r\n*2\r\n$2\r\np5\r\n$8\r\n175.2917\r\n"),
            ("GEORADIUSBYMEMBER a p3 250 km COUNT 1", "*1\r\n$2\r\np3\r\n"),
            ("GEORADIUSBYMEMBER a p3 250 km COUNT 2", "*2\r\n$2\r\np3\r\n$2\r\np2\r\n"),
            ("GEORADIUSBYMEMBER a p3 250 km COUNT 6 WITHDIST", "*6\r\n*2\r\n$2\r\np3\r\n$6\r\n0.0000\r\n*2\r\n$2\r\np2\r\n$6\r\n0.0000\r\n*2\r\n$2\r\np4\r\n$7\r\n36.7585\r\n*2\r\n$2\r\np7\r\n$7\r\n87.6469\r\n*2\r\n$2\r\np1\r\n$7\r\n87.6473\r\n*2\r\n$2\r\np6\r\n$8\r\n111.2261\r\n"),
            ("GEORADIUSBYMEMBER a p3 250 km ASC", "*7\r\n$2\r\np2\r\n$2\r\np3\r\n$2\r\np4\r\n$2\r\np7\r\n$2\r\np1\r\n$2\r\np6\r\n$2\r\np5\r\n"),
            ("GEORADIUSBYMEMBER a p3 250 km COUNT 3 DESC", "*3\r\n$2\r\np5\r\n$2\r\np6\r\n$2\r\np1\r\n"),
        ]);
}

#[test]
fn antipodes_stay_finite() {
    check(&[
            ("GEOADD anti -140.619 -6.867 a 39.381 6.867 b -100.5 40.1 c 79.5 -40.1 d", ":4\r\n"),
            ("GEODIST anti a b", "$13\r\n20020734.0000\r\n"),
            ("GEODIST anti c d km", "$10\r\n20020.7340\r\n"),
            ("GEORADIUS anti -140.619 -6.867 30000 km WITHDIST ASC", "*4\r\n*2\r\n$1\r\na\r\n$6\r\n0.0001\r\n*2\r\n$1\r\nc\r\n$9\r\n6646.0921\r\n*2\r\n$1\r\nd\r\n$10\r\n13374.6419\r\n*2\r\n$1\r\nb\r\n$10\r\n20020.7340\r\n"),
            ("GEOSEARCH anti FROMMEMBER c BYBOX 50000 50000 km WITHDIST DESC", "*4\r\n*2\r\n$1\r\nd\r\n$10\r\n20020.7340\r\n*2\r\n$1\r\nb\r\n$10\r\n13374.6419\r\n*2\r\n$1\r\na\r\n$9\r\n6646.0921\r\n*2\r\n$1\r\nc\r\n$6\r\n0.0000\r\n"),
        ]);
}

#[test]
fn store_counts_one_change_per_member_unlike_zrangestore() {
    // Redis 7.0: GEOSEARCHSTORE adds the number stored to the dirty counter, ZRANGESTORE 1.
    let mut t = TestServer::new();
    let dirty = |t: &mut TestServer| {
        let s = t.text(&["INFO", "persistence"]);
        let at = s.find("rdb_changes_since_last_save:").expect("field") + 28;
        s[at..]
            .split("\r\n")
            .next()
            .unwrap()
            .parse::<u64>()
            .unwrap()
    };
    t.text(&[
        "GEOADD", "g", "13.36", "38.11", "a", "15.08", "37.50", "b", "15", "37.6", "c",
    ]);
    let before = dirty(&mut t);
    let store = "GEOSEARCHSTORE d g FROMLONLAT 15 37 BYRADIUS 500 km";
    assert_eq!(t.text(&store.split(' ').collect::<Vec<_>>()), ":3\r\n");
    assert_eq!(dirty(&mut t) - before, 3);
    let before = dirty(&mut t);
    assert_eq!(t.text(&["ZRANGESTORE", "d2", "g", "0", "-1"]), ":3\r\n");
    assert_eq!(dirty(&mut t) - before, 1);
}
