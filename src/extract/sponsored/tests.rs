use super::*;

fn in_title(title: &str) -> bool {
    discloses(Some(title), &DisclosureText::default())
}

fn marked(text: &str) -> bool {
    let text = DisclosureText {
        marked: text.to_string(),
        ..DisclosureText::default()
    };
    discloses(None, &text)
}

fn article_top(text: &str) -> bool {
    let text = DisclosureText {
        article_top: text.to_string(),
        ..DisclosureText::default()
    };
    discloses(None, &text)
}

fn body_top(text: &str) -> bool {
    let text = DisclosureText {
        body_top: text.to_string(),
        ..DisclosureText::default()
    };
    discloses(None, &text)
}

#[test]
fn phrases_disclose_in_every_language() {
    for text in [
        "Sponsored post: our favourite tools",
        "This is a SPONSORED ARTICLE.",
        "Advertorial",
        "Written in partnership with Acme.",
        "Paid partnership with Acme",
        "Great tools #ad",
        "#Sponsored",
        "This post contains affiliate links.",
        "Gesponserter Beitrag",
        "Dieser Artikel enthält Werbung für Acme",
        "Contenu sponsorisé",
        "Contenido patrocinado por Acme",
        "Articolo sponsorizzato",
        "Conteúdo patrocinado",
        "Betaalde samenwerking met Acme",
    ] {
        assert!(article_top(text), "{text}");
        assert!(body_top(text), "{text}");
        assert!(marked(text), "{text}");
    }
}

#[test]
fn everyday_uses_of_the_words_do_not_disclose() {
    for text in [
        "The unsponsored edition",
        "State-sponsored hackers attacked the grid.",
        "The conference is sponsored by the city.",
        "Werbung ist ein großes Thema in der Branche.",
        "Eine Anzeige bei der Polizei",
        "New #adidas shoes",
        "See example.com/#ad for details",
        "How affiliate links work, explained",
        "Our sponsors make this possible",
        "paid postage",
    ] {
        assert!(!article_top(text), "{text}");
        assert!(!body_top(text), "{text}");
    }
}

#[test]
fn affiliate_links_disclose_only_in_a_marked_area() {
    assert!(marked("Disclosure: some links are affiliate links."));
    assert!(!article_top("Disclosure: some links are affiliate links."));
}

#[test]
fn negations_win() {
    assert!(!article_top("Not sponsored. Advertorial? No."));
    assert!(!marked("Werbung (unbezahlt)"));
    assert!(!body_top("Unbezahlte Werbung – in Kooperation mit niemandem"));
    assert!(!in_title("Not sponsored | Sponsored post review"));
}

#[test]
fn title_labels_count_as_whole_segments() {
    assert!(in_title("Anzeige: Die besten Gartengeräte"));
    assert!(in_title("Best garden tools | Sponsored"));
    assert!(in_title("Best garden tools - Werbung"));
    assert!(in_title("[Publicité] Les meilleurs outils"));
    assert!(in_title("Sponsored post: tools"));
    assert!(!in_title("Government sponsored research grows"));
    assert!(!in_title("Werbung im Netz: ein Überblick"));
    assert!(!in_title("Advertising | Our rates"));
}

#[test]
fn labels_are_whole_text_nodes() {
    for text in [
        "Sponsored",
        " Anzeige ",
        "WERBUNG:",
        "[Publicité]",
        "— Patrocinado —",
        "Pubblicità",
        "#Sponsored",
    ] {
        assert!(is_label(text), "{text:?}");
    }
    for text in [
        "Sponsored by Acme",
        "Advertisement",
        "Ad",
        "Anzeigen",
        "",
        "   ",
        "sponsoredx",
    ] {
        assert!(!is_label(text), "{text:?}");
    }
}

#[test]
fn a_label_seen_by_the_walk_discloses() {
    let text = DisclosureText {
        label: true,
        ..DisclosureText::default()
    };
    assert!(discloses(None, &text));
    assert!(!discloses(None, &DisclosureText::default()));
}
