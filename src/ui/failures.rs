//! Failed reads, handled once: a pane that reads the store while drawing calls
//! [`OrReport::or_report`] instead of dropping the error; the value falls back to empty so the
//! frame can finish, and the message goes to the window, which shows it as an error toast (once,
//! however many frames repeat the failure). A list that could not be read never looks empty in
//! silence.

use std::cell::RefCell;

thread_local! {
    /// Messages of the reads that failed since the window last took them (the window draws on
    /// one thread; tests run one window per thread).
    static FAILED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Reports a failed read to the window.
pub fn report(message: String) {
    FAILED.with(|f| {
        let mut f = f.borrow_mut();
        if !f.contains(&message) {
            f.push(message);
        }
    });
}

/// The failures reported since the last call.
pub fn take() -> Vec<String> {
    FAILED.with(|f| std::mem::take(&mut *f.borrow_mut()))
}

/// A read's value, or empty with the failure reported.
pub trait OrReport<T> {
    /// The value; on failure the default (an empty list, zero, nothing), and the message shown.
    fn or_report(self) -> T;
}

impl<T: Default, E: std::fmt::Display> OrReport<T> for Result<T, E> {
    fn or_report(self) -> T {
        match self {
            Ok(v) => v,
            Err(e) => {
                report(format!("读取数据失败：{e}"));
                T::default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_is_reported_once_and_the_value_is_empty() {
        let bad: Result<Vec<u8>, String> = Err("数据表不存在".into());
        assert!(bad.clone().or_report().is_empty());
        assert!(bad.or_report().is_empty());
        assert_eq!(take(), vec!["读取数据失败：数据表不存在".to_string()]);
        assert!(take().is_empty());
        let good: Result<Vec<u8>, String> = Ok(vec![1]);
        assert_eq!(good.or_report(), vec![1]);
        assert!(take().is_empty());
    }
}
