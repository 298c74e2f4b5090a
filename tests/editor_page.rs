//! The editor page (`GET /`) as a committee clerk uses it, in Debian's Chromium driven through
//! `chromedriver` (WebDriver), against `daihoi::server::router` on loopback: open the page,
//! load the Bạch Mai sample, change a guest's name and see the invitation preview follow (and
//! the change survive a reload), type an impossible vote count and see the error beside the
//! field, import a 20-row sheet, download the pack and read its manifest. A screenshot of each
//! screen at 1366×768 goes to `target/tmp/editor-page/`.
//!
//! Skips, saying why, where `chromium` or `chromedriver` is missing; fails instead with
//! `DAIHOI_REQUIRE_TOOLS=1`. Everything it starts (the server in this process, chromedriver and
//! its browser in their own process group) ends with the test, passed or failed.
#![cfg(feature = "server")]

mod common;

use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// chromedriver and the browser it starts, killed as one process group when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        // A negative id is the process group; `--` keeps kill from reading it as an option.
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill")
            .args(["-s", "TERM", "--", &group])
            .status();
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &group])
            .status();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_driver() -> (Driver, u16) {
    use std::os::unix::process::CommandExt;
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    (driver, port)
}

async fn browser(port: u16, profile: &Path, downloads: &Path) -> Client {
    let caps = json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1366,768", "--no-first-run", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.display()), "--lang=vi",
            ],
            "prefs": {
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
            },
        }
    });
    let Value::Object(caps) = caps else {
        unreachable!()
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a Chromium session")
}

/// Waits until `script` (a JS expression) is truthy; fails with `what` after 30 s.
async fn wait_for(c: &Client, what: &str, script: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let v = c
            .execute(&format!("return {script};"), vec![])
            .await
            .unwrap();
        let truthy =
            !matches!(&v, Value::Null | Value::Bool(false)) && v != json!("") && v != json!(0);
        if truthy {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn text_of(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn screenshot(c: &Client, dir: &Path, name: &str) {
    let png = c.screenshot().await.unwrap();
    // The PNG's own width and height (IHDR): the page was looked at at 1366×768.
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!(
        (w, h),
        (1366, 768),
        "{name}: the window is a 1366×768 laptop screen"
    );
    std::fs::write(dir.join(name), png).unwrap();
}

/// Sets an input's value as typing would, and fires its `input` and `change` events.
async fn type_into(c: &Client, css: &str, value: &str) {
    let input = c.find(Locator::Css(css)).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(value).await.unwrap();
    c.execute(
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        vec![serde_json::to_value(&input).unwrap()],
    )
    .await
    .unwrap();
}

/// The PDF in an iframe of the page (a blob URL), fetched by the page itself.
async fn pdf_in_frame(c: &Client, frame: &str) -> Vec<u8> {
    let script = format!(
        "const done = arguments[0];
         fetch(document.getElementById('{frame}').dataset.url)
           .then(r => r.arrayBuffer())
           .then(b => {{ let s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); done(btoa(s)); }});"
    );
    let v = c.execute_async(&script, vec![]).await.unwrap();
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(v.as_str().unwrap())
        .unwrap()
}

fn pdf_text(pdf: &[u8], dir: &Path) -> Option<String> {
    if !common::have_tool("pdftotext", "poppler-utils") {
        return None;
    }
    let path = dir.join("preview.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

async fn serve() -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let engine = daihoi::Engine::new().unwrap();
    let app = daihoi::server::router(engine, daihoi::server::ServerOptions::default());
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (format!("http://{addr}/"), task)
}

fn downloaded(dir: &Path, name: &str) -> Option<PathBuf> {
    let path = dir.join(name);
    let partial = std::fs::read_dir(dir).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".crdownload")
    });
    (path.exists() && !partial).then_some(path)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_edits_the_bach_mai_record_counts_votes_imports_guests_and_downloads_the_pack() {
    let have_browser = common::have_tool("chromium", "chromium");
    let have_driver = common::have_tool("chromedriver", "chromium-driver");
    if !(have_browser && have_driver) {
        return;
    }
    let shots = common::root().join("target/tmp/editor-page");
    let _ = std::fs::remove_dir_all(&shots);
    std::fs::create_dir_all(&shots).unwrap();
    let scratch = common::scratch("editor-page");
    let downloads = scratch.join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();

    let (url, server) = serve().await;
    let (driver, port) = start_driver();
    eprintln!("editor page: chromedriver on port {port}, the page at {url}");
    let c = tokio::time::timeout(
        Duration::from_secs(60),
        browser(port, &scratch.join("profile"), &downloads),
    )
    .await
    .expect("Chromium starts within a minute");
    // The window's frame takes some of its height, even headless: make the page itself
    // 1366×768.
    let inner = c
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .await
        .unwrap();
    let (w, h) = (
        inner[0].as_u64().unwrap() as u32,
        inner[1].as_u64().unwrap() as u32,
    );
    c.set_window_size(1366 + 1366 - w, 768 + 768 - h)
        .await
        .unwrap();
    drive(&c, &url, &shots, &scratch, &downloads).await;
    let _ = c.close().await;
    drop(driver);
    server.abort();
}

/// Waits for the page's question (before the record is replaced) and answers yes.
async fn accept_question(c: &Client) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while c.get_alert_text().await.is_err() {
        assert!(
            Instant::now() < deadline,
            "no question before replacing the record"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    c.accept_alert().await.unwrap();
}

/// Clicks the element `css` names.
async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Reloads the page and returns the value of the guests' field `css` as the page restores it.
async fn reloaded_value(c: &Client, css: &str) -> Value {
    c.refresh().await.unwrap();
    wait_for(
        c,
        "the restored record",
        "document.querySelector('#form input')",
    )
    .await;
    click(c, "#section-3").await;
    wait_for(
        c,
        "the restored guest",
        &format!("document.querySelector(\"{css}\") && document.querySelector(\"{css}\").value"),
    )
    .await
}

async fn drive(c: &Client, url: &str, shots: &Path, scratch: &Path, downloads: &Path) {
    // Open the page and the Bạch Mai sample: the form shows it and it has no problem.
    c.goto(url).await.unwrap();
    wait_for(c, "the page", "document.getElementById('start') !== null").await;
    click(c, "#start").await;
    wait_for(
        c,
        "the sample's check",
        "document.getElementById('problems-count').textContent",
    )
    .await;
    assert_eq!(
        text_of(c, "#problems-count").await,
        "Hồ sơ hợp lệ: không có lỗi."
    );
    wait_for(c, "the form", "document.querySelector('#form input')").await;
    screenshot(c, shots, "1-record.png").await;
    // Every box that opts in an optional field is named for a screen reader by the field.
    let raw = c
        .execute(
            "return [...document.querySelectorAll('#form label')].map((l) => l.textContent).filter((t) => t.endsWith('-opt-in'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(raw, json!([]));
    let named = c
        .execute(
            "return [...document.querySelectorAll('#form label')].some((l) => l.textContent.startsWith('Điền mục “'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(named, json!(true));

    // The elections' form: what each election elects is chosen from a list (the delegates'
    // election with its superior congress), and opening the form changes nothing.
    let offices = "return JSON.stringify(JSON.parse(localStorage.getItem('daihoi.congress')).elections.map((e) => e.office));";
    let before = c.execute(offices, vec![]).await.unwrap();
    click(c, "#section-5").await;
    wait_for(
        c,
        "the elections' form",
        "document.querySelector(\"select[name='root[elections][0][office]']\")",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let after = c.execute(offices, vec![]).await.unwrap();
    assert_eq!(before, after);
    assert_eq!(
        text_of(c, "#problems-count").await,
        "Hồ sơ hợp lệ: không có lỗi."
    );
    let chosen = c
        .execute(
            "const s = document.querySelector(\"select[name='root[elections][0][office]']\"); return s.options[s.selectedIndex].textContent;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(chosen, json!("Ban Chấp hành"));
    screenshot(c, shots, "1b-elections.png").await;

    // Change the first guest's given name; the invitation preview follows.
    click(c, "#section-3").await;
    let ten = "input[name='root[guests][0][name][ten]']";
    wait_for(
        c,
        "the guests' form",
        &format!("document.querySelector(\"{ten}\")"),
    )
    .await;
    type_into(c, ten, "Hạnh").await;
    wait_for(
        c,
        "the record kept in the browser",
        "(localStorage.getItem('daihoi.congress') || '').includes('\"Hạnh\"')",
    )
    .await;
    click(c, "#tab-preview").await;
    wait_for(
        c,
        "the invitation preview",
        "document.getElementById('preview-frame').dataset.url",
    )
    .await;
    assert_eq!(text_of(c, "#preview-kind option:checked").await, "Giấy mời");
    let pdf = pdf_in_frame(c, "preview-frame").await;
    assert!(pdf.starts_with(b"%PDF-"), "the preview is a PDF");
    if let Some(text) = pdf_text(&pdf, scratch) {
        let text = common::fold(&text);
        assert!(
            text.contains("Đinh Thị Lan Hạnh"),
            "the invitation names the changed guest: {text}"
        );
    }
    screenshot(c, shots, "2-preview.png").await;
    // Its DOCX is saved under the paper's own name, as the pack names it.
    click(c, "#preview-docx").await;
    let deadline = Instant::now() + Duration::from_secs(30);
    let docx = loop {
        let found = std::fs::read_dir(downloads)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.ends_with(".docx"));
        if let Some(n) = found {
            break n;
        }
        assert!(Instant::now() < deadline, "the DOCX was not downloaded");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(docx.starts_with("giay-moi-01-gm-du-"), "{docx}");
    click(c, "#preview-save-pdf").await;
    let deadline = Instant::now() + Duration::from_secs(30);
    while !std::fs::read_dir(downloads)
        .unwrap()
        .any(|e| e.unwrap().file_name().to_string_lossy() == docx.replace(".docx", ".pdf"))
    {
        assert!(Instant::now() < deadline, "the PDF was not downloaded");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // Nothing typed is lost: after a reload the page opens the record as it was left.
    assert_eq!(reloaded_value(c, ten).await, json!("Hạnh"));
    // The file's order of fields is kept through the forms and the reload.
    let keys = c
        .execute(
            "return Object.keys(JSON.parse(localStorage.getItem('daihoi.congress')).organisation);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        keys,
        json!([
            "name",
            "kind",
            "superior",
            "superior_committee",
            "committee",
            "committee_code",
            "executive",
            "place"
        ])
    );
    // Typed and not yet left: a reload at once keeps it.
    let input = c.find(Locator::Css(ten)).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys("Hoà").await.unwrap();
    assert_eq!(reloaded_value(c, ten).await, json!("Hoà"));
    type_into(c, ten, "Hạnh").await;

    // The vote count: more votes for a candidate than there were valid ballots is an error
    // beside that candidate's box, and the tally waits; the true count brings it back.
    click(c, "#tab-count").await;
    wait_for(c, "the tally", "document.querySelector('#tally table')").await;
    let votes = "input[data-path='elections[0].rounds[0].candidates[0].votes']";
    type_into(c, votes, "500").await;
    let error = wait_for(
        c,
        "the error beside the candidate's votes",
        &format!(
            "document.querySelector(\"{votes}\").parentElement.querySelector('.error').textContent"
        ),
    )
    .await;
    assert!(
        error
            .as_str()
            .unwrap()
            .contains("(500) không được quá số phiếu hợp lệ (116)"),
        "{error}"
    );
    wait_for(
        c,
        "the tally to stop",
        "document.getElementById('tally').textContent.includes('Chưa tính được')",
    )
    .await;
    c.execute(
        &format!("document.querySelector(\"{votes}\").scrollIntoView({{block: 'center'}});"),
        vec![],
    )
    .await
    .unwrap();
    screenshot(c, shots, "3-count-error.png").await;
    click(c, "#tab-preview").await;
    wait_for(
        c,
        "the preview to say why it shows nothing",
        "(document.getElementById('preview-frame').srcdoc || '').includes('Chưa xem được văn bản')",
    )
    .await;
    click(c, "#tab-count").await;
    wait_for(
        c,
        "the count again",
        &format!("document.querySelector(\"{votes}\")"),
    )
    .await;
    type_into(c, votes, "112").await;
    wait_for(
        c,
        "the tally to come back",
        "document.querySelector('#tally table') && !document.querySelector(\"[aria-invalid=true]\")",
    )
    .await;
    let elected = text_of(c, "#tally tbody tr.elected td").await;
    assert!(!elected.is_empty());
    click(c, "#minutes-preview").await;
    wait_for(
        c,
        "the vote-count minutes",
        "document.getElementById('minutes-frame').dataset.url",
    )
    .await;
    let minutes = pdf_in_frame(c, "minutes-frame").await;
    assert!(minutes.starts_with(b"%PDF-"));
    screenshot(c, shots, "4-count.png").await;

    // Import a 20-row sheet of guests: 18 added, the two bad rows named by row and column.
    click(c, "#tab-import").await;
    let sheet = common::root().join("tests/fixtures/import/guests_20.xlsx");
    c.find(Locator::Css("#import-file"))
        .await
        .unwrap()
        .send_keys(&sheet.display().to_string())
        .await
        .unwrap();
    click(c, "#import-run").await;
    let added = wait_for(
        c,
        "the import",
        "document.querySelector('#import-result .added') && document.querySelector('#import-result .added').textContent",
    )
    .await;
    assert!(
        added.as_str().unwrap().starts_with("Đã thêm 18 dòng"),
        "{added}"
    );
    let report = text_of(c, "#import-result tbody").await;
    assert!(report.contains("8 B (Họ và tên)"), "{report}");
    assert!(report.contains("13 C (Chức vụ)"), "{report}");
    screenshot(c, shots, "5-import.png").await;

    // One button for the whole pack; its manifest lists the changed and the imported guests.
    click(c, "#pack").await;
    let deadline = Instant::now() + Duration::from_secs(120);
    let zip = loop {
        if let Some(p) = downloaded(downloads, "ho-so-dai-hoi.zip") {
            break p;
        }
        assert!(Instant::now() < deadline, "the pack was not downloaded");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let mut manifest = String::new();
    archive
        .by_name("manifest.json")
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    let manifest: Value = serde_json::from_str(&manifest).unwrap();
    let titles: Vec<&str> = manifest["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Giấy mời — Đồng chí Đinh Thị Lan Hạnh"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Giấy mời — Đồng chí Trần Thị Mai Hương"),
        "{titles:?}"
    );
    let invitations = titles.iter().filter(|t| t.starts_with("Giấy mời")).count();
    assert_eq!(invitations, common::sample().guests.len() + 18);
    assert_eq!(
        manifest["document_count"].as_u64().unwrap() as usize,
        titles.len()
    );
    screenshot(c, shots, "6-pack.png").await;

    // A file that is JSON but not a congress file: refused at once, the record kept.
    let not_a_record = scratch.join("danh-sach.json");
    std::fs::write(&not_a_record, "[1, 2]").unwrap();
    let before = c
        .execute("return localStorage.getItem('daihoi.congress');", vec![])
        .await
        .unwrap();
    c.find(Locator::Css("#open-file"))
        .await
        .unwrap()
        .send_keys(&not_a_record.display().to_string())
        .await
        .unwrap();
    let said = wait_for(
        c,
        "the refusal",
        "document.getElementById('status').textContent.includes('không phải hồ sơ đại hội') && document.getElementById('status').textContent",
    )
    .await;
    assert!(said.as_str().unwrap().contains("danh-sach.json"), "{said}");
    let after = c
        .execute("return localStorage.getItem('daihoi.congress');", vec![])
        .await
        .unwrap();
    assert_eq!(before, after);

    // The keyboard alone: the arrow keys move between the screens' tabs.
    let tab = c.find(Locator::Css("#tab-import")).await.unwrap();
    tab.send_keys(&char::from(fantoccini::key::Key::Right).to_string())
        .await
        .unwrap();
    wait_for(
        c,
        "the arrow key to open the next screen",
        "document.activeElement.id === 'tab-record' && !document.getElementById('screen-record').hidden",
    )
    .await;

    // A file with a misspelt field: the page says which field is meant, and the forms keep
    // the value rather than drop it without a word.
    let mut misspelt: Value = serde_json::from_str(&common::sample_text()).unwrap();
    misspelt["organisation"]["nam"] = json!("Đảng bộ phường Bạch Mai");
    let file = scratch.join("sai-ten-muc.json");
    std::fs::write(&file, misspelt.to_string()).unwrap();
    c.find(Locator::Css("#open-file"))
        .await
        .unwrap()
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    accept_question(c).await;
    wait_for(
        c,
        "the misspelt field named",
        "document.getElementById('problems').textContent.includes('có phải “name”')",
    )
    .await;
    click(c, "#section-0").await;
    wait_for(
        c,
        "the organisation's form",
        "document.querySelector('#form input')",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let kept = c
        .execute(
            "return JSON.parse(localStorage.getItem('daihoi.congress')).organisation.nam || null;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(kept, json!("Đảng bộ phường Bạch Mai"));
    assert!(text_of(c, "#problems").await.contains("có phải “name”"));
}
