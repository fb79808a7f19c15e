use super::*;
use crate::extract::{extract, extract_within, ExtractOptions};
use crate::target::Target;
use url::Url;

fn raised() -> Arc<AtomicBool> {
    Arc::new(AtomicBool::new(true))
}

/// Reads `metered` byte by byte to its end or its cut; what it read, and why it stopped.
fn drain(metered: &mut Metered<'_>, mut on_byte: impl FnMut(usize)) -> (usize, Option<Cut>) {
    let mut read = 0;
    loop {
        match metered.read_byte() {
            Ok(Some(_)) => {
                read += 1;
                on_byte(read);
            }
            Ok(None) => return (read, None),
            Err(cut) => return (read, Some(cut)),
        }
    }
}

#[test]
fn a_raised_flag_stops_the_reader_before_its_first_byte() {
    let budget = Budget::new(None, Some(raised()));
    let mut metered = Metered::new("<p>text</p>", &budget);
    assert_eq!(metered.read_byte(), Err(Cut::Cancelled));
}

#[test]
fn a_flag_raised_midway_stops_the_reader_within_one_check() {
    let html = "a".repeat(1 << 20);
    let flag = Arc::new(AtomicBool::new(false));
    let budget = Budget::new(None, Some(flag.clone()));
    let mut metered = Metered::new(&html, &budget);
    let raise_at = 100_000;
    let (read, cut) = drain(&mut metered, |read| {
        if read == raise_at {
            flag.store(true, Ordering::Relaxed);
        }
    });
    assert_eq!(cut, Some(Cut::Cancelled));
    assert!(read > raise_at && read <= raise_at + CHECK_EVERY, "read {read}");
}

#[test]
fn an_unlimited_budget_counts_and_reads_every_byte() {
    let html = "é".repeat(100_000);
    let budget = Budget::unlimited();
    let mut metered = Metered::new(&html, &budget);
    let (read, cut) = drain(&mut metered, |_| {});
    assert_eq!((read, cut), (html.len(), None));
    assert_eq!(metered.read, html.len());
}

fn page() -> (Url, Target) {
    let url = Url::parse("https://blog.test/post").unwrap();
    (url, Target::parse("example.com").unwrap())
}

#[test]
fn a_cancelled_budget_stops_extraction_and_an_unlimited_one_changes_nothing() {
    let (url, target) = page();
    let html = format!(
        "<p><a href=\"https://example.com/\">Example</a></p>{}",
        "<div><span>deep</span>".repeat(50_000)
    );
    let options = ExtractOptions::default();
    let cancelled = Budget::new(None, Some(raised()));
    assert_eq!(
        extract_within(&html, &url, &target, &options, &cancelled).err(),
        Some(Cut::Cancelled)
    );
    let whole = extract_within(&html, &url, &target, &options, &Budget::unlimited()).unwrap();
    assert_eq!(whole, extract(&html, &url, &target, &options));
    assert_eq!(whole.links.len(), 1);
}

#[test]
fn a_spent_deadline_cuts_the_page_and_says_how_far_it_got() {
    let (url, target) = page();
    let html = "<div>".repeat(100_000);
    let spent = Budget::new(Some(Instant::now()), None);
    let cut = extract_within(&html, &url, &target, &ExtractOptions::default(), &spent).err();
    assert_eq!(cut, Some(Cut::TimedOut { read: 0 }));
}
