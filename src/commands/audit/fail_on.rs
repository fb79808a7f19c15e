//! `--fail-on` conditions, judged from the summary once the audit is done.

use crate::cli::FailOn;
use crate::model::Summary;

/// One line per condition that holds, saying which and how many.
pub fn failures(conditions: &[FailOn], summary: &Summary) -> Vec<String> {
    conditions
        .iter()
        .filter_map(|condition| match condition {
            FailOn::Toxic if summary.toxic > 0 => Some(format!(
                "--fail-on toxic: {} toxic link{}",
                summary.toxic,
                plural(summary.toxic)
            )),
            FailOn::Missing => {
                let missing = summary.sources.total - summary.sources.by_status.ok;
                (missing > 0).then(|| {
                    format!(
                        "--fail-on missing: {missing} of {} source{} without a backlink",
                        summary.sources.total,
                        plural(summary.sources.total)
                    )
                })
            }
            FailOn::Nofollow => {
                let weak = summary.backlinks - summary.passes_equity;
                (weak > 0).then(|| {
                    format!(
                        "--fail-on nofollow: {weak} backlink{} pass no equity",
                        plural(weak)
                    )
                })
            }
            // Judged against the history, not the summary (see `history`).
            FailOn::Toxic | FailOn::Lost => None,
        })
        .collect()
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(total: usize, ok: usize, backlinks: usize, equity: usize, toxic: usize) -> Summary {
        let mut s = Summary::default();
        s.sources.total = total;
        s.sources.by_status.ok = ok;
        s.backlinks = backlinks;
        s.passes_equity = equity;
        s.toxic = toxic;
        s
    }

    #[test]
    fn each_condition_holds_only_when_its_count_is_positive() {
        let all = [FailOn::Toxic, FailOn::Missing, FailOn::Nofollow];
        assert!(failures(&all, &summary(2, 2, 3, 3, 0)).is_empty());
        assert_eq!(
            failures(&all, &summary(3, 2, 3, 3, 0)),
            vec!["--fail-on missing: 1 of 3 sources without a backlink"]
        );
        assert_eq!(
            failures(&all, &summary(2, 2, 3, 1, 0)),
            vec!["--fail-on nofollow: 2 backlinks pass no equity"]
        );
        assert_eq!(
            failures(&all, &summary(2, 2, 3, 3, 1)),
            vec!["--fail-on toxic: 1 toxic link"]
        );
        assert!(
            failures(&[], &summary(3, 0, 3, 0, 3)).is_empty(),
            "no condition asked"
        );
    }
}
