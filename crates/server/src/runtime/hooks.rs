//! How other threads reach a connection: a kill notification and a queue of pushed bytes.

use shoal_commands::ConnHooks;
use tokio::sync::{mpsc, Notify};

pub struct Hooks {
    pub kill: Notify,
    /// A key the connection blocks on may be ready, or CLIENT UNBLOCK wants it back.
    pub wake: Notify,
    tx: mpsc::UnboundedSender<Vec<u8>>,
}

impl Hooks {
    pub fn new() -> (Hooks, mpsc::UnboundedReceiver<Vec<u8>>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (
            Hooks {
                kill: Notify::new(),
                wake: Notify::new(),
                tx,
            },
            rx,
        )
    }
}

impl ConnHooks for Hooks {
    fn kill(&self) {
        // notify_one keeps a permit, so a kill sent before the task waits is not lost.
        self.kill.notify_one();
    }

    fn wake(&self) {
        self.wake.notify_one();
    }

    fn push(&self, data: Vec<u8>) -> bool {
        self.tx.send(data).is_ok()
    }
}
