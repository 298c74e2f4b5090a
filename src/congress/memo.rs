//! What a thread last worked out of the record, by everything it depends on: papers and checks
//! ask the same questions of one record many times (who was elected: 29 times in the check of
//! Bạch Mai), and each answer tallies or sorts. A record may change between two questions
//! (the service edits one, a program sets a field), so an answer is kept by a copy of what it
//! was worked out from and given again only for an equal one.

use std::cell::RefCell;
use std::thread::LocalKey;

/// The last few answers of one question, on one thread: (what it was worked out from, the
/// answer), oldest first.
pub(super) type Recent<K, V> = RefCell<Vec<(K, V)>>;

/// Answers kept per question and thread.
const KEPT: usize = 8;

/// The answer kept in `recent` under a key that `is` the one asked about, or `work()`, then kept
/// under `key()` (when `keep`) in place of the oldest of [`KEPT`].
pub(super) fn answer<K: 'static, V: Clone + 'static, E>(
    recent: &'static LocalKey<Recent<K, V>>,
    is: impl Fn(&K) -> bool,
    key: impl FnOnce() -> K,
    keep: bool,
    work: impl FnOnce() -> Result<V, E>,
) -> Result<V, E> {
    let kept = recent.with(|r| {
        r.borrow()
            .iter()
            .find(|(k, _)| is(k))
            .map(|(_, v)| v.clone())
    });
    if let Some(v) = kept {
        return Ok(v);
    }
    let v = work()?;
    if keep {
        recent.with(|r| {
            let mut r = r.borrow_mut();
            if r.len() == KEPT {
                r.remove(0);
            }
            r.push((key(), v.clone()));
        });
    }
    Ok(v)
}
