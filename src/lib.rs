//! 志愿服务台账 — the library behind the window, the command line, the tests and benchmarks.

pub mod cli;
pub mod demo;
pub mod display;
pub mod domain;
pub mod export;
pub mod ops;
pub mod paths;
pub mod store;
pub mod ui;
