//! The client-side reply parser must not panic on any input, and whatever it
//! accepts must re-encode (as RESP3) to bytes that parse back to a value with
//! the same encoding (RESP3 has no null array, so `*-1` comes back as `_`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shoal_resp::{parse_value, Proto};

fuzz_target!(|data: &[u8]| {
    if let Ok(Some((v, used))) = parse_value(data) {
        assert!(used > 0 && used <= data.len());
        let again = v.to_resp(Proto::Resp3);
        let (w, n) = parse_value(&again).unwrap().unwrap();
        assert_eq!(n, again.len());
        assert_eq!(w.to_resp(Proto::Resp3), again);
        let _ = v.to_resp(Proto::Resp2);
        let _ = v.to_string();
    }
});
