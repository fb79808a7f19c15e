use super::*;
use html5gum::Tokenizer;

/// What a sink was handed, one line per event.
#[derive(Default)]
struct Recorder {
    events: Vec<String>,
    /// Whether text is wanted, by how many tags have been seen: text after
    /// the `n`th tag is wanted when `n` is not in the list.
    unwanted_after: Vec<usize>,
    tags: usize,
}

impl Sink for Recorder {
    fn start_tag(&mut self, tag: StartTag<'_>, self_closing: bool) {
        let attributes: Vec<String> = tag.attrs().map(|(n, v)| format!(" {n}={v}")).collect();
        let close = if self_closing { "/" } else { "" };
        self.events
            .push(format!("<{}{}{close}>", tag.name(), attributes.concat()));
        self.tags += 1;
    }

    fn end_tag(&mut self, _: Element, name: &str) {
        self.events.push(format!("</{name}>"));
        self.tags += 1;
    }

    fn text(&mut self, text: &str) {
        self.events.push(format!("{text:?}"));
    }

    fn wants_text(&self) -> bool {
        !self.unwanted_after.contains(&self.tags)
    }
}

fn events(html: &str) -> Vec<String> {
    events_with(html, Vec::new())
}

fn events_with(html: &str, unwanted_after: Vec<usize>) -> Vec<String> {
    let mut recorder = Recorder {
        unwanted_after,
        ..Recorder::default()
    };
    let Ok(()) = Tokenizer::new_with_emitter(html, SinkEmitter::new(&mut recorder, html)).finish();
    recorder.events
}

#[test]
fn tags_and_text_come_whole_and_in_order() {
    assert_eq!(
        events("<!DOCTYPE html>a &amp; b<P CLASS=x Onclick=y>c<!-- note -->d</P><br/>"),
        ["\"a & b\"", "<p class=x>", "\"c\"", "\"d\"", "</p>", "<br/>",]
    );
}

#[test]
fn only_the_read_attributes_are_kept_the_first_of_a_name_winning() {
    assert_eq!(
        events("<a title='t' href=one rel=\"nofollow\" href=two hidden data-x=&lt;>"),
        ["<a href=one rel=nofollow hidden= data-x=<>"]
    );
}

#[test]
fn end_tags_drop_their_attributes() {
    assert_eq!(events("<b>x</b class=y>"), ["<b>", "\"x\"", "</b>"]);
}

#[test]
fn raw_text_ends_only_at_its_own_end_tag() {
    assert_eq!(
        events("<script>if (a</b) x = '<a href=y>';</script><title>a <i>b</i></title>"),
        [
            "<script>",
            "\"if (a</b) x = '<a href=y>';\"",
            "</script>",
            "<title>",
            "\"a <i>b</i>\"",
            "</title>",
        ]
    );
}

#[test]
fn text_is_dropped_while_the_sink_does_not_want_it() {
    // Not wanted after the first tag: "b" is dropped, "c" after the second is kept.
    assert_eq!(
        events_with("a<p>b</p>c", vec![1]),
        ["\"a\"", "<p>", "</p>", "\"c\""]
    );
}

#[test]
fn text_joins_the_page_s_own_bytes_and_decoded_ones_in_any_order() {
    assert_eq!(
        events("a&lt;b&gt;\r\nc\0d<p>&amp;x<p>y&amp;"),
        ["\"a<b>\\nc\\0d\"", "<p>", "\"&x\"", "<p>", "\"y&\""]
    );
}

#[test]
fn a_tag_cut_by_the_end_of_the_page_is_not_handed_over() {
    assert_eq!(events("text<a href=x"), ["\"text\""]);
}
