//! One function per endpoint. Each reads its query and body, takes a place among the admitted
//! (or answers `503`), and does its work on the blocking pool through the public API:
//! [`load_congress`](crate::load_congress), [`Engine::validate`](crate::Engine::validate),
//! [`DocumentKind::paper`], [`Engine::render`](crate::Engine::render),
//! [`Engine::pack`](crate::Engine::pack), [`rules::tally()`](crate::rules::tally()). Nothing is
//! written to disk, and nothing in a request names a file.

use std::sync::Arc;

use axum::body::{Body, HttpBody};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde_json::{json, Value};

use super::limit::Ticket;
use super::state::App;
use super::status::ApiError;
use crate::rules::{self, Election};
use crate::{About, DocumentKind, Error, ErrorKind, Format};

type Shared = State<Arc<App>>;
type RawParams = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// `GET /healthz`: the service answers, and how busy it is.
pub(super) async fn health(State(app): Shared) -> Json<Value> {
    Json(json!({
        "status": "ok",
        "running": app.limiter.running(),
        "waiting": app.limiter.waiting(),
    }))
}

/// `GET /api/kinds`: the kinds of paper, in the order of the congress.
pub(super) async fn kinds() -> Json<Value> {
    let kinds: Vec<Value> = DocumentKind::ALL
        .iter()
        .map(|k| json!({ "name": k.name(), "title": k.title(), "type_code": k.type_code() }))
        .collect();
    Json(Value::Array(kinds))
}

/// `GET /api/schema`: the congress file's JSON Schema.
pub(super) async fn schema(State(app): Shared) -> Response {
    let mut response = app.schema.clone().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/schema+json"),
    );
    response
}

/// Any other path.
pub(super) async fn not_found() -> ApiError {
    ApiError::not_found(
        "no such endpoint; the service has GET /healthz, GET /api/kinds, GET /api/schema, \
         POST /api/validate, POST /api/render/{kind}, POST /api/pack, POST /api/tally, \
         POST /api/import, and the editor page at GET /",
    )
}

/// `POST /api/validate`: a congress file → `200 {"problems": []}`, or `422` with every
/// problem and its path in the file.
pub(super) async fn validate(
    State(app): Shared,
    query: RawParams,
    body: Body,
) -> Result<Response, ApiError> {
    Params::parse(query, &[])?;
    let engine = Arc::clone(&app.engine);
    let problems = on_body(&app, body, move |text| {
        let congress = crate::load_congress(&text)?;
        Ok(engine.validate(&congress))
    })
    .await?;
    if problems.is_empty() {
        return Ok(Json(json!({ "problems": [] })).into_response());
    }
    let message = match problems.len() {
        1 => "1 problem in the data".to_string(),
        n => format!("{n} problems in the data"),
    };
    Err(ApiError::problems(message, problems))
}

/// `POST /api/render/{kind}?format=pdf|docx` with a selector for kinds made per guest, round,
/// step or track: one paper, with its media type and file name.
pub(super) async fn render(
    State(app): Shared,
    Path(kind): Path<String>,
    query: RawParams,
    body: Body,
) -> Result<Response, ApiError> {
    let kind = DocumentKind::from_name(&kind).ok_or_else(|| {
        ApiError::not_found(format!(
            "unknown document kind `{kind}`; GET /api/kinds lists them"
        ))
    })?;
    let q = Params::parse(
        query,
        &["format", "guest", "election", "round", "track", "step"],
    )?;
    let formats = q.formats(&[Format::Pdf])?;
    let [format] = formats[..] else {
        return Err(ApiError::bad_request(
            "one paper is rendered in one format: ?format=pdf or ?format=docx",
        ));
    };
    let about = q.about()?;
    let engine = Arc::clone(&app.engine);
    let (bytes, name) = on_body(&app, body, move |text| {
        let congress = crate::load_congress(&text)?;
        let paper = kind
            .paper(&congress, about.unwrap_or(About::Congress))
            .map_err(|e| missing_paper(e, kind, about.is_some()))?;
        let file = engine.render(&paper, format)?;
        let name = format!("{}.{}", paper.meta().file_stem, format.extension());
        Ok((file.bytes, name))
    })
    .await?;
    Ok(file_response(format.media_type(), &name, bytes))
}

/// `POST /api/papers`: the papers a congress file makes, in the order of the pack — each with
/// its kind, title and the query that renders it alone (`"guest=0"`, `"election=0&round=1"`).
pub(super) async fn papers(
    State(app): Shared,
    query: RawParams,
    body: Body,
) -> Result<Response, ApiError> {
    Params::parse(query, &[])?;
    let list = on_body(&app, body, move |text| {
        let congress = crate::load_congress(&text)?;
        let mut out = Vec::new();
        for kind in DocumentKind::ALL {
            for paper in kind.papers(&congress)? {
                let meta = paper.meta();
                out.push(json!({
                    "kind": kind.name(),
                    "kind_title": kind.title(),
                    "title": meta.title,
                    "query": about_query(meta.about),
                }));
            }
        }
        Ok(out)
    })
    .await?;
    Ok(Json(list).into_response())
}

/// The query that chooses `about` (the inverse of [`Params::about`]).
fn about_query(about: About) -> String {
    match about {
        About::Guest { guest } => format!("guest={guest}"),
        About::Round { election, round } => format!("election={election}&round={round}"),
        About::Step { track, step } => format!("track={track}&step={step}"),
        About::Track { track } => format!("track={track}"),
        _ => String::new(),
    }
}

/// `POST /api/pack?format=docx,pdf`: every paper of the congress and `manifest.json`, as one
/// zip — all or nothing, like [`Engine::pack`](crate::Engine::pack).
pub(super) async fn pack(
    State(app): Shared,
    query: RawParams,
    body: Body,
) -> Result<Response, ApiError> {
    let formats = Params::parse(query, &["format"])?.formats(&[Format::Docx, Format::Pdf])?;
    let engine = Arc::clone(&app.engine);
    let zip = on_body(&app, body, move |text| {
        let congress = crate::load_congress(&text)?;
        let pack = engine.pack(&congress, &formats)?;
        Ok(pack.to_zip()?)
    })
    .await?;
    Ok(file_response("application/zip", "pack.zip", zip))
}

/// `POST /api/tally`: one election round (the `daihoi tally` file) → the tally as JSON, the
/// shape of `daihoi tally --json`. With `?election=N&round=N` the body is a congress file and
/// the answer is that round's tally (seats carried from the earlier rounds), with each
/// candidate's place in the file (`file_index`), full name and Vietnamese status (`label`).
pub(super) async fn tally(
    State(app): Shared,
    query: RawParams,
    body: Body,
) -> Result<Response, ApiError> {
    let q = Params::parse(query, &["election", "round"])?;
    let at = match (q.index("election")?, q.index("round")?) {
        (Some(e), Some(r)) => Some((e, r)),
        (None, None) => None,
        _ => {
            return Err(ApiError::bad_request(
                "a round of a congress file is chosen with both ?election=N&round=N",
            ))
        }
    };
    let answer = on_body(&app, body, move |text| match at {
        None => {
            let election = Election::from_json(&text)?;
            Ok(serde_json::to_value(rules::tally(&election)?).unwrap_or_default())
        }
        Some((election, round)) => {
            let congress = crate::load_congress(&text)?;
            let round_tally = congress
                .tally_round(election, round)
                .map_err(|e| missing_paper(e, DocumentKind::VoteCountMinutes, true))?;
            let mut value = serde_json::to_value(&round_tally.tally).unwrap_or_default();
            let outcomes = round_tally.tally.outcomes.iter().enumerate();
            let extra: Vec<Value> = outcomes
                .map(|(k, o)| {
                    json!({
                        "file_index": round_tally.file_order.get(k).copied().unwrap_or(k),
                        "full_name": o.name.full(),
                        "label": o.status.label(),
                    })
                })
                .collect();
            if let Some(list) = value["outcomes"].as_array_mut() {
                for (o, x) in list.iter_mut().zip(extra) {
                    if let (Some(o), Value::Object(x)) = (o.as_object_mut(), x) {
                        o.extend(x);
                    }
                }
            }
            Ok(value)
        }
    })
    .await?;
    Ok(Json(answer).into_response())
}

/// The body of `POST /api/import`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportRequest {
    /// The list: `people`, `guests`, `candidates` or `delegates`.
    #[serde(rename = "as")]
    list: String,
    /// The sheet's file name (its extension tells .xlsx, .ods or .csv).
    file_name: String,
    /// The sheet's bytes, base64.
    sheet: String,
    /// The congress file's text to add the rows to; without it, only the rows are answered.
    #[serde(default)]
    congress: Option<String>,
}

/// `POST /api/import`: `{"as", "file_name", "sheet" (base64), "congress" (text, optional)}` →
/// `{"entries", "problems"}`, and with a congress file also `"congress"` (its new text),
/// `"added"` and `"skipped"`. Bad rows are in `problems` by row and column; the good rows are
/// kept.
pub(super) async fn import(
    State(app): Shared,
    query: RawParams,
    body: Body,
) -> Result<Response, ApiError> {
    use crate::import::{self as sheet, ListKind};
    use base64::Engine as _;
    Params::parse(query, &[])?;
    let answer = on_body(&app, body, move |text| {
        let request: ImportRequest = serde_json::from_str(&text).map_err(|e| {
            ApiError::bad_request(format!(
                "expected {{\"as\", \"file_name\", \"sheet\", \"congress\"}}: {e}"
            ))
        })?;
        let list = ListKind::from_name(&request.list).ok_or_else(|| {
            ApiError::bad_request(format!(
                "unknown list `{}`; expected people, guests, candidates or delegates",
                request.list
            ))
        })?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(request.sheet.trim())
            .map_err(|e| ApiError::bad_request(format!("`sheet` is not base64: {e}")))?;
        let imported = sheet::read_sheet(&bytes, &request.file_name, list)?;
        let mut answer = json!({ "entries": imported.entries, "problems": imported.problems });
        if let Some(congress) = &request.congress {
            let merged = sheet::merge(congress, &imported)?;
            answer["congress"] = Value::String(merged.text);
            answer["added"] = json!(merged.added);
            answer["skipped"] = json!(merged.skipped);
        }
        Ok(answer)
    })
    .await?;
    Ok(Json(answer).into_response())
}

/// A place among the admitted, or `503`.
fn admit(app: &App) -> Result<Ticket, ApiError> {
    app.limiter
        .admit()
        .map_err(|busy| ApiError::busy(busy, app.options.retry_after))
}

/// Admits the request, reads its body as text and runs `job` on it in a slot on the blocking
/// pool: what every handler that takes a congress file does.
async fn on_body<T: Send + 'static>(
    app: &App,
    body: Body,
    job: impl FnOnce(String) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let ticket = admit(app)?;
    let text = read_text(body, app.options.max_body_bytes).await?;
    work(ticket, move || job(text)).await
}

/// Runs `job` in a slot on the blocking pool.
async fn work<T: Send + 'static>(
    ticket: Ticket,
    job: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    ticket.run(job).await.map_err(|_| ApiError::crashed())?
}

/// The body as text: `413` over `limit` bytes (at once when the request says its length),
/// `400` when it cannot be read or is not UTF-8.
async fn read_text(body: Body, limit: usize) -> Result<String, ApiError> {
    if body.size_hint().lower() > limit as u64 {
        return Err(ApiError::too_large(limit));
    }
    let bytes = Limited::new(body, limit)
        .collect()
        .await
        .map_err(|e| {
            if e.downcast_ref::<LengthLimitError>().is_some() {
                ApiError::too_large(limit)
            } else {
                ApiError::bad_request(format!("the request body could not be read: {e}"))
            }
        })?
        .to_bytes();
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        ApiError::bad_request(format!(
            "the request body is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// `bytes` as a download named `name` (our file names are ASCII: see `PaperMeta::file_stem`).
fn file_response(media_type: &'static str, name: &str, bytes: Vec<u8>) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(media_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

/// `404` when the congress has no such paper (no problem of the data stopped it); the
/// error's own status otherwise.
fn missing_paper(e: Error, kind: DocumentKind, chosen: bool) -> ApiError {
    let not_there =
        e.kind() == ErrorKind::InvalidData && e.diagnostics().is_empty() && e.path().is_none();
    if !not_there {
        return e.into();
    }
    if chosen {
        ApiError::not_found(e.message().to_string())
    } else {
        ApiError::not_found(format!(
            "the congress has no single `{}`: choose one with ?guest=N, ?election=N&round=N, \
             ?track=N&step=N or ?track=N (positions in the file, from 0)",
            kind.name()
        ))
    }
}

/// The query parameters of a request, checked against those its endpoint takes.
struct Params(Vec<(String, String)>);

impl Params {
    /// The parameters, or `400` for one the endpoint does not take or a malformed query.
    fn parse(query: RawParams, allowed: &[&str]) -> Result<Params, ApiError> {
        let Query(pairs) =
            query.map_err(|e| ApiError::bad_request(format!("the query cannot be read: {e}")))?;
        for (key, _) in &pairs {
            if !allowed.contains(&key.as_str()) {
                let expected = if allowed.is_empty() {
                    "this endpoint takes none".to_string()
                } else {
                    format!("expected {}", allowed.join(", "))
                };
                return Err(ApiError::bad_request(format!(
                    "unknown query parameter `{key}`; {expected}"
                )));
            }
        }
        Ok(Params(pairs))
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// `?format=docx,pdf` (repeated or comma-separated), or `default` when none is given.
    fn formats(&self, default: &[Format]) -> Result<Vec<Format>, ApiError> {
        let mut out = Vec::new();
        for (_, spec) in self.0.iter().filter(|(k, _)| k == "format") {
            for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
                let f = Format::from_name(part).ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "unknown format `{}`; expected docx or pdf",
                        part.trim()
                    ))
                })?;
                if !out.contains(&f) {
                    out.push(f);
                }
            }
        }
        let asked = self.0.iter().any(|(k, _)| k == "format");
        if out.is_empty() && asked {
            return Err(ApiError::bad_request(
                "`?format=` names no format; expected docx, pdf or both (?format=docx,pdf)",
            ));
        }
        if out.is_empty() {
            out.extend_from_slice(default);
        }
        Ok(out)
    }

    /// A position in a list (`?guest=2`).
    fn index(&self, key: &str) -> Result<Option<usize>, ApiError> {
        self.get(key)
            .map(|v| {
                v.trim().parse::<usize>().map_err(|_| {
                    ApiError::bad_request(format!(
                        "`{key}` is a position in the congress file's list, from 0; found `{v}`"
                    ))
                })
            })
            .transpose()
    }

    /// What the paper is about: `?guest=2`, `?election=0&round=1`, `?track=0&step=1`,
    /// `?track=0`, or nothing (the congress as a whole).
    fn about(&self) -> Result<Option<About>, ApiError> {
        let guest = self.index("guest")?;
        let election = self.index("election")?;
        let round = self.index("round")?;
        let track = self.index("track")?;
        let step = self.index("step")?;
        Ok(match (guest, election, round, track, step) {
            (None, None, None, None, None) => None,
            (Some(guest), None, None, None, None) => Some(About::Guest { guest }),
            (None, Some(election), Some(round), None, None) => {
                Some(About::Round { election, round })
            }
            (None, None, None, Some(track), Some(step)) => Some(About::Step { track, step }),
            (None, None, None, Some(track), None) => Some(About::Track { track }),
            _ => {
                return Err(ApiError::bad_request(
                    "choose one paper with ?guest=N, ?election=N&round=N, ?track=N&step=N or \
                     ?track=N",
                ))
            }
        })
    }
}
