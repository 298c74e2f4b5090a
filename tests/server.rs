//! The HTTP service as a district's system calls it: every endpoint, each limit, and the
//! answers compared with what the library itself makes from the same file.
#![cfg(feature = "server")]

mod common;

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use daihoi::server::{router, ServerOptions};
use daihoi::{About, DocumentKind, Engine, Format};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

fn engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    Arc::clone(ENGINE.get_or_init(|| Arc::new(Engine::new().expect("the engine builds"))))
}

fn service() -> Router {
    router(engine(), ServerOptions::default())
}

fn doan_ket_text() -> String {
    std::fs::read_to_string(common::root().join("examples/data/doan-ket-2020.json")).unwrap()
}

fn election_text(fixture: &str) -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures/election").join(fixture)).unwrap()
}

async fn call(app: Router, method: &str, uri: &str, body: impl Into<Body>) -> Response {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(body.into())
        .unwrap();
    app.oneshot(request).await.unwrap()
}

async fn post(uri: &str, body: impl Into<Body>) -> Response {
    call(service(), "POST", uri, body).await
}

async fn bytes(response: Response) -> Vec<u8> {
    response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec()
}

async fn json_of(response: Response) -> Value {
    let b = bytes(response).await;
    serde_json::from_slice(&b).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&b)))
}

/// The sample with one change made to its JSON.
fn sample_with(change: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&common::sample_text()).unwrap();
    change(&mut v);
    serde_json::to_string(&v).unwrap()
}

#[tokio::test]
async fn health_kinds_and_schema_answer() {
    let r = call(service(), "GET", "/healthz", Body::empty()).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json_of(r).await["status"], "ok");

    let r = call(service(), "GET", "/api/kinds", Body::empty()).await;
    assert_eq!(r.status(), StatusCode::OK);
    let kinds = json_of(r).await;
    let names: Vec<&str> = kinds
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.name()).collect();
    assert_eq!(names, expected);
    assert_eq!(kinds[0]["title"], "Giấy mời");
    assert_eq!(kinds[0]["type_code"], "GM");

    let r = call(service(), "GET", "/api/schema", Body::empty()).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()[header::CONTENT_TYPE], "application/schema+json");
    assert_eq!(json_of(r).await, daihoi::schema::congress_schema());

    let r = call(service(), "GET", "/api/nothing-here", Body::empty()).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(json_of(r).await["error"]
        .as_str()
        .unwrap()
        .contains("POST /api/pack"));
}

#[tokio::test]
async fn validate_accepts_both_samples() {
    for text in [common::sample_text(), doan_ket_text()] {
        let r = post("/api/validate", text).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(json_of(r).await, json!({ "problems": [] }));
    }
}

#[tokio::test]
async fn a_file_the_schema_accepts_but_the_rules_reject_gets_the_rules_error() {
    // More votes than valid ballots: well-formed, so the schema cannot see it.
    let text = sample_with(|v| {
        let round = &mut v["elections"][0]["rounds"][0];
        let valid = round["ballots"]["valid"].as_u64().unwrap();
        round["candidates"][0]["votes"] = json!(valid + 1);
    });
    let schema = daihoi::schema::congress_schema();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    assert!(validator.is_valid(&serde_json::from_str(&text).unwrap()));

    let r = post("/api/validate", text.clone()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json_of(r).await;
    let problems = body["problems"].as_array().unwrap();
    let expected = daihoi::load_congress(&text)
        .map(|c| engine().validate(&c))
        .unwrap();
    assert_eq!(problems.len(), expected.len(), "{body}");
    let votes = problems
        .iter()
        .find(|p| p["path"] == "elections[0].rounds[0].candidates[0].votes")
        .unwrap_or_else(|| panic!("no problem at the candidate's votes: {body}"));
    assert!(
        votes["message"].as_str().unwrap().contains("valid"),
        "{votes}"
    );
}

#[tokio::test]
async fn text_that_is_not_json_is_400_naming_line_and_column() {
    let r = post(
        "/api/validate",
        "{\n  \"venue\": \"Hội trường\",\n  \"term\": ,\n}",
    )
    .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let body = json_of(r).await;
    assert_eq!(body["line"], 3, "{body}");
    assert_eq!(body["column"], 11, "{body}");
    let error = body["error"].as_str().unwrap();
    assert!(error.contains("line 3 column 11"), "{error}");
}

#[tokio::test]
async fn data_of_the_wrong_shape_is_422_with_the_path_in_the_file() {
    let text = sample_with(|v| {
        v["guests"][1]["name"] = json!({ "ho": "Trần", "dem": "Quyết" });
    });
    let r = post("/api/validate", text).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json_of(r).await;
    assert_eq!(body["problems"][0]["path"], "guests[1].name", "{body}");
    assert!(body["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("ten"));

    let text = sample_with(|v| v["signer"]["name"] = json!("@nobody"));
    let body = json_of(post("/api/validate", text).await).await;
    assert_eq!(body["problems"][0]["path"], "signer.name", "{body}");
}

#[tokio::test]
async fn one_paper_per_selector_is_the_library_s_paper_with_its_file_name() {
    let congress = common::sample();
    let cases = [
        (
            "invitation",
            "?guest=1&format=pdf",
            About::Guest { guest: 1 },
            Format::Pdf,
        ),
        (
            "ballot",
            "?election=1&round=0&format=docx",
            About::Round {
                election: 1,
                round: 0,
            },
            Format::Docx,
        ),
        (
            "introduction-ballot",
            "?track=0&step=1",
            About::Step { track: 0, step: 1 },
            Format::Pdf,
        ),
        (
            "personnel-summary",
            "?track=1&format=docx",
            About::Track { track: 1 },
            Format::Docx,
        ),
        ("programme", "", About::Congress, Format::Pdf),
    ];
    for (kind, query, about, format) in cases {
        let r = post(&format!("/api/render/{kind}{query}"), common::sample_text()).await;
        assert_eq!(r.status(), StatusCode::OK, "{kind}{query}");
        assert_eq!(r.headers()[header::CONTENT_TYPE], format.media_type());
        let paper = DocumentKind::from_name(kind)
            .unwrap()
            .paper(&congress, about)
            .unwrap();
        let disposition = r.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(
            disposition,
            format!(
                "attachment; filename=\"{}.{format}\"",
                paper.meta().file_stem
            )
        );
        let expected = engine().render(&paper, format).unwrap().bytes;
        assert!(
            bytes(r).await == expected,
            "{kind}{query}: not the library's bytes"
        );
    }
}

#[tokio::test]
async fn a_paper_that_is_not_there_or_not_chosen_is_404_and_a_bad_query_400() {
    let text = common::sample_text;
    let cases = [
        ("/api/render/invitation", StatusCode::NOT_FOUND, "?guest=N"),
        (
            "/api/render/invitation?guest=99",
            StatusCode::NOT_FOUND,
            "guests[99]",
        ),
        (
            "/api/render/minutes",
            StatusCode::NOT_FOUND,
            "GET /api/kinds",
        ),
        (
            "/api/render/programme?format=odt",
            StatusCode::BAD_REQUEST,
            "docx or pdf",
        ),
        (
            "/api/render/programme?format=docx,pdf",
            StatusCode::BAD_REQUEST,
            "one format",
        ),
        (
            "/api/pack?format=",
            StatusCode::BAD_REQUEST,
            "names no format",
        ),
        (
            "/api/render/programme?colour=red",
            StatusCode::BAD_REQUEST,
            "`colour`",
        ),
        (
            "/api/render/ballot?election=0",
            StatusCode::BAD_REQUEST,
            "?election=N&round=N",
        ),
        (
            "/api/render/invitation?guest=first",
            StatusCode::BAD_REQUEST,
            "from 0",
        ),
        (
            "/api/validate?format=pdf",
            StatusCode::BAD_REQUEST,
            "takes none",
        ),
    ];
    for (uri, status, says) in cases {
        let r = post(uri, text()).await;
        assert_eq!(r.status(), status, "{uri}");
        let error = json_of(r).await["error"].as_str().unwrap().to_string();
        assert!(error.contains(says), "{uri}: {error}");
    }
}

#[tokio::test]
async fn the_pack_is_the_library_s_zip_with_its_manifest() {
    let text = doan_ket_text();
    let r = post("/api/pack?format=docx,pdf", text.clone()).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()[header::CONTENT_TYPE], "application/zip");
    let zip = bytes(r).await;
    let congress = daihoi::load_congress(&text).unwrap();
    let pack = engine()
        .pack(&congress, &[Format::Docx, Format::Pdf])
        .unwrap();
    assert!(zip == pack.to_zip().unwrap(), "not the library's zip");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    assert_eq!(archive.len(), pack.files().count() + 1);
    assert!(archive.by_name("manifest.json").is_ok());
}

#[tokio::test]
async fn a_pack_with_a_problem_is_422_listing_every_problem() {
    let text = sample_with(|v| {
        v["guests"][0]["name"] = json!({ "ho": "Đinh", "dem": "Thị Lan", "ten": "" });
        v["venue"] = json!("");
    });
    let r = post("/api/pack?format=docx", text).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json_of(r).await;
    let paths: Vec<&str> = body["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["path"].as_str())
        .collect();
    assert!(paths.contains(&"guests[0].name.ten"), "{body}");
    assert!(paths.contains(&"venue"), "{body}");
}

#[tokio::test]
async fn the_tally_is_the_shape_of_daihoi_tally_json() {
    let text = election_text("t3_tie_at_cutoff.json");
    let r = post("/api/tally", text.clone()).await;
    assert_eq!(r.status(), StatusCode::OK);
    let election = daihoi::rules::Election::from_json(&text).unwrap();
    let expected = serde_json::to_value(daihoi::rules::tally(&election).unwrap()).unwrap();
    assert_eq!(json_of(r).await, expected);

    let mut v: Value = serde_json::from_str(&text).unwrap();
    let valid = v["ballots"]["valid"].as_u64().unwrap();
    v["candidates"][0]["votes"] = json!(valid + 1);
    let r = post("/api/tally", v.to_string()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json_of(r).await;
    assert!(
        body["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["path"] == "candidates[0].votes"),
        "{body}"
    );
}

#[tokio::test]
async fn a_body_over_the_limit_is_413_whether_or_not_it_says_its_length() {
    let small = || {
        router(
            engine(),
            ServerOptions {
                max_body_bytes: 2_000,
                ..ServerOptions::default()
            },
        )
    };
    let text = common::sample_text();
    assert!(text.len() > 2_000);
    let r = call(small(), "POST", "/api/validate", text.clone()).await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(json_of(r).await["error"]
        .as_str()
        .unwrap()
        .contains("2000 bytes"));

    // A streamed body, whose length nobody announced.
    let streamed = Body::new(Chunks(
        text.as_bytes()
            .chunks(500)
            .map(axum::body::Bytes::copy_from_slice)
            .collect(),
    ));
    let r = call(small(), "POST", "/api/pack", streamed).await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // Under the limit the same service answers.
    let tally = election_text("t1_cell_secretary_absence_approved_six_votes.json");
    assert!(tally.len() < 2_000);
    let r = call(small(), "POST", "/api/tally", tally).await;
    assert_eq!(r.status(), StatusCode::OK);
}

/// A body sent in chunks, without a length.
struct Chunks(std::collections::VecDeque<axum::body::Bytes>);

impl axum::body::HttpBody for Chunks {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Ready(self.0.pop_front().map(|b| Ok(hyper::body::Frame::data(b))))
    }
}

#[tokio::test]
async fn a_body_that_is_not_utf8_is_400() {
    let r = post("/api/validate", vec![b'{', 0xff, b'}']).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(json_of(r).await["error"]
        .as_str()
        .unwrap()
        .contains("UTF-8"));
}

#[tokio::test]
async fn the_router_mounts_under_a_prefix_and_serves_over_loopback() {
    let app = Router::new().nest("/daihoi", service());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(connection);
    let request = Request::post("/daihoi/api/validate")
        .header(header::HOST, addr.to_string())
        .body(http_body_util::Full::new(axum::body::Bytes::from(
            doan_ket_text(),
        )))
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(
        serde_json::from_slice::<Value>(&body).unwrap(),
        json!({ "problems": [] })
    );
    server.abort();
}

#[test]
fn the_service_touches_no_file_system() {
    let dir = common::root().join("src/server");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let code = std::fs::read_to_string(&path).unwrap();
        for word in [
            "std::fs",
            "File::",
            "write_dir",
            "write_zip",
            "write_atomic",
            "template_dir",
            "PathBuf",
        ] {
            assert!(
                !code.contains(word),
                "{}: `{word}` — the service writes nothing and reads no path from a request",
                path.display()
            );
        }
    }
}

// ---- what the editor page uses ---------------------------------------------------------------

#[tokio::test]
async fn the_editor_page_its_scripts_and_the_records_it_starts_from_are_served() {
    let page = call(service(), "GET", "/", Body::empty()).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(
        page.headers()[header::CONTENT_TYPE],
        "text/html; charset=utf-8"
    );
    let html = String::from_utf8(bytes(page).await).unwrap();
    assert!(html.contains("<title>Hồ sơ đại hội"), "{html}");
    for asset in [
        "editor.js",
        "editor.css",
        "jsoneditor.js",
        "jsoneditor.LICENSE",
    ] {
        let r = call(service(), "GET", &format!("/assets/{asset}"), Body::empty()).await;
        assert_eq!(r.status(), StatusCode::OK, "{asset}");
        assert!(
            html.contains(&format!("assets/{asset}")),
            "the page links {asset}"
        );
    }
    // Both samples as they are on disk; each empty record loads as its kind of congress.
    let r = call(service(), "GET", "/api/start/bach-mai-2020", Body::empty()).await;
    assert_eq!(
        String::from_utf8(bytes(r).await).unwrap(),
        common::sample_text()
    );
    for (name, kind) in [
        ("empty-members", "members"),
        ("empty-delegates", "delegates"),
    ] {
        let r = call(
            service(),
            "GET",
            &format!("/api/start/{name}"),
            Body::empty(),
        )
        .await;
        let v = json_of(r).await;
        assert_eq!(v["kind"], kind);
        assert_eq!(v["guests"], json!([]));
    }
    let r = call(
        service(),
        "GET",
        "/api/start/../../etc/passwd",
        Body::empty(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_round_of_a_congress_file_is_tallied_with_names_labels_and_places_in_the_file() {
    let r = post("/api/tally?election=0&round=0", common::sample_text()).await;
    assert_eq!(r.status(), StatusCode::OK);
    let t = json_of(r).await;
    let expected = common::sample().tally_round(0, 0).unwrap();
    assert_eq!(t["votes_needed"], expected.tally.votes_needed);
    let outcomes = t["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), expected.tally.outcomes.len());
    // Ballot order (vần A, B, C) with the way back to the file's order.
    assert_eq!(outcomes[0]["full_name"], "Phan Thị Mai Anh");
    assert_eq!(outcomes[0]["file_index"], 13);
    assert_eq!(
        outcomes[0]["label"],
        "không trúng cử (không đạt quá một nửa)"
    );
    let elected = outcomes.iter().filter(|o| o["label"] == "trúng cử").count();
    assert_eq!(elected, expected.tally.elected.len());

    // Phan Thị Mai Anh is first on the ballot and 14th in the file: the problem names her
    // place in the file, under the round's path, as the editor's fields are named.
    let bad =
        sample_with(|v| v["elections"][0]["rounds"][0]["candidates"][13]["votes"] = json!(500));
    let r = post("/api/tally?election=0&round=0", bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json_of(r).await;
    assert!(body["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("(500) must not exceed valid ballots (116)"));
    assert_eq!(
        body["problems"][0]["path"], "elections[0].rounds[0].candidates[13].votes",
        "{body}"
    );
    let r = post("/api/tally?election=9&round=0", common::sample_text()).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = post("/api/tally?election=0", common::sample_text()).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_papers_of_a_congress_are_listed_with_the_query_that_renders_each() {
    let list = json_of(post("/api/papers", common::sample_text()).await).await;
    let list = list.as_array().unwrap();
    let c = common::sample();
    let count: usize = DocumentKind::ALL
        .iter()
        .map(|k| k.papers(&c).unwrap().len())
        .sum();
    assert_eq!(list.len(), count);
    assert_eq!(list[0]["kind"], "invitation");
    assert_eq!(list[0]["query"], "guest=0");
    assert_eq!(list[0]["title"], "Giấy mời — Đồng chí Đinh Thị Lan Duyên");
    // Every listed query renders its paper.
    let minutes = list
        .iter()
        .find(|p| p["kind"] == "vote-count-minutes")
        .unwrap();
    let uri = format!(
        "/api/render/vote-count-minutes?format=pdf&{}",
        minutes["query"].as_str().unwrap()
    );
    assert_eq!(
        post(&uri, common::sample_text()).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_sheet_is_imported_into_the_congress_file_with_its_bad_rows_reported() {
    use base64::Engine as _;
    let sheet = std::fs::read(common::root().join("tests/fixtures/import/guests_20.xlsx")).unwrap();
    let body = json!({
        "as": "guests",
        "file_name": "guests_20.xlsx",
        "sheet": base64::engine::general_purpose::STANDARD.encode(sheet),
        "congress": common::sample_text(),
    });
    let r = post("/api/import", body.to_string()).await;
    assert_eq!(r.status(), StatusCode::OK);
    let v = json_of(r).await;
    assert_eq!(v["added"], 18);
    assert_eq!(v["entries"].as_array().unwrap().len(), 18);
    let rows: Vec<u64> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["row"].as_u64().unwrap())
        .collect();
    assert_eq!(rows, [1, 8, 13]);
    assert_eq!(v["problems"][2]["column"], "C (Chức vụ)");
    let merged = daihoi::load_congress(v["congress"].as_str().unwrap()).unwrap();
    assert_eq!(merged.guests.len(), common::sample().guests.len() + 18);

    let r = post(
        "/api/import",
        json!({"as": "visitors", "file_name": "a.csv", "sheet": ""}).to_string(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(json_of(r).await["error"]
        .as_str()
        .unwrap()
        .contains("unknown list `visitors`"));
    let r = post(
        "/api/import",
        json!({"as": "guests", "file_name": "a.xlsx", "sheet": "UEsDBA=="}).to_string(),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json_of(r).await["error"]
        .as_str()
        .unwrap()
        .contains("a.xlsx"));
}
