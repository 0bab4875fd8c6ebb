//! Prototype: keep polling the reactor for a short window after the last read.

use std::cell::Cell;
use std::rc::Rc;
use tokio::sync::Notify;

thread_local! {
    static LAST: Cell<u64> = const { Cell::new(0) };
    static PARKED: Cell<bool> = const { Cell::new(false) };
    static WAKE: Rc<Notify> = Rc::new(Notify::new());
}

pub fn touched() {
    LAST.with(|l| l.set(shoal_util::ticks::now()));
    if PARKED.with(|p| p.replace(false)) {
        WAKE.with(|w| w.notify_one());
    }
}

pub async fn spinner(window_ns: u64, yield_os: bool) {
    let wake = WAKE.with(|w| w.clone());
    loop {
        let last = LAST.with(|l| l.get());
        if shoal_util::ticks::elapsed_nanos(last, shoal_util::ticks::now()) < window_ns {
            if yield_os {
                std::thread::yield_now();
            }
            tokio::task::yield_now().await;
        } else {
            PARKED.with(|p| p.set(true));
            wake.notified().await;
        }
    }
}
