//! The few HTML pages a person sees (sign-in, device code): deliberately minimal.

use axum::response::Html;

pub(super) fn render(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{t}</title></head>\
<body><h1>{t}</h1>{body}<p><small>mailconn Microsoft 365 emulator</small></p></body></html>",
        t = escape(title)
    ))
}

pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
