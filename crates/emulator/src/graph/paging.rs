//! Collection responses: `value`, `@odata.count`, and `@odata.nextLink` with `$skip`
//! semantics — the link counts items already passed, so a reader that moves messages out of
//! the folder between pages skips some, exactly as with Exchange (graph-facts §3.3).

use serde_json::{Value, json};

use super::Op;

/// One page of `items`; only the items on the page are rendered (mailboxes in import tests
/// hold thousands of messages, and every page would otherwise render them all).
pub(super) fn page<T>(
    op: &Op<'_>,
    items: &[T],
    render: impl Fn(&T) -> Value,
    default_top: usize,
    context: &str,
) -> Value {
    let top = op.query.top.unwrap_or(default_top);
    let skip = op.query.skip;
    let total = items.len();
    let value: Vec<Value> = items.iter().skip(skip).take(top).map(render).collect();
    let mut body = json!({"@odata.context": context});
    if op.query.count {
        body["@odata.count"] = json!(total);
    }
    body["value"] = Value::Array(value);
    if skip + top < total {
        let mut link = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in &op.query.passthrough {
            link.append_pair(k, v);
        }
        // Like Graph's own links: the options as given (so the default page size applies
        // again), `$` encoded as `%24`.
        link.append_pair("$skip", &(skip + top).to_string());
        body["@odata.nextLink"] = json!(format!("{}?{}", op.url(), link.finish()));
    }
    body
}
