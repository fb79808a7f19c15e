//! Per-host manners: at most `per_host` requests in flight to one host, and at
//! least `delay` between the starts of two requests to it; plus the global bound.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// The right to send one request; dropping it frees the slots.
pub struct Slot {
    _host: OwnedSemaphorePermit,
    _global: OwnedSemaphorePermit,
}

struct HostGate {
    in_flight: Arc<Semaphore>,
    next_start: tokio::sync::Mutex<Instant>,
}

pub struct Politeness {
    global: Arc<Semaphore>,
    per_host: usize,
    delay: Duration,
    hosts: Mutex<HashMap<String, Arc<HostGate>>>,
}

impl Politeness {
    pub fn new(concurrency: usize, per_host: usize, delay: Duration) -> Politeness {
        Politeness {
            global: Arc::new(Semaphore::new(concurrency.max(1))),
            per_host: per_host.max(1),
            delay,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    fn gate(&self, host: &str) -> Arc<HostGate> {
        // A poisoned lock only means another task panicked mid-insert; the map is
        // still usable.
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        hosts
            .entry(host.to_string())
            .or_insert_with(|| {
                Arc::new(HostGate {
                    in_flight: Arc::new(Semaphore::new(self.per_host)),
                    next_start: tokio::sync::Mutex::new(Instant::now()),
                })
            })
            .clone()
    }

    /// Waits for a slot to `host`. The host slot is taken before the global one,
    /// so tasks queued behind a slow host do not hold global slots meanwhile.
    pub async fn acquire(&self, host: &str) -> Slot {
        let gate = self.gate(host);
        // The semaphores are never closed, so acquiring cannot fail.
        let host_permit = gate
            .in_flight
            .clone()
            .acquire_owned()
            .await
            .expect("host semaphore is never closed");
        if !self.delay.is_zero() {
            let mut next = gate.next_start.lock().await;
            let now = Instant::now();
            if *next > now {
                tokio::time::sleep_until(*next).await;
            }
            *next = Instant::now() + self.delay;
        }
        let global_permit = self
            .global
            .clone()
            .acquire_owned()
            .await
            .expect("global semaphore is never closed");
        Slot {
            _host: host_permit,
            _global: global_permit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Real time, not a paused clock: tokio's `test-util` would make the test
    // build compile tokio, and every crate above it, a second time. Sleeps
    // never end early, so the lower bounds cannot fail spuriously.
    #[tokio::test]
    async fn requests_to_one_host_are_spaced_by_the_delay() {
        let delay = Duration::from_millis(300);
        let polite = Politeness::new(8, 8, delay);
        let start = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..3 {
            let _slot = polite.acquire("a.example").await;
            starts.push(start.elapsed());
        }
        assert!(starts[0] < delay, "the first request waited {:?}", starts[0]);
        assert!(starts[1] >= delay);
        assert!(starts[2] >= delay * 2);
        // Another host is not held back by the first one's delay (it would
        // wait a whole `delay` if it were).
        let before = Instant::now();
        let _slot = polite.acquire("b.example").await;
        assert!(
            before.elapsed() < delay,
            "b.example waited {:?}",
            before.elapsed()
        );
    }

    #[tokio::test]
    async fn per_host_limit_holds_a_third_request() {
        let polite = Arc::new(Politeness::new(8, 2, Duration::ZERO));
        let a = polite.acquire("h").await;
        let _b = polite.acquire("h").await;
        let third = tokio::spawn({
            let polite = polite.clone();
            async move { polite.acquire("h").await }
        });
        tokio::task::yield_now().await;
        assert!(!third.is_finished());
        // Other hosts still get through.
        let _other = polite.acquire("other").await;
        drop(a);
        let _c = third.await.unwrap();
    }

    #[tokio::test]
    async fn global_limit_holds_across_hosts() {
        let polite = Arc::new(Politeness::new(1, 4, Duration::ZERO));
        let a = polite.acquire("one").await;
        let second = tokio::spawn({
            let polite = polite.clone();
            async move { polite.acquire("two").await }
        });
        tokio::task::yield_now().await;
        assert!(!second.is_finished());
        drop(a);
        let _b = second.await.unwrap();
    }
}
