//! Greedy word wrapping by character count, for caption lines and slide text (drawtext
//! draws exactly the lines it is given).

/// Breaks `text` at spaces into lines of at most `width` characters; a word longer than
/// `width` gets a line of its own.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + 1 + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn breaks_at_the_last_space_that_fits() {
        assert_eq!(
            wrap("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn a_line_may_be_exactly_the_width() {
        assert_eq!(wrap("abcd efgh", 9), ["abcd efgh"]);
        assert_eq!(wrap("abcd efgh", 8), ["abcd", "efgh"]);
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(wrap("نجوم لامعة", 10), ["نجوم لامعة"]);
    }

    #[test]
    fn an_overlong_word_stands_alone() {
        assert_eq!(
            wrap("a supercalifragilistic b", 6),
            ["a", "supercalifragilistic", "b"]
        );
    }

    #[test]
    fn collapses_runs_of_spaces_and_ignores_empty_text() {
        assert_eq!(wrap("  one   two ", 20), ["one two"]);
        assert!(wrap("   ", 20).is_empty());
    }
}
