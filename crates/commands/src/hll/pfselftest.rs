//! PFSELFTEST
//!
//! Redis's internal self-test of the sketch code: dense registers read back what was written
//! without disturbing their neighbours, sparse and dense sketches fed the same elements agree,
//! and estimates stay within a few standard errors up to ten million elements.

use shoal_resp::Args;
use shoal_store::hll;

use super::sparse_max_bytes;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "pfselftest",
    arity: 1,
    flags: Flags::ADMIN,
    acl: Acl::HYPERLOGLOG,
    group: Group::Hyperloglog,
    since: "2.8.9",
    summary: "An internal command for testing HyperLogLog values.",
    complexity: "N/A",
    doc_flags: &["syscmd"],
    handler: pfselftest,
    ..CommandSpec::DEFAULT
};

fn pfselftest(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    self_test(1000, 10_000_000, sparse_max_bytes(ctx)).map_err(Error::Owned)?;
    ctx.out.ok();
    Ok(())
}

/// Runs `cycles` rounds of register checks, then adds `elements` distinct elements.
pub(super) fn self_test(cycles: usize, elements: u64, max_bytes: usize) -> Result<(), String> {
    let mut dense = hll::new_sparse();
    hll::to_dense(&mut dense).map_err(|_| "ERR TESTFAILED empty sketch".to_string())?;
    let mut want = vec![0u8; hll::REGISTERS];
    for _ in 0..cycles {
        let regs = &mut dense[hll::HEADER_LEN..];
        for (i, w) in want.iter_mut().enumerate() {
            *w = fastrand::u8(0..64);
            hll::dense_set(regs, i, *w);
        }
        for (i, w) in want.iter().enumerate() {
            let got = hll::dense_get(regs, i);
            if got != *w {
                return Err(format!(
                    "ERR TESTFAILED Register {i} should be {w} but is {got}"
                ));
            }
        }
    }

    dense[hll::HEADER_LEN..].fill(0);
    let mut sparse = hll::new_sparse();
    let relerr = 1.04 / (hll::REGISTERS as f64).sqrt();
    let seed = fastrand::u64(..);
    let mut checkpoint = 1u64;
    for j in 1..=elements {
        let ele = (j ^ seed).to_ne_bytes();
        hll::dense_add(&mut dense, &ele);
        let _ = hll::add(&mut sparse, &ele, max_bytes);
        if j != checkpoint {
            continue;
        }
        if j < max_bytes as u64 / 2 && hll::is_dense(&sparse) {
            return Err("ERR TESTFAILED sparse encoding not used".into());
        }
        let card = hll::count(&dense).map_err(|_| "ERR TESTFAILED corrupt".to_string())?;
        if hll::count(&sparse) != Ok(card) {
            return Err("ERR TESTFAILED dense/sparse disagree".into());
        }
        let mut max_err = (relerr * 6.0 * checkpoint as f64).ceil() as u64;
        // Collisions make cardinality 10 often off by one.
        if j == 10 {
            max_err = 1;
        }
        let err = checkpoint.abs_diff(card);
        if err > max_err {
            return Err(format!(
                "ERR TESTFAILED Too big error. card:{checkpoint} abserr:{err}"
            ));
        }
        checkpoint *= 10;
    }
    Ok(())
}
