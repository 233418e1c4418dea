//! The site in a real browser: Debian's headless Chromium, driven over the DevTools protocol,
//! loads the generated pages from a loopback server and checks that every code's anchor is
//! there, that `?q=`, `?status=` and `?retry=` hide the rows they should, that a copy button
//! copies its example, that hostile spec text is text, and that nothing else is requested.
//! Screenshots of the index and one API page, light and dark, are saved under the target
//! folder (`site-screenshots/`) for people to look at.

use crate::common::apis;
use base64::Engine as _;
use errspec_codegen::__internals::docs::{self, engine::Templates};
use serde_json::{Value, json};
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A browser started for one test, killed when dropped.
struct Chromium {
    child: Child,
    socket: tungstenite::WebSocket<TcpStream>,
    next_id: u64,
    session: String,
    /// The URLs of every request the page made.
    requests: Vec<String>,
    _profile: tempfile::TempDir,
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Chromium: from `CHROMIUM`, else on the PATH.
pub fn chromium() -> Result<PathBuf, String> {
    crate::needs::program(
        Some("CHROMIUM"),
        "chromium",
        "chromium is not installed: apt-get install chromium, or set CHROMIUM",
    )
}

impl Chromium {
    fn launch(program: &Path) -> Self {
        let profile = tempfile::tempdir().expect("a profile folder");
        let mut child = Command::new(program)
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
            ])
            .args([
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let stderr = child.stderr.take().expect("stderr");
        let (found, wait) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.split("DevTools listening on ").nth(1) {
                    let _ = found.send(url.trim().to_owned());
                }
            }
        });
        let url = wait
            .recv_timeout(Duration::from_secs(30))
            .expect("chromium prints its DevTools address");
        let rest = url
            .strip_prefix("ws://127.0.0.1:")
            .expect("a loopback address");
        let port: u16 = rest
            .split('/')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a port");
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let (socket, _) =
            tungstenite::client(url.as_str(), stream).expect("the DevTools handshake");
        let mut browser = Self {
            child,
            socket,
            next_id: 0,
            session: String::new(),
            requests: Vec::new(),
            _profile: profile,
        };
        let target = browser.call(
            false,
            "Target.createTarget",
            json!({ "url": "about:blank" }),
        );
        let attached = browser.call(
            false,
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("a session")
            .to_owned();
        browser.call(true, "Page.enable", json!({}));
        browser.call(true, "Network.enable", json!({}));
        browser.call(
            true,
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": 1100, "height": 1400, "deviceScaleFactor": 1, "mobile": false }),
        );
        browser
    }

    /// Sends a command (to the page's session, or to the browser) and returns its result,
    /// recording the page's requests from the events that come in between.
    fn call(&mut self, to_page: bool, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if to_page {
            message["sessionId"] = self.session.clone().into();
        }
        self.socket
            .send(tungstenite::Message::text(message.to_string()))
            .expect("send");
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            let text = match self.socket.read().expect("a DevTools message") {
                tungstenite::Message::Text(text) => text.to_string(),
                _ => continue,
            };
            let reply: Value = serde_json::from_str(&text).expect("JSON");
            if reply["method"] == "Network.requestWillBeSent" {
                self.requests.push(
                    reply["params"]["request"]["url"]
                        .as_str()
                        .unwrap_or("")
                        .to_owned(),
                );
            }
            if reply["id"] == id {
                assert!(reply.get("error").is_none(), "{method}: {}", reply["error"]);
                return reply["result"].clone();
            }
        }
        panic!("{method}: no answer in 30 s");
    }

    /// The value of a JavaScript expression (awaited when it is a promise).
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(true, "Runtime.evaluate", json!({ "expression": expression, "returnByValue": true, "awaitPromise": true, "userGesture": true }));
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression}: {}",
            result["exceptionDetails"]
        );
        result["result"]["value"].clone()
    }

    /// Opens `url` and waits until the page has loaded and run its script.
    fn open(&mut self, url: &str) {
        self.call(true, "Page.navigate", json!({ "url": url }));
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.eval("document.readyState === 'complete' && location.href") != json!(url) {
            assert!(Instant::now() < deadline, "{url} did not load");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn screenshot(&mut self, path: &Path) {
        let shot = self.call(
            true,
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": false }),
        );
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("data"))
            .expect("base64");
        std::fs::write(path, png).expect("screenshot saved");
    }
}

/// Serves `root` on a free loopback port, one request per connection, until the test ends.
fn serve(root: PathBuf) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("a loopback port");
    let port = listener.local_addr().unwrap().port();
    let served = Arc::new(Mutex::new(Vec::new()));
    let log = served.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(200) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut buffer = [0u8; 4096];
            let n = stream.read(&mut buffer).unwrap_or(0);
            let request = String::from_utf8_lossy(&buffer[..n]);
            let path = request
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .split('?')
                .next()
                .unwrap_or("/")
                .to_owned();
            log.lock().unwrap().push(path.clone());
            let file = root.join(path.trim_start_matches('/'));
            let response = match std::fs::read(&file) {
                Ok(body) if !path.contains("..") => [format!("HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n", body.len()).into_bytes(), body].concat(),
                _ => b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_vec(),
            };
            let _ = stream.write_all(&response);
        }
    });
    (port, served)
}

pub fn the_site_works_in_headless_chromium(program: PathBuf) {
    let mut all = apis("spec");
    all.extend(apis("tests/hostile"));
    let (pages, index) = docs::site_pages(&Templates::builtin().unwrap(), &all).expect("renders");
    let root = tempfile::tempdir().expect("a site folder");
    for (api, page) in all.iter().zip(&pages) {
        std::fs::write(root.path().join(format!("{}.html", api.id)), page).unwrap();
    }
    std::fs::write(root.path().join("index.html"), &index).unwrap();
    let (port, served) = serve(root.path().to_path_buf());
    let base = format!("http://127.0.0.1:{port}");
    let mut browser = Chromium::launch(&program);
    browser.call(
        false,
        "Browser.grantPermissions",
        json!({ "origin": base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
    );

    // Every code's anchor, on every page, and every row shown by default.
    for api in &all {
        browser.open(&format!("{base}/{}.html", api.id));
        let ids = browser.eval("JSON.stringify(Array.from(document.querySelectorAll('[data-text]'), e => [e.id, e.hidden]))");
        let found: Vec<(String, bool)> = serde_json::from_str(ids.as_str().unwrap()).unwrap();
        let expected: Vec<(String, bool)> = api
            .errors
            .iter()
            .map(|e| (docs::escape::anchor("code", &e.code), false))
            .collect();
        assert_eq!(found, expected, "{}", api.id);
    }

    // The filters, read from the URL.
    let visible = "JSON.stringify(Array.from(document.querySelectorAll('[data-text]'), e => e).filter(e => !e.hidden).map(e => e.id))";
    for (query, want) in [
        ("q=signature", vec!["code-SIGNATURE_INVALID"]),
        ("q=MINUTES", vec!["code-TIMESTAMP_EXPIRED"]),
        (
            "status=401",
            vec!["code-SIGNATURE_INVALID", "code-TIMESTAMP_EXPIRED"],
        ),
        ("retry=after_refresh", vec!["code-VERSION_CONFLICT"]),
        ("status=401&q=timestamp", vec!["code-TIMESTAMP_EXPIRED"]),
        ("q=no-such-code", vec![]),
    ] {
        browser.open(&format!("{base}/funder_offers.html?{query}"));
        let shown: Vec<String> =
            serde_json::from_str(browser.eval(visible).as_str().unwrap()).unwrap();
        assert_eq!(shown, want, "?{query}");
        let count = browser.eval("document.querySelector('.count').textContent");
        assert_eq!(
            count,
            json!(format!("{} of 4 shown", want.len())),
            "?{query}"
        );
    }
    // Typing filters too, and writes the filter into the URL for a link.
    browser.open(&format!("{base}/funder_offers.html"));
    browser.eval("(() => { const q = document.querySelector('input[name=q]'); q.value = 'conflict'; q.dispatchEvent(new Event('input', { bubbles: true })); })()");
    assert_eq!(browser.eval("location.search"), json!("?q=conflict"));
    let shown: Vec<String> = serde_json::from_str(browser.eval(visible).as_str().unwrap()).unwrap();
    assert_eq!(shown, ["code-VERSION_CONFLICT"]);

    // The copy button copies the example, as a click does it.
    browser.open(&format!("{base}/funder_offers.html"));
    let copy = "button[data-copy='code-VERSION_CONFLICT-body']";
    let at = browser.eval(&format!("(() => {{ const b = document.querySelector(\"{copy}\"); b.scrollIntoView(); const r = b.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"));
    for kind in ["mousePressed", "mouseReleased"] {
        browser.call(
            true,
            "Input.dispatchMouseEvent",
            json!({ "type": kind, "x": at[0], "y": at[1], "button": "left", "clickCount": 1 }),
        );
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while browser.eval(&format!("document.querySelector(\"{copy}\").textContent"))
        != json!("Copied")
    {
        assert!(Instant::now() < deadline, "the button never said Copied");
        std::thread::sleep(Duration::from_millis(50));
    }
    let copied = browser.eval("navigator.clipboard.readText()");
    let example: Value =
        serde_json::from_str(copied.as_str().expect("text")).expect("the copied example is JSON");
    assert_eq!(
        example,
        json!({ "error": "VERSION_CONFLICT", "message": "Another update happened between your read and write." })
    );

    // Hostile text is text: the page has its one script, and shows the spec's as written.
    browser.open(&format!("{base}/hostile_api.html"));
    assert_eq!(browser.eval("document.scripts.length"), json!(1));
    let text = browser.eval("document.body.innerText");
    assert!(
        text.as_str()
            .unwrap()
            .contains("<script>alert('x')</script>"),
        "the message shows as text"
    );
    assert!(text.as_str().unwrap().contains("{{ message }}"));

    // Screenshots, light and dark.
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("site-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for scheme in ["light", "dark"] {
        browser.call(
            true,
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        );
        for page in ["index", "funder_offers"] {
            browser.open(&format!("{base}/{page}.html"));
            let background = browser.eval("getComputedStyle(document.body).backgroundColor");
            let dark = background == json!("rgb(13, 17, 23)");
            assert_eq!(dark, scheme == "dark", "{page} in {scheme}: {background}");
            browser.screenshot(&shots.join(format!("{page}-{scheme}.png")));
        }
    }

    // Nothing but the pages themselves was requested.
    let pages: Vec<String> = browser
        .requests
        .iter()
        .filter(|url| !url.starts_with("about:"))
        .cloned()
        .collect();
    for url in &pages {
        assert!(
            url.starts_with(&format!("{base}/"))
                && url.split('?').next().unwrap().ends_with(".html"),
            "requested {url}"
        );
    }
    let served = served.lock().unwrap();
    assert!(
        served.iter().all(|path| path.ends_with(".html")),
        "served {served:?}"
    );
}
