//! Work spread over every core. Specs are independent, so a project with many specs
//! generates in a fraction of the time; results always come back in the order of the input,
//! so output never depends on scheduling.

use std::sync::{Mutex, PoisonError};

/// `items.iter().map(work)`, on every core.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    on_every_core(items.iter().collect(), work)
}

/// `tasks.into_iter().map(work)`, on as many threads as the machine has, each thread taking
/// the next task when it is done with one, so one large task does not hold up the others.
/// The order of the results is the order of the tasks, so output never depends on scheduling.
pub(crate) fn on_every_core<T: Send, R: Send>(
    tasks: Vec<T>,
    work: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let count = tasks.len();
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(count);
    let queue = Mutex::new(tasks.into_iter().enumerate());
    let run = || {
        let mut done = Vec::new();
        loop {
            // Taking the next task cannot panic, so the lock is never poisoned in earnest.
            let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
            let Some((index, task)) = next else {
                return done;
            };
            done.push((index, work(task)));
        }
    };
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(count).collect();
    std::thread::scope(|scope| {
        // A thread the system refuses to start is simply missing: this thread takes its share.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, run).ok())
            .collect();
        let mine = run();
        for (index, result) in helpers
            .into_iter()
            .flat_map(|helper| {
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .chain(mine)
        {
            results[index] = Some(result);
        }
    });
    // Every task was taken by exactly one thread, which finished it.
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_tasks_whatever_their_cost() {
        let tasks: Vec<u64> = (0..200).rev().collect();
        let squares = on_every_core(tasks.clone(), |n| {
            // Uneven work, so threads finish tasks out of order.
            std::thread::sleep(std::time::Duration::from_micros(n % 7 * 50));
            n * n
        });
        assert_eq!(squares, tasks.iter().map(|n| n * n).collect::<Vec<_>>());
        assert_eq!(map(&[1, 2, 3], |n| n + 1), vec![2, 3, 4]);
        assert!(map(&[] as &[u8], |n| *n).is_empty());
    }
}
