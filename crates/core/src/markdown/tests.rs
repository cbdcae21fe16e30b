use super::*;

fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

#[test]
fn headings_paragraphs_and_emphasis() {
    let blocks = parse("# Stars\n\nThey *shine* and **burn**.");
    assert_eq!(
        blocks,
        vec![
            Block::Heading {
                level: 1,
                content: vec![text("Stars")]
            },
            Block::Paragraph(vec![
                text("They "),
                Inline::Emphasis(vec![text("shine")]),
                text(" and "),
                Inline::Strong(vec![text("burn")]),
                text("."),
            ]),
        ]
    );
}

#[test]
fn raw_html_stays_literal_text() {
    let blocks = parse("<script>alert(1)</script>\n\nHi <b onclick=x>there</b>");
    let all: String = blocks.iter().map(plain_text_of_block).collect();
    assert!(all.contains("<script>alert(1)</script>"), "{all}");
    assert!(all.contains("<b onclick=x>"), "{all}");
}

#[test]
fn unsafe_links_lose_their_href_but_keep_text() {
    let blocks =
        parse("[click](javascript:alert(1)) [ok](https://example.org) [mail](mailto:a@b.c)");
    let Block::Paragraph(inlines) = &blocks[0] else {
        panic!("{blocks:?}")
    };
    let hrefs: Vec<Option<String>> = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Link { href, .. } => Some(href.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        hrefs,
        vec![
            None,
            Some("https://example.org".into()),
            Some("mailto:a@b.c".into())
        ]
    );
    assert_eq!(plain_text(inlines), "click ok mail");
}

#[test]
fn lists_code_and_quotes() {
    let blocks = parse("1. one\n2. two\n\n> quoted\n\n```rust\nfn main() {}\n```\n\n---");
    assert_eq!(
        blocks,
        vec![
            Block::List {
                start: Some(1),
                items: vec![
                    vec![Block::Paragraph(vec![text("one")])],
                    vec![Block::Paragraph(vec![text("two")])]
                ]
            },
            Block::Quote(vec![Block::Paragraph(vec![text("quoted")])]),
            Block::Code {
                language: Some("rust".into()),
                text: "fn main() {}\n".into()
            },
            Block::Rule,
        ]
    );
}

#[test]
fn images_need_safe_sources() {
    let blocks = parse("![a *star*](/media/star.png) ![x](data:image/png;base64,AA)");
    let Block::Paragraph(inlines) = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert_eq!(
        inlines[0],
        Inline::Image {
            src: Some("/media/star.png".into()),
            alt: "a star".into()
        }
    );
    assert_eq!(
        inlines[2],
        Inline::Image {
            src: None,
            alt: "x".into()
        }
    );
}

proptest::proptest! {
    #[test]
    fn never_panics(source in "\\PC{0,400}") {
        let _ = parse(&source);
    }

    #[test]
    fn never_panics_on_markdown_soup(parts in proptest::collection::vec(
        proptest::sample::select(vec!["# ", "*", "**", "`", "```\n", "> ", "- ", "1. ", "[", "](", ")", "!", "<b>", "\n", "\n\n", "x", "    ", "~~", "| a |"]), 0..80)) {
        let _ = parse(&parts.concat());
    }
}
