//! The one thread pool helper: map items on worker threads and take the results in item order
//! as they finish. `check` streams reports with it, `claims` and `fix` collect with it.

/// Worker threads for `--jobs`: the number given, or one per core.
pub fn threads(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

/// Results waiting to be emitted, per worker thread: enough to keep every thread busy while
/// one thread spends 100 ms on a 500 KB article (at 16, the other thread ran out of room
/// after 50 ms and waited), few enough that memory stays flat (a few MB).
const WINDOW_PER_THREAD: usize = 64;

/// Maps `items` with `work` on `threads` threads and hands each result to `emit` (on the
/// calling thread) in item order, as soon as it and every result before it are done.
///
/// Threads take the next item from a shared counter, so one slow file holds up no other
/// thread, and none runs more than a window ahead of the oldest result not yet emitted. (A
/// rayon parallel iterator splits the items into halves, so the first result in order
/// could wait for the middle of the list, with everything in between held in memory.)
pub fn ordered_stream<J: Sync, R: Send>(
    threads: usize,
    items: &[J],
    work: impl Fn(&J) -> R + Sync,
    mut emit: impl FnMut(usize, R),
) {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, PoisonError};

    if threads <= 1 || items.len() <= 1 {
        for (i, item) in items.iter().enumerate() {
            emit(i, work(item));
        }
        return;
    }
    let window = threads * WINDOW_PER_THREAD;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let emitted = Mutex::new(0usize);
    let room = Condvar::new();
    /// Opens the gate for good when the consumer leaves (even by a panic), so no worker
    /// waits for room that will never come.
    struct Release<'a>(&'a AtomicBool, &'a Mutex<usize>, &'a Condvar);
    impl Drop for Release<'_> {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
            let _guard = self.1.lock().unwrap_or_else(PoisonError::into_inner);
            self.2.notify_all();
        }
    }
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, R)>();
        for _ in 0..threads.min(items.len()) {
            let tx = tx.clone();
            let (next, stop, emitted, room, work) = (&next, &stop, &emitted, &room, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(i) else { break };
                    let mut done = emitted.lock().unwrap_or_else(PoisonError::into_inner);
                    while i >= *done + window && !stop.load(Ordering::SeqCst) {
                        done = room.wait(done).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(done);
                    if stop.load(Ordering::SeqCst) || tx.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let _release = Release(&stop, &emitted, &room);
        let mut pending = std::collections::BTreeMap::new();
        let mut count = 0;
        for (i, result) in rx {
            pending.insert(i, result);
            let before = count;
            while let Some(result) = pending.remove(&count) {
                emit(count, result);
                count += 1;
            }
            if count > before {
                *emitted.lock().unwrap_or_else(PoisonError::into_inner) = count;
                room.notify_all();
            }
        }
    });
}

/// Maps `items` with `work` on `threads` threads; the results keep the items' order.
pub fn ordered_map<J: Sync, R: Send>(
    threads: usize,
    items: &[J],
    work: impl Fn(&J) -> R + Sync,
) -> Vec<R> {
    let mut out = Vec::with_capacity(items.len());
    ordered_stream(threads, items, work, |_, result| out.push(result));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Results come out in item order, and no more than the window are ever made and not yet
    /// emitted, however uneven the work.
    #[test]
    fn ordered_stream_keeps_order_and_a_bounded_window() {
        let items: Vec<usize> = (0..600).collect();
        for threads in [1, 2, 3, 8] {
            let waiting = AtomicUsize::new(0);
            let most = AtomicUsize::new(0);
            let mut seen = Vec::new();
            ordered_stream(
                threads,
                &items,
                |&i| {
                    // Uneven work: every 37th item is much slower than its neighbours.
                    let spins = if i % 37 == 0 { 200_000 } else { 1_000 };
                    let mut x = i as u64;
                    for _ in 0..spins {
                        x = std::hint::black_box(
                            x.wrapping_mul(6364136223846793005).wrapping_add(1),
                        );
                    }
                    let now = waiting.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    (i, x)
                },
                |at, (i, _)| {
                    waiting.fetch_sub(1, Ordering::SeqCst);
                    assert_eq!(at, i);
                    seen.push(i);
                },
            );
            assert_eq!(seen, items, "{threads} threads");
            let bound = threads * WINDOW_PER_THREAD + threads;
            assert!(
                most.load(Ordering::SeqCst) <= bound,
                "{threads} threads: {} results waited (bound {bound})",
                most.load(Ordering::SeqCst)
            );
        }
    }

    #[test]
    fn ordered_map_keeps_order() {
        let items: Vec<usize> = (0..300).collect();
        for threads in [1, 2, 5] {
            let squares = ordered_map(threads, &items, |i| i * i);
            assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
        }
    }
}
