//! Hand-built audits the unit tests share, whichever module they test (the
//! writers, the store, the diff, the commands). Compiled for tests only.
//!
//! Two shapes, kept apart because tests compare against each as it is:
//! - [`audit`]: one fixed audit, summary and all, for the writers'
//!   exact-output tests;
//! - [`build`]: audits assembled from parts (sources, links, a target), for
//!   tests that need their own.

pub(crate) mod audit;
pub(crate) mod build;
