//! What a thread last worked out, by everything it depends on: papers and checks ask the same
//! questions of one record many times (who was elected: 29 times in the check of Bạch Mai), and
//! the papers of a batch share the parts of a DOCX around its body (`docx::frame`). A record may
//! change between two questions (the service edits one, a program sets a field), so an answer is
//! kept by a copy of what it was worked out from and given again only for an equal one.

use std::cell::RefCell;
use std::thread::LocalKey;

/// The last few answers of one question, on one thread: (what it was worked out from, the
/// answer), the least recently given first.
pub(crate) type Recent<K, V> = RefCell<Vec<(K, V)>>;

/// Answers kept per question and thread: more than a congress holds elections, or a pack page
/// setups.
const KEPT: usize = 8;

/// The size (people: candidates of every round, of every step) above which what an answer is
/// worked out from is not copied and kept, and the answer is worked out anew on every call: a
/// copy then costs memory on every thread, and a few answers of such a record are slow anyway.
const KEEP_UP_TO: usize = 2_000;

/// The answer kept in `recent` under a key that `is` the one asked about, or `work()`, then kept
/// under `key()` in place of the least recently given of [`KEPT`] — unless the key's `size` is
/// more than [`KEEP_UP_TO`]. Errors are not kept.
pub(crate) fn answer<K: 'static, V: Clone + 'static, E>(
    recent: &'static LocalKey<Recent<K, V>>,
    is: impl Fn(&K) -> bool,
    key: impl FnOnce() -> K,
    size: usize,
    work: impl FnOnce() -> Result<V, E>,
) -> Result<V, E> {
    let kept = recent.with(|r| {
        let mut r = r.borrow_mut();
        let at = r.iter().position(|(k, _)| is(k))?;
        let hit = r.remove(at);
        let v = hit.1.clone();
        r.push(hit);
        Some(v)
    });
    if let Some(v) = kept {
        return Ok(v);
    }
    let v = work()?;
    if size <= KEEP_UP_TO {
        let entry = (key(), v.clone());
        recent.with(|r| {
            let mut r = r.borrow_mut();
            if r.len() == KEPT {
                r.remove(0);
            }
            r.push(entry);
        });
    }
    Ok(v)
}
