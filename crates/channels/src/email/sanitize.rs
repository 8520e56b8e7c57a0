//! Making a customer's HTML safe to show to an agent inside our app.
//!
//! ammonia parses the HTML like a browser and keeps only an allow-list:
//! scripts, styles sheets, forms, frames, event handlers and `javascript:`
//! URLs go. On top of its defaults: images load only from `cid:` (parts of
//! the same mail) or `https:` (so an `http:` image cannot downgrade the page);
//! relative URLs are dropped (a mail has no base to resolve them against);
//! inline styles keep only layout and typography properties, none of which
//! can load a URL.

use std::borrow::Cow;
use std::collections::HashSet;

use ammonia::{Builder, UrlRelative};

/// CSS properties mail layouts rely on and that cannot fetch anything.
const STYLE_PROPERTIES: &[&str] = &[
    "color",
    "background-color",
    "font",
    "font-family",
    "font-size",
    "font-style",
    "font-weight",
    "line-height",
    "text-align",
    "text-decoration",
    "text-indent",
    "text-transform",
    "vertical-align",
    "white-space",
    "letter-spacing",
    "margin",
    "margin-top",
    "margin-right",
    "margin-bottom",
    "margin-left",
    "padding",
    "padding-top",
    "padding-right",
    "padding-bottom",
    "padding-left",
    "border",
    "border-top",
    "border-right",
    "border-bottom",
    "border-left",
    "border-color",
    "border-style",
    "border-width",
    "border-collapse",
    "border-spacing",
    "border-radius",
    "width",
    "max-width",
    "min-width",
    "height",
    "max-height",
    "min-height",
    "display",
];

/// Attributes old-style mail tables use for layout.
const TABLE_ATTRIBUTES: &[&str] =
    &["align", "valign", "width", "height", "bgcolor", "border", "cellpadding", "cellspacing"];

const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "cid"];

/// Returns `html` with everything that could run code, leak the reader's
/// session or restyle our page removed.
pub fn sanitize_html(html: &str) -> String {
    let mut builder = Builder::default();
    builder
        .url_schemes(LINK_SCHEMES.iter().copied().collect())
        .url_relative(UrlRelative::Deny)
        .add_generic_attributes(["style"])
        .filter_style_properties(STYLE_PROPERTIES.iter().copied().collect::<HashSet<_>>())
        .add_tag_attributes("table", TABLE_ATTRIBUTES)
        .add_tag_attributes("td", TABLE_ATTRIBUTES)
        .add_tag_attributes("th", TABLE_ATTRIBUTES)
        .add_tag_attributes("tr", TABLE_ATTRIBUTES)
        .add_tag_attributes("font", ["color", "face", "size"])
        .add_tags(["font", "center"])
        .attribute_filter(|element, attribute, value| {
            if element == "img" && attribute == "src" && !image_source_allowed(value) {
                return None;
            }
            Some(Cow::Borrowed(value))
        });
    builder.clean(html).to_string()
}

/// Plain text of an HTML body, for the inbox preview and for channels that
/// cannot show HTML.
pub fn html_to_text(html: &str) -> String {
    mail_parser::decoders::html::html_to_text(html)
}

fn image_source_allowed(src: &str) -> bool {
    let src = src.trim_start().to_ascii_lowercase();
    src.starts_with("cid:") || src.starts_with("https:")
}
