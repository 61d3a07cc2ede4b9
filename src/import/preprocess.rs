//! Preprocess: cut quoted history, signatures and disclaimers off a message's text so the
//! ticket shows what the sender wrote this time. The full original stays on the message.
//!
//! Rules are data: an ordered list of named patterns, each cutting the text from the start of
//! its first match to the end. The rules file's own patterns run first (they know the local
//! disclaimer), then the built-ins, any of which can be switched off by name.

use regex::Regex;
use serde::Serialize;

/// One strip rule: cut everything from the first match on.
#[derive(Debug, Clone)]
pub struct StripRule {
    pub name: String,
    pattern: Regex,
}

impl StripRule {
    pub fn new(name: impl Into<String>, pattern: &str) -> Result<StripRule, regex::Error> {
        Ok(StripRule {
            name: name.into(),
            // Multi-line so `^` and `$` mean line starts and ends, as in a mail body.
            pattern: regex::RegexBuilder::new(pattern).multi_line(true).build()?,
        })
    }
}

/// The built-in rules, in the order they run, as (name, pattern). Each names the client that
/// writes the marker, so a user who sees a wrong cut in `--explain` knows which to disable.
pub const BUILTIN_RULES: &[(&str, &str)] = &[
    // Outlook desktop and web put a rule of underscores (web) or nothing (desktop) and then a
    // From:/Sent: header block above the quoted mail, in the sender's language.
    (
        "outlook-header",
        r"^(?:_{10,}[ \t]*\n)?(?:\*?(?:From|Von|De|Da|Van)\s?:\*?[ \t].*\n\*?(?:Sent|Date|Gesendet|Envoyé|Inviato|Verzonden)\s?:\*?[ \t])",
    ),
    (
        "outlook-original-message",
        r"^-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}",
    ),
    // Apple Mail: "On 3 Nov 2026, at 10:00, Ann <a@example.com> wrote:".
    (
        "apple-mail-on-wrote",
        r"^On .{1,120}, at \d{1,2}[:.]\d{2}.{0,200}wrote:[ \t]*$",
    ),
    // Gmail and Thunderbird: "On Tue, Nov 3, 2026 at 10:00 AM Ann <a@example.com> wrote:",
    // possibly wrapped onto a second line before "wrote:".
    (
        "gmail-on-wrote",
        r"^(?:On|Am|Le|El) [^\n]{1,200}(?:\n[^\n]{0,100})?(?:wrote|schrieb|a écrit|escribió)\s?:[ \t]*$",
    ),
    (
        "thunderbird-original-message",
        r"^-{8} Original Message -{8}",
    ),
    // A trailing block of "> " lines (quoted reply at the bottom).
    ("quote-marks", r"^>.*(?:\n(?:>.*|[ \t]*))*\z"),
    (
        "mobile-sent-from",
        r"^(?:Sent from my \w.*|Get Outlook for (?:iOS|Android)|Sent from Mail for Windows.*|Von meinem \w+ gesendet|Envoyé de mon \w+)[ \t]*$",
    ),
    // RFC 3676 signature separator: dash, dash, space.
    ("signature-dashes", r"^-- $"),
    (
        "disclaimer",
        r"^(?:CONFIDENTIALITY NOTICE|DISCLAIMER|This (?:e-?mail|message) (?:and any (?:files|attachments) )?(?:transmitted with it )?(?:is|are|may be) (?:confidential|intended))",
    ),
];

/// The ordered rules in force.
#[derive(Debug, Clone)]
pub struct Preprocessor {
    rules: Vec<StripRule>,
}

/// The stripped text and which rules cut it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stripped {
    pub text: String,
    pub applied: Vec<String>,
}

impl Preprocessor {
    /// `custom` rules run first, then every built-in whose name is not in `disabled`.
    pub fn new(custom: Vec<StripRule>, disabled: &[String]) -> Preprocessor {
        let builtins = BUILTIN_RULES
            .iter()
            .filter(|(name, _)| !disabled.iter().any(|d| d == name))
            .map(|(name, pattern)| {
                StripRule::new(*name, pattern).expect("built-in patterns are tested to compile")
            });
        Preprocessor {
            rules: custom.into_iter().chain(builtins).collect(),
        }
    }

    pub fn rule_names(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.name.as_str())
    }

    pub fn strip(&self, text: &str) -> Stripped {
        let mut current = text.replace("\r\n", "\n");
        let mut applied = Vec::new();
        for rule in &self.rules {
            let Some(found) = rule.pattern.find(&current) else {
                continue;
            };
            let kept = current[..found.start()].trim_end();
            // A mail that is nothing but a forward or a quote must not become empty: the cut
            // would lose the only content there is.
            if kept.is_empty() {
                continue;
            }
            current = kept.to_owned();
            applied.push(rule.name.clone());
        }
        Stripped {
            text: current,
            applied,
        }
    }
}

impl Default for Preprocessor {
    fn default() -> Preprocessor {
        Preprocessor::new(Vec::new(), &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(text: &str) -> Stripped {
        Preprocessor::default().strip(text)
    }

    #[test]
    fn every_builtin_compiles() {
        assert_eq!(
            Preprocessor::default().rule_names().count(),
            BUILTIN_RULES.len()
        );
    }

    #[test]
    fn outlook_desktop_and_web_replies_lose_the_quoted_mail() {
        let desktop = "Thanks, that fixed it.\r\n\r\nFrom: Support <support@contoso.com>\r\nSent: Tuesday, November 3, 2026 10:00 AM\r\nTo: Ann\r\nSubject: RE: [#12] printer\r\n\r\nPlease restart it.";
        let s = strip(desktop);
        assert_eq!(s.text, "Thanks, that fixed it.");
        assert_eq!(s.applied, ["outlook-header"]);

        let web = "Works now\n\n________________________________\nFrom: Support <support@contoso.com>\nSent: 03 November 2026 10:00\nTo: Ann\n\nold text";
        assert_eq!(strip(web).text, "Works now");

        let german = "Danke\n\nVon: Support <support@contoso.com>\nGesendet: Dienstag, 3. November 2026 10:00\nAn: Ann";
        assert_eq!(strip(german).text, "Danke");
    }

    #[test]
    fn gmail_apple_and_thunderbird_attributions_cut_the_quote() {
        let gmail = "Yes please.\n\nOn Tue, Nov 3, 2026 at 10:00 AM Support <support@contoso.com>\nwrote:\n> Shall we?\n";
        let s = strip(gmail);
        assert_eq!(s.text, "Yes please.");
        assert_eq!(s.applied, ["gmail-on-wrote"]);

        let apple =
            "Done.\n\nOn 3 Nov 2026, at 10:00, Support <support@contoso.com> wrote:\n\n> old";
        assert_eq!(strip(apple).applied, ["apple-mail-on-wrote"]);

        let thunderbird = "Ok\n\n-------- Original Message --------\nSubject: x";
        assert_eq!(strip(thunderbird).text, "Ok");
    }

    #[test]
    fn signatures_and_mobile_footers_go() {
        assert_eq!(
            strip("Broken again.\n\nSent from my iPhone").text,
            "Broken again."
        );
        assert_eq!(strip("Hi\n-- \nAnn Example\nACME").text, "Hi");
        assert_eq!(strip("Hi\n\nGet Outlook for Android").text, "Hi");
    }

    #[test]
    fn a_mail_that_is_only_a_forward_keeps_its_content() {
        let forward = "From: Boss <boss@contoso.com>\nSent: Monday\nTo: me\n\nplease handle";
        let s = strip(forward);
        assert_eq!(s.text, forward);
        assert!(s.applied.is_empty());
    }

    #[test]
    fn interleaved_quotes_in_the_middle_stay() {
        let text = "> Is it on?\nYes it is.\n> And the cable?\nAlso plugged in.";
        assert_eq!(strip(text).text, text);
    }

    #[test]
    fn custom_rules_run_first_and_builtins_can_be_disabled() {
        let custom = StripRule::new("acme-disclaimer", r"^ACME Corp\. registered in").unwrap();
        let p = Preprocessor::new(vec![custom], &["mobile-sent-from".to_owned()]);
        let s = p.strip("Help!\n\nSent from my iPhone\n\nACME Corp. registered in Ruritania");
        assert_eq!(s.text, "Help!\n\nSent from my iPhone");
        assert_eq!(s.applied, ["acme-disclaimer"]);
    }
}
