//! A text run gathered from the tokenizer's pieces without copying them,
//! while they are one stretch of the page's own bytes: most runs are. A decoded character reference, a NUL or a CR is
//! not the page's bytes, and ends the stretch; the caller copies from there.

use std::ops::Range;

/// The stretch of the page gathered so far, if any.
#[derive(Debug, Default, Clone)]
pub(crate) struct Stretch(Option<Range<usize>>);

impl Stretch {
    /// Takes `piece` in when it lies in `page` and starts the stretch or
    /// continues it; false (and no change) otherwise.
    pub(crate) fn extend(&mut self, page: &str, piece: &[u8]) -> bool {
        let at = (piece.as_ptr() as usize).wrapping_sub(page.as_ptr() as usize);
        if at > page.len() || piece.len() > page.len() - at {
            return false;
        }
        match &mut self.0 {
            None => self.0 = Some(at..at + piece.len()),
            Some(run) if run.end == at => run.end += piece.len(),
            Some(_) => return false,
        }
        true
    }

    /// The stretch gathered, leaving none.
    pub(crate) fn take(&mut self) -> Option<Range<usize>> {
        self.0.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_join_while_they_follow_each_other_in_the_page() {
        let page = "abcdef";
        let mut stretch = Stretch::default();
        assert!(stretch.extend(page, &page.as_bytes()[1..3]));
        assert!(stretch.extend(page, &page.as_bytes()[3..4]));
        assert!(!stretch.extend(page, &page.as_bytes()[5..6]), "a gap");
        assert!(!stretch.extend(page, b"de"), "bytes from elsewhere");
        assert_eq!(stretch.take(), Some(1..4));
        assert_eq!(stretch.take(), None);
        assert!(
            !Stretch::default().extend(&page[..2], &page.as_bytes()[1..3]),
            "past the end"
        );
    }
}
