//! The template helpers: Vietnamese dates, times, numbers and case, document numbers.
//!
//! Each helper returns plain text, which Handlebars then escapes like any other value.

use std::str::FromStr;

use handlebars::{
    Context, Handlebars, Helper, HelperDef, RenderContext, RenderError, RenderErrorReason,
    ScopedJson,
};
use serde_json::Value;

use crate::vi::{self, Date, NumberWordsOptions, Time};

/// Formatting choices the spec leaves open (SPEC §9); the defaults are the spec's.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormatOptions {
    /// Write "Số:" instead of "Số" before the number. Default: false (36-HD samples).
    pub colon_after_so: bool,
    /// Write times "7h30" instead of "7h30’". Default: false.
    pub plain_times: bool,
    /// Number words (dialect, "tư"/"bốn"). Default: Northern, "tư".
    pub number_words: NumberWordsOptions,
}

type HelperFn = fn(&[&Value], &FormatOptions) -> Result<String, String>;

/// Arity of a helper that takes any number of arguments.
const VARIADIC: usize = usize::MAX;

struct Simple {
    name: &'static str,
    arity: usize,
    f: HelperFn,
    options: FormatOptions,
}

impl HelperDef for Simple {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let params: Vec<&Value> = h.params().iter().map(|p| p.value()).collect();
        if self.arity != VARIADIC && params.len() != self.arity {
            return Err(RenderErrorReason::Other(format!(
                "helper `{}` takes {} argument(s), got {}",
                self.name,
                self.arity,
                params.len()
            ))
            .into());
        }
        (self.f)(&params, &self.options)
            .map(|s| ScopedJson::Derived(Value::String(s)))
            .map_err(|msg| RenderErrorReason::Other(format!("{}: {msg}", self.name)).into())
    }
}

fn text(v: &Value) -> Result<&str, String> {
    v.as_str()
        .ok_or_else(|| format!("expected text, found {}", short(v)))
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

fn date(v: &Value) -> Result<Date, String> {
    Date::from_str(text(v)?).map_err(|e| e.to_string())
}

fn time(v: &Value) -> Result<Time, String> {
    Time::from_str(text(v)?).map_err(|e| e.to_string())
}

fn number(v: &Value) -> Result<u64, String> {
    v.as_u64()
        .ok_or_else(|| format!("expected a whole number ≥ 0, found {}", short(v)))
}

const HELPERS: &[(&str, usize, HelperFn)] = &[
    ("upper", 1, |p, _| Ok(vi::upper(text(p[0])?))),
    // A sentence of the record's, ended with `mark` in place of its own full stop (or comma,
    // semicolon): `{{ends note @root.format.body_end}}` closes a paper's body on the user's
    // last line with "./." and never "../.".
    ("ends", 2, |p, _| {
        let sentence = text(p[0])?.trim_end();
        let mark = text(p[1])?;
        Ok(format!("{}{mark}", sentence.trim_end_matches(['.', ',', ';'])))
    }),
    ("date_long", 1, |p, _| Ok(date(p[0])?.long())),
    ("date_short", 1, |p, _| Ok(date(p[0])?.short())),
    ("weekday", 1, |p, _| {
        Ok(date(p[0])?.weekday().name().to_string())
    }),
    ("time", 1, |p, o| {
        let t = time(p[0])?;
        Ok(if o.plain_times {
            t.compact_plain()
        } else {
            t.compact()
        })
    }),
    ("time_prose", 1, |p, _| Ok(time(p[0])?.prose())),
    ("doc_number", VARIADIC, |p, o| {
        let n = *p.first().ok_or("takes the number and, optionally, the colon setting")?;
        let seq = n.get("seq").and_then(Value::as_u64).ok_or("missing seq")?;
        let t = n
            .get("type_code")
            .and_then(Value::as_str)
            .ok_or("missing type_code")?;
        let b = n
            .get("body_code")
            .and_then(Value::as_str)
            .ok_or("missing body_code")?;
        // The engine's choice, or the congress's (its rule set's `colon_after_so`).
        let record_colon = p.get(1).and_then(|v| v.as_bool()).unwrap_or(false);
        let colon = if o.colon_after_so || record_colon { ":" } else { "" };
        Ok(format!("Số{colon} {seq:02}-{t}/{b}"))
    }),
    ("number_words", 1, |p, o| {
        Ok(vi::number_words(number(p[0])?, &o.number_words))
    }),
    ("count", 1, |p, o| {
        let n = number(p[0])?;
        let words = vi::number_words(n, &o.number_words);
        Ok(format!("{n} ({words})"))
    }),
    ("roman", 1, |p, _| {
        let n = number(p[0])?;
        u32::try_from(n)
            .ok()
            .and_then(vi::roman)
            .ok_or_else(|| format!("{n} has no Roman numeral (1–3999)"))
    }),
    ("ordinal_words", 1, |p, _| {
        let n = number(p[0])?;
        u32::try_from(n)
            .ok()
            .and_then(vi::ordinal_words)
            .ok_or_else(|| format!("{n} has no ordinal"))
    }),
    ("inc", 1, |p, _| Ok((number(p[0])? + 1).to_string())),
    ("thousands", 1, |p, _| Ok(vi::thousands(number(p[0])?))),
    ("concat", VARIADIC, |p, _| {
        Ok(p.iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            })
            .collect())
    }),
];

/// The names of all helpers, for the template documentation test.
pub fn names() -> impl Iterator<Item = &'static str> {
    HELPERS.iter().map(|(n, _, _)| *n)
}

/// Registers every helper.
pub fn register(registry: &mut Handlebars<'static>, options: &FormatOptions) {
    for (name, arity, f) in HELPERS {
        registry.register_helper(
            name,
            Box::new(Simple {
                name,
                arity: *arity,
                f: *f,
                options: options.clone(),
            }),
        );
    }
}
