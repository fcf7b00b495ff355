//! Fixes in HTML articles: the rules write their replacements as text (and closing sections as
//! Markdown paragraphs), so in an HTML file a replacement is escaped, a paragraph appended at
//! the end becomes a `<p>` before `</body>`, and a fix whose span would swallow a tag is
//! dropped: `fix` replaces words and keeps the markup.

use crate::model::source::Span;

/// The edit to make in HTML `text` for a fix of `span` with `replacement` (by rule `rule`), or
/// `None` when it cannot be made without breaking markup.
pub fn adapt(text: &str, span: Span, replacement: &str, rule: &str) -> Option<(Span, String)> {
    // Removing a stale suppression edits an HTML comment, which is markup of its own.
    if rule.starts_with("suppression/") {
        return Some((span, replacement.to_string()));
    }
    let current = text.get(span.range())?;
    if span.end == text.len() && replacement.contains(['\n', '\r']) {
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let paragraphs: Vec<String> = replacement
            .replace("\r\n", "\n")
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| format!("<p>{}</p>{eol}", escape(p)))
            .collect();
        let at = text
            .to_ascii_lowercase()
            .rfind("</body>")
            .unwrap_or(text.len());
        return Some((Span::new(at, at), paragraphs.concat()));
    }
    if current.contains(['<', '>']) {
        return None;
    }
    Some((span, escape(replacement)))
}

/// Text as HTML character data.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacements_are_escaped_and_never_cross_tags() {
        let text = "<p>He committed <em>suicide</em> &amp; a b</p>";
        let at = text.find("a b").unwrap();
        assert_eq!(
            adapt(text, Span::new(at, at + 3), "a & <b>", "x/y"),
            Some((Span::new(at, at + 3), "a &amp; &lt;b&gt;".into()))
        );
        let from = text.find("committed").unwrap();
        let to = text.find("</em>").unwrap() + 5;
        assert_eq!(
            adapt(text, Span::new(from, to), "died by suicide", "x/y"),
            None
        );
    }

    #[test]
    fn a_closing_section_goes_before_the_body_ends() {
        let text = "<html><body>\n<p>Text.</p>\n</body></html>\n";
        let (span, replacement) = adapt(
            text,
            Span::new(text.len(), text.len()),
            "\nIf you need help, call 988.\n\nOr text HOME to 741741.\n",
            "safety/help-seeking",
        )
        .unwrap();
        let at = text.find("</body>").unwrap();
        assert_eq!(span, Span::new(at, at));
        assert_eq!(
            replacement,
            "<p>If you need help, call 988.</p>\n<p>Or text HOME to 741741.</p>\n"
        );
    }
}
