//! Asking for a missing value: a prompt when interactive, otherwise an error that names the
//! flag to pass. Prompts go to stderr, so stdout stays clean for data.

use std::str::FromStr;

use dialoguer::theme::ColorfulTheme;

use super::Context;

use crate::error::{Classify as _, ErrorKind, Failure, Result, UserError};

/// Returns `given`, or asks for a value validated by `T::from_str`.
pub fn text<T: FromStr<Err = String>>(
    ctx: &Context,
    given: Option<T>,
    flag: &str,
    question: &str,
    default: Option<&str>,
) -> Result<Option<T>> {
    if let Some(value) = given {
        return Ok(Some(value));
    }
    if !ctx.interactive {
        return match default {
            Some(_) => Ok(None),
            None => Err(missing(flag).into()),
        };
    }
    let theme = ColorfulTheme::default();
    let mut input = dialoguer::Input::<String>::with_theme(&theme)
        .with_prompt(question)
        .validate_with(|raw: &String| raw.trim().parse::<T>().map(|_| ()));
    if let Some(default) = default {
        input = input.default(default.to_owned());
    }
    let answer = input.interact_text().classify(ErrorKind::Failed)?;
    Ok(Some(answer.trim().parse().map_err(|e| {
        Failure::new(ErrorKind::Failed, anyhow::Error::msg(e))
    })?))
}

/// Returns `given`, or lets the user pick from `choices` (the first is the default). Without
/// a terminal the default is taken: choices always have a sensible one.
pub fn choose<T: Copy>(
    ctx: &Context,
    given: Option<T>,
    question: &str,
    choices: &[(T, &str)],
) -> Result<T> {
    if let Some(value) = given {
        return Ok(value);
    }
    if !ctx.interactive {
        return Ok(choices[0].0);
    }
    let labels: Vec<&str> = choices.iter().map(|(_, label)| *label).collect();
    let picked = dialoguer::Select::with_theme(&ColorfulTheme::default())
        .with_prompt(question)
        .items(&labels)
        .default(0)
        .interact()
        .classify(ErrorKind::Failed)?;
    Ok(choices[picked].0)
}

fn missing(flag: &str) -> UserError {
    UserError::new(ErrorKind::Usage, format!("missing {flag}")).with_hint(format!(
        "pass {flag} (prompts are off: --no-input, MAILCONN_NO_INPUT, or no terminal)"
    ))
}
