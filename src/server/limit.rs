//! Bounded concurrency: a request is admitted (running or waiting) while there is room, then
//! waits its turn for a slot and does its work on tokio's blocking pool — never on the async
//! workers, which keep answering other requests (and the `503`s) meanwhile.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::sync::Semaphore;

/// The slots and the queue in front of them.
#[derive(Debug)]
pub(super) struct Limiter {
    slots: Arc<Semaphore>,
    concurrent: usize,
    /// Requests admitted and not finished: running or waiting.
    admitted: Arc<AtomicUsize>,
    /// `concurrent` + the queue's length.
    capacity: usize,
}

/// No room: every slot is taken and the queue is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Busy {
    /// Requests at work.
    pub running: usize,
    /// Requests waiting for a slot.
    pub waiting: usize,
}

/// The job could not be run to its end (it panicked).
#[derive(Debug)]
pub(super) struct Crashed;

/// A request's place among the admitted; it is given back when dropped — when the request's
/// work ends, or when the request is abandoned while waiting.
#[derive(Debug)]
pub(super) struct Ticket {
    slots: Arc<Semaphore>,
    admitted: Arc<AtomicUsize>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.admitted.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Limiter {
    /// Room for `concurrent` (at least 1) at work and `queue` waiting.
    pub fn new(concurrent: usize, queue: usize) -> Limiter {
        let concurrent = concurrent.max(1);
        Limiter {
            slots: Arc::new(Semaphore::new(concurrent)),
            concurrent,
            admitted: Arc::new(AtomicUsize::new(0)),
            capacity: concurrent.saturating_add(queue),
        }
    }

    /// A place for one more request, or [`Busy`] at once when there is none.
    pub fn admit(&self) -> Result<Ticket, Busy> {
        let mut n = self.admitted.load(Ordering::Acquire);
        loop {
            if n >= self.capacity {
                return Err(Busy {
                    running: self.running(),
                    waiting: self.waiting(),
                });
            }
            match self
                .admitted
                .compare_exchange_weak(n, n + 1, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) => break,
                Err(now) => n = now,
            }
        }
        Ok(Ticket {
            slots: Arc::clone(&self.slots),
            admitted: Arc::clone(&self.admitted),
        })
    }

    /// Requests at work now.
    pub fn running(&self) -> usize {
        self.concurrent
            .saturating_sub(self.slots.available_permits())
    }

    /// Requests admitted and not at work: waiting for a slot, or still sending their body.
    pub fn waiting(&self) -> usize {
        self.admitted
            .load(Ordering::Acquire)
            .saturating_sub(self.running())
    }
}

impl Ticket {
    /// Waits for a slot (the queue is first come, first served), then runs `job` on the
    /// blocking pool. The slot and the ticket are held by the job's thread, so a request
    /// abandoned at its time limit keeps counting until its work really ends.
    pub async fn run<T: Send + 'static>(
        self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Crashed> {
        // The semaphore is never closed, so acquiring fails only if it were.
        let slot = Arc::clone(&self.slots)
            .acquire_owned()
            .await
            .map_err(|_| Crashed)?;
        tokio::task::spawn_blocking(move || {
            let _held = (slot, self);
            job()
        })
        .await
        .map_err(|_| Crashed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beyond_the_slots_and_the_queue_requests_are_turned_away_at_once() {
        let limiter = Limiter::new(2, 1);
        let a = limiter.admit().unwrap();
        let _b = limiter.admit().unwrap();
        let _c = limiter.admit().unwrap();
        assert_eq!(
            limiter.admit().unwrap_err(),
            Busy {
                running: 0,
                waiting: 3
            }
        );
        drop(a);
        assert!(limiter.admit().is_ok(), "a place given back is free again");
    }

    #[test]
    fn no_slots_still_means_one() {
        let limiter = Limiter::new(0, 0);
        let _a = limiter.admit().unwrap();
        assert!(limiter.admit().is_err());
    }
}
