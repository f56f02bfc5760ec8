//! Gold-data readers and scorers for every benchmark dossier is measured on. Each module reads
//! one public format and computes that task's standard scores; `dossier eval` prints them and
//! writes predictions that the independent scorers in `../shared/scorers` can read.

pub mod coref;
pub mod events;
pub mod extract;
pub mod names;
pub mod ner;
pub mod quotes;
pub mod stories;
pub mod time;

/// Precision, recall and F1 of `tp` correct among `n_pred` predicted and `n_gold` gold items,
/// each ratio multiplied by `scale` (1.0 for fractions, 100.0 for percent) before F1 is taken,
/// as each benchmark's own scorer does it; 0 where a denominator is 0.
pub fn prf(tp: u64, n_pred: u64, n_gold: u64, scale: f64) -> (f64, f64, f64) {
    let p = if n_pred > 0 {
        scale * tp as f64 / n_pred as f64
    } else {
        0.0
    };
    let r = if n_gold > 0 {
        scale * tp as f64 / n_gold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The processor time the calling thread has run: speed per core that does not depend on how
/// many other programs share the machine. None where the system does not tell.
pub fn thread_cpu() -> Option<std::time::Duration> {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes into the timespec we own; the clock id is a constant.
        let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
        (ok && ts.tv_sec >= 0 && ts.tv_nsec >= 0)
            .then(|| std::time::Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
    }
    #[cfg(not(unix))]
    {
        None
    }
}
