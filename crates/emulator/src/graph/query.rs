//! OData query options for mail: `$select`, `$top`, `$skip`, `$filter`, `$orderby`,
//! `$count`, and the Outlook rules that go with them.

use chrono::{DateTime, Utc};

use super::error::GraphError;

#[derive(Debug, Default, Clone)]
pub(crate) struct Query {
    pub select: Option<Vec<String>>,
    pub top: Option<usize>,
    pub skip: usize,
    pub filter: Option<Filter>,
    pub orderby: Vec<(String, bool)>,
    pub count: bool,
    /// `$expand=attachments`, the only expansion the emulator knows.
    pub expand_attachments: bool,
    pub include_hidden: bool,
    pub skiptoken: Option<String>,
    pub deltatoken: Option<String>,
    /// The options as given (minus `$skip`), to build `@odata.nextLink`.
    pub passthrough: Vec<(String, String)>,
}

/// `a and b and c` or `a or b` (Outlook allows no mixing without parentheses here).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Filter {
    pub clauses: Vec<Clause>,
    pub any: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Clause {
    /// Property path, lower-case (`isread`, `from/emailaddress/address`).
    pub property: String,
    pub op: Op,
    pub value: Literal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Literal {
    Bool(bool),
    Text(String),
    Time(DateTime<Utc>),
}

pub(super) fn invalid_filter() -> GraphError {
    GraphError::bad_request(
        "ErrorInvalidUrlQueryFilter",
        "The query filter contains one or more invalid nodes.",
    )
}

impl Filter {
    /// Combines the clauses with `and` or `or`; `test` decides one clause (or rejects it).
    pub(crate) fn evaluate(
        &self,
        mut test: impl FnMut(&Clause) -> Result<bool, GraphError>,
    ) -> Result<bool, GraphError> {
        let mut results = self.clauses.iter().map(&mut test);
        if self.any {
            results.try_fold(false, |acc, r| r.map(|r| acc || r))
        } else {
            results.try_fold(true, |acc, r| r.map(|r| acc && r))
        }
    }
}

impl Query {
    pub(crate) fn parse(raw: Option<&str>) -> Result<Query, GraphError> {
        let mut query = Query::default();
        for (key, value) in url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            let name = key.to_ascii_lowercase();
            if name != "$skip" && name != "$skiptoken" && name != "$deltatoken" {
                query.passthrough.push((key.to_string(), value.to_string()));
            }
            match name.as_str() {
                "$select" => {
                    query.select = Some(value.split(',').map(|s| s.trim().to_owned()).collect())
                }
                "$top" => {
                    query.top = Some(
                        value
                            .parse::<usize>()
                            .ok()
                            .filter(|t| (1..=1000).contains(t))
                            .ok_or_else(|| {
                                GraphError::bad_request(
                                    "ErrorInvalidUrlQuery",
                                    format!(
                                        "The value '{value}' of $top is not valid; use 1 to 1000."
                                    ),
                                )
                            })?,
                    )
                }
                "$skip" => {
                    query.skip = value.parse().map_err(|_| {
                        GraphError::bad_request(
                            "ErrorInvalidUrlQuery",
                            format!("The value '{value}' of $skip is not valid."),
                        )
                    })?
                }
                "$filter" => query.filter = Some(parse_filter(&value)?),
                "$orderby" => query.orderby = parse_orderby(&value)?,
                "$count" => query.count = value.eq_ignore_ascii_case("true"),
                "$expand" if value.trim().eq_ignore_ascii_case("attachments") => {
                    query.expand_attachments = true
                }
                "includehiddenfolders" => query.include_hidden = value.eq_ignore_ascii_case("true"),
                "$skiptoken" => query.skiptoken = Some(value.into_owned()),
                "$deltatoken" => query.deltatoken = Some(value.into_owned()),
                // Ignoring an option would hand the client unfiltered data and a passing
                // test; refusing it makes the gap in the emulator visible.
                other if other.starts_with('$') => {
                    return Err(GraphError::bad_request(
                        "BadRequest",
                        format!(
                            "The query option '{key}' is not supported by the mailconn emulator."
                        ),
                    ));
                }
                _ => {}
            }
        }
        Ok(query)
    }

    /// Outlook's rule (graph-facts §3.3): `$orderby` properties must lead the `$filter`, in
    /// the same order, or the request fails with `InefficientFilter`.
    pub(crate) fn check_sort_rule(&self) -> Result<(), GraphError> {
        let Some(filter) = &self.filter else {
            return Ok(());
        };
        let mut filtered: Vec<&str> = Vec::new();
        for clause in &filter.clauses {
            if filtered.last() != Some(&clause.property.as_str()) {
                filtered.push(&clause.property);
            }
        }
        let leads = self
            .orderby
            .iter()
            .enumerate()
            .all(|(i, (p, _))| filtered.get(i) == Some(&p.as_str()));
        if leads {
            Ok(())
        } else {
            Err(GraphError::bad_request(
                "InefficientFilter",
                "The restriction or sort order is too complex for this operation.",
            ))
        }
    }
}

fn parse_orderby(raw: &str) -> Result<Vec<(String, bool)>, GraphError> {
    raw.split(',')
        .map(|item| {
            let mut words = item.split_whitespace();
            let property = words
                .next()
                .ok_or_else(invalid_orderby)?
                .to_ascii_lowercase();
            let descending = match words.next().map(str::to_ascii_lowercase).as_deref() {
                None | Some("asc") => false,
                Some("desc") => true,
                Some(_) => return Err(invalid_orderby()),
            };
            Ok((property, descending))
        })
        .collect()
}

fn invalid_orderby() -> GraphError {
    GraphError::bad_request("BadRequest", "Invalid $orderby expression.")
}

/// Splits on ` and ` / ` or ` outside quotes.
fn split_clauses(raw: &str) -> Result<(Vec<String>, bool), GraphError> {
    let mut clauses = Vec::new();
    let mut current = String::new();
    let mut in_quote = false;
    let (mut saw_and, mut saw_or) = (false, false);
    let words: Vec<&str> = raw.split(' ').collect();
    for word in words {
        let quotes = word.matches('\'').count();
        let lower = word.to_ascii_lowercase();
        if !in_quote && (lower == "and" || lower == "or") {
            saw_and |= lower == "and";
            saw_or |= lower == "or";
            clauses.push(std::mem::take(&mut current));
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        if quotes % 2 == 1 {
            in_quote = !in_quote;
        }
    }
    clauses.push(current);
    if saw_and && saw_or || in_quote {
        return Err(invalid_filter());
    }
    Ok((clauses, saw_or))
}

pub(super) fn parse_filter(raw: &str) -> Result<Filter, GraphError> {
    let (parts, any) = split_clauses(raw.trim())?;
    let clauses = parts
        .iter()
        .map(|part| {
            let part = part.trim();
            let (property, rest) = part.split_once(' ').ok_or_else(invalid_filter)?;
            let (op, value) = rest.trim().split_once(' ').ok_or_else(invalid_filter)?;
            let op = match op.to_ascii_lowercase().as_str() {
                "eq" => Op::Eq,
                "ne" => Op::Ne,
                "gt" => Op::Gt,
                "ge" => Op::Ge,
                "lt" => Op::Lt,
                "le" => Op::Le,
                _ => return Err(invalid_filter()),
            };
            Ok(Clause {
                property: property.to_ascii_lowercase(),
                op,
                value: parse_literal(value.trim())?,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Filter { clauses, any })
}

fn parse_literal(text: &str) -> Result<Literal, GraphError> {
    if let Some(inner) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        return Ok(Literal::Text(inner.replace("''", "'")));
    }
    // OData's ABNF literals are case-insensitive, and Graph takes `isRead eq False`.
    match text.to_ascii_lowercase().as_str() {
        "true" => Ok(Literal::Bool(true)),
        "false" => Ok(Literal::Bool(false)),
        _ => DateTime::parse_from_rfc3339(text)
            .map(|t| Literal::Time(t.with_timezone(&Utc)))
            .or_else(|_| {
                chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map(|d| {
                    Literal::Time(d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc())
                })
            })
            .map_err(|_| invalid_filter()),
    }
}

impl Op {
    pub(crate) fn holds<T: PartialOrd>(self, left: &T, right: &T) -> bool {
        match self {
            Op::Eq => left == right,
            Op::Ne => left != right,
            Op::Gt => left > right,
            Op::Ge => left >= right,
            Op::Lt => left < right,
            Op::Le => left <= right,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_with_quotes_and_dates() {
        let f = parse_filter("displayName eq 'Let''s and go' or displayName eq 'B'").unwrap();
        assert!(f.any);
        assert_eq!(f.clauses[0].value, Literal::Text("Let's and go".into()));
        let f =
            parse_filter("receivedDateTime ge 2026-09-01T00:00:00Z and isRead eq false").unwrap();
        assert_eq!(f.clauses[1].value, Literal::Bool(false));
        assert!(matches!(f.clauses[0].value, Literal::Time(_)));
        assert!(parse_filter("displayName in ('a','b')").is_err());
        assert!(parse_filter("a eq 1 and b eq 2 or c eq 3").is_err());
    }

    #[test]
    fn orderby_must_lead_the_filter() {
        let ok = Query::parse(Some(
            "$filter=receivedDateTime ge 2026-01-01&$orderby=receivedDateTime desc",
        ))
        .unwrap();
        ok.check_sort_rule().unwrap();
        let bad = Query::parse(Some(
            "$filter=isRead eq false&$orderby=receivedDateTime desc",
        ))
        .unwrap();
        assert_eq!(bad.check_sort_rule().unwrap_err().code, "InefficientFilter");
        assert!(Query::parse(Some("$top=1001")).is_err());
        assert!(Query::parse(Some("$top=0")).is_err());
        assert!(Query::parse(Some("$search=\"printer\"")).is_err());
    }
}
