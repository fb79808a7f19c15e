use super::*;

fn url(s: &str) -> Url {
    Url::parse(s).expect("test URL parses")
}

fn in_text(text: &str) -> Vec<String> {
    find(None, Some(&url("https://example.org/")), text, &[])
}

#[test]
fn built_in_terms_are_lowercase_trimmed_and_unique() {
    let mut seen = BTreeSet::new();
    for term in BUILT_IN {
        assert_eq!(*term, term.to_lowercase(), "{term}");
        assert_eq!(*term, term.trim(), "{term}");
        assert!(seen.insert(term), "{term} twice");
    }
}

#[test]
fn ambiguous_words_are_not_terms_on_their_own() {
    for word in [
        "bet",
        "betting",
        "poker",
        "pills",
        "loan",
        "loans",
        "adult",
        "escort",
        "xxx",
        "slots",
        "slot machine",
    ] {
        assert!(!BUILT_IN.contains(&word), "{word}");
        assert!(in_text(&format!("We are {word} on it.")).is_empty(), "{word}");
    }
}

#[test]
fn terms_in_text_title_and_url_are_found_sorted() {
    assert_eq!(
        in_text("Cheap VIAGRA and Payday Loans!"),
        ["payday loans", "viagra"]
    );
    assert_eq!(
        find(
            Some("Top Online Casino"),
            Some(&url("https://example.org/")),
            "",
            &[]
        ),
        ["casino", "online casino"]
    );
    assert_eq!(
        find(
            None,
            Some(&url("https://example.org/best-replica-watches/")),
            "",
            &[]
        ),
        ["replica watches"]
    );
    assert_eq!(
        find(
            None,
            Some(&url("https://example.org/p?q=buy%20followers")),
            "",
            &[]
        ),
        ["buy followers"]
    );
    assert_eq!(
        find(None, Some(&url("https://cialis.example/")), "", &[]),
        ["cialis"]
    );
}

#[test]
fn other_languages_match_in_any_case() {
    assert_eq!(in_text("Die besten SPORTWETTEN"), ["sportwetten"]);
    assert_eq!(in_text("MACHINES À SOUS gratuites"), ["machines à sous"]);
    assert_eq!(in_text("il miglior Casinò"), ["casinò"]);
    assert_eq!(in_text("Online gokken in Nederland"), ["online gokken"]);
}

#[test]
fn terms_inside_longer_words_do_not_match() {
    assert!(in_text("Pornography laws, a casinoesque décor, viagrafalls, a poker hand").is_empty());
    assert!(find(None, Some(&url("https://example.org/mycasinoblog")), "", &[]).is_empty());
}

#[test]
fn extra_terms_are_normalised_and_added() {
    let extra = vec!["  Crypto Signals ".to_string(), String::new()];
    assert_eq!(
        find(
            None,
            Some(&url("https://example.org/")),
            "Join our crypto signals group",
            &extra
        ),
        ["crypto signals"]
    );
    assert!(find(None, Some(&url("https://example.org/")), "cryptosignals", &extra).is_empty());
}

#[test]
fn a_new_extra_list_replaces_the_cached_one() {
    let url = url("https://example.org/");
    let first = vec!["alpha term".to_string()];
    let second = vec!["beta term".to_string()];
    let text = "alpha term and beta term";
    assert_eq!(find(None, Some(&url), text, &first), ["alpha term"]);
    assert_eq!(find(None, Some(&url), text, &second), ["beta term"]);
    assert_eq!(find(None, Some(&url), text, &first), ["alpha term"]);
}

#[test]
fn clean_text_has_no_terms() {
    let text = "A release of the tool adds anchors, sponsors and a new loan calculator example.";
    assert!(in_text(text).is_empty());
}

#[test]
fn percent_decoding_keeps_bad_escapes() {
    assert_eq!(percent_decode("a%20b%zz%4"), "a b%zz%4");
    assert_eq!(percent_decode("caf%C3%A9"), "café");
}
