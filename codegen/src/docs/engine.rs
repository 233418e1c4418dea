//! The Tera templates: the built-in ones, overrides from a templates folder, the escaping
//! filters, and errors that name the template file and line.
//!
//! Spec text only ever reaches Tera as context data, never as template source, so `{{ }}` in a
//! spec is printed, not evaluated.

use super::escape;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use tera::{ArgFromValue, Kwargs, State, Tera, TeraResult, Value};

/// The built-in templates, by name. A templates folder may replace any of them and add more.
pub const BUILTIN: &[(&str, &str)] = &[
    ("api.md", include_str!("templates/api.md")),
    ("index.md", include_str!("templates/index.md")),
    ("examples.md", include_str!("templates/examples.md")),
    ("code.md", include_str!("templates/code.md")),
    ("site/api.html", include_str!("templates/site/api.html")),
    ("site/index.html", include_str!("templates/site/index.html")),
    ("site/style.css", include_str!("templates/site/style.css")),
    ("site/script.js", include_str!("templates/site/script.js")),
];

/// The template rendered once per API into `docs/<id>.md`.
pub const API_TEMPLATE: &str = "api.md";
/// The template rendered once into `docs/index.md`.
pub const INDEX_TEMPLATE: &str = "index.md";
/// The template rendered once per API into `site/<id>.html`.
pub const SITE_API_TEMPLATE: &str = "site/api.html";
/// The template rendered once into `site/index.html`.
pub const SITE_INDEX_TEMPLATE: &str = "site/index.html";
/// The site's style sheet, inlined into every page.
pub const SITE_STYLE_TEMPLATE: &str = "site/style.css";
/// The site's script, inlined into every page.
pub const SITE_SCRIPT_TEMPLATE: &str = "site/script.js";

/// A template folder is read at most this deep, so a symlink loop cannot hang the generator.
const MAX_DEPTH: usize = 8;

/// A set of parsed templates, ready to render.
pub struct Templates {
    tera: Tera,
    /// Where each template came from, for error messages.
    origins: BTreeMap<String, Origin>,
}

impl fmt::Debug for Templates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Templates")
            .field("origins", &self.origins)
            .finish_non_exhaustive()
    }
}

/// Where a template's text came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the generator.
    Builtin,
    /// Read from this file.
    File(PathBuf),
}

impl Origin {
    fn describe(&self, name: &str) -> String {
        match self {
            Self::Builtin => format!("<built-in template {name}>"),
            Self::File(path) => path.display().to_string(),
        }
    }
}

/// A template that cannot be read, parsed or rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    /// The template file (or `<built-in template NAME>`).
    pub file: String,
    /// 1-based line in the template, 0 when unknown.
    pub line: usize,
    /// 1-based column in the template, 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// Tera's report: the template line with the offending text underlined, when known.
    pub report: Option<String>,
}

impl TemplateError {
    fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            report: None,
        }
    }
}

/// `file:line:col: error: message`, like every other located error of errspec, then Tera's
/// report with the template line.
impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        } else {
            write!(f, "{}: ", self.file)?;
        }
        write!(f, "error: template: {}", self.message)?;
        if let Some(report) = &self.report {
            write!(f, "\n{report}")?;
        }
        Ok(())
    }
}

impl std::error::Error for TemplateError {}

impl Templates {
    /// The built-in templates.
    pub fn builtin() -> Result<Self, TemplateError> {
        Self::build(
            BUILTIN
                .iter()
                .map(|(name, text)| ((*name).to_owned(), ((*text).to_owned(), Origin::Builtin)))
                .collect(),
        )
    }

    /// The built-in templates, with every file of `dir` (and its subfolders, named with `/`)
    /// replacing the built-in template of the same name or adding a new one (for `include`).
    /// Hidden files are skipped.
    pub fn with_dir(dir: &Path) -> Result<Self, TemplateError> {
        let mut sources: BTreeMap<String, (String, Origin)> = BUILTIN
            .iter()
            .map(|(name, text)| ((*name).to_owned(), ((*text).to_owned(), Origin::Builtin)))
            .collect();
        let mut files = Vec::new();
        collect_files(dir, "", 0, &mut files)?;
        for (name, path) in files {
            let text = std::fs::read(&path)
                .map_err(|e| {
                    TemplateError::new(path.display().to_string(), format!("cannot read: {e}"))
                })
                .and_then(|bytes| {
                    String::from_utf8(bytes).map_err(|_| {
                        TemplateError::new(
                            path.display().to_string(),
                            "template is not valid UTF-8",
                        )
                    })
                })?;
            sources.insert(name, (text, Origin::File(path)));
        }
        Self::build(sources)
    }

    fn build(sources: BTreeMap<String, (String, Origin)>) -> Result<Self, TemplateError> {
        let origins: BTreeMap<String, Origin> = sources
            .iter()
            .map(|(name, (_, origin))| (name.clone(), origin.clone()))
            .collect();
        let mut tera = Tera::new();
        // The Markdown pages escape with the filters below (HTML-escaping is wrong for them);
        // the site's pages are HTML, escaped by Tera.
        tera.autoescape_on([".html"]);
        register_filters(&mut tera);
        tera.add_raw_templates(sources.iter().map(|(name, (text, _))| (name, text)))
            .map_err(|e| located(&origins, &e))?;
        Ok(Self { tera, origins })
    }

    /// Where each template came from.
    pub fn origins(&self) -> &BTreeMap<String, Origin> {
        &self.origins
    }

    /// A Tera error (such as a failure to build a context value) as a [`TemplateError`].
    pub(crate) fn error(&self, error: &tera::Error) -> TemplateError {
        located(&self.origins, error)
    }

    /// Renders template `name` with `context` (any serialisable struct: its fields become the
    /// template's variables).
    pub fn render(
        &self,
        name: &str,
        context: &impl serde::Serialize,
    ) -> Result<String, TemplateError> {
        let context =
            tera::Context::from_serialize(context).map_err(|e| located(&self.origins, &e))?;
        self.tera
            .render(name, &context)
            .map_err(|e| located(&self.origins, &e))
    }
}

/// A Tera error as a [`TemplateError`] naming the template file, line and column.
fn located(origins: &BTreeMap<String, Origin>, error: &tera::Error) -> TemplateError {
    let file_of = |name: &str| {
        origins
            .get(name)
            .map_or_else(|| name.to_owned(), |o| o.describe(name))
    };
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            TemplateError {
                file: file_of(report.filename()),
                line: span.start_line,
                column: span.start_col + 1,
                message: report.message().to_owned(),
                report: Some(source_excerpt(&error.to_string())),
            }
        }
        tera::ErrorKind::TemplateNotFound(name) => TemplateError::new(
            file_of(name),
            format!("template `{name}` not found (a templates folder may add it)"),
        ),
        // Reference checks (unknown filters, includes, components) come as ready-made
        // reports, one per problem: locate the first, keep the others as the report's tail.
        tera::ErrorKind::Msg(text) => match parse_report(text) {
            Some(first) => TemplateError {
                file: file_of(&first.template),
                line: first.line,
                column: first.column,
                message: first.message,
                report: Some(first.rest),
            },
            None => TemplateError::new("templates", text.clone()),
        },
        _ => TemplateError::new("templates", error.to_string()),
    }
}

/// The first problem of a Tera report (`error: MESSAGE` then ` --> TEMPLATE:LINE:COL`).
struct ParsedReport {
    message: String,
    template: String,
    line: usize,
    column: usize,
    /// The report after its `-->` line.
    rest: String,
}

fn parse_report(text: &str) -> Option<ParsedReport> {
    let mut lines = text.lines();
    let message = lines.next()?.strip_prefix("error: ")?.to_owned();
    let locus = lines.next()?.trim_start().strip_prefix("--> ")?;
    let mut parts = locus.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let template = parts.next()?.to_owned();
    Some(ParsedReport {
        message,
        template,
        line,
        column,
        rest: lines.collect::<Vec<_>>().join("\n"),
    })
}

/// Tera's report without its headline and `-->` line, which name the template rather than its
/// file: the numbered source line and the underline.
fn source_excerpt(report: &str) -> String {
    let lines: Vec<&str> = report.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with("-->"))
        .map_or(0, |i| i + 1);
    lines[start..].join("\n")
}

/// Lists the files under `dir`, sorted, as (template name, path).
fn collect_files(
    dir: &Path,
    prefix: &str,
    depth: usize,
    files: &mut Vec<(String, PathBuf)>,
) -> Result<(), TemplateError> {
    let io = |e: std::io::Error| {
        TemplateError::new(
            dir.display().to_string(),
            format!("cannot read folder: {e}"),
        )
    };
    let mut entries = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(io)?;
    entries.sort();
    for path in entries {
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if file_name.starts_with('.') {
            continue;
        }
        let name = format!("{prefix}{file_name}");
        if path.is_dir() {
            if depth < MAX_DEPTH {
                collect_files(&path, &format!("{name}/"), depth + 1, files)?;
            }
        } else if path.is_file() {
            files.push((name, path));
        }
    }
    Ok(())
}

/// The escaping filters every template uses on spec text (see [`escape`]).
fn register_filters(tera: &mut Tera) {
    tera.register_filter("text", |v: &Value, _: Kwargs, _: &State| {
        filter(v, escape::text_into)
    });
    tera.register_filter("code", |v: &Value, _: Kwargs, _: &State| {
        filter(v, escape::code_into)
    });
    tera.register_filter("markdown", |v: &Value, _: Kwargs, _: &State| {
        filter(v, escape::markdown_into)
    });
    tera.register_filter("markdown_line", |v: &Value, _: Kwargs, _: &State| {
        filter(v, escape::markdown_line_into)
    });
    tera.register_filter("markdown_html", |v: &str, _: Kwargs, _: &State| {
        Value::safe_string(&escape::markdown_html(v))
    });
}

thread_local! {
    /// Where the filters write, so escaping a text allocates nothing but the result.
    static SCRATCH: RefCell<String> = const { RefCell::new(String::new()) };
}

/// A filter's scratch buffer is given back to the thread only up to this capacity.
const SCRATCH_KEPT: usize = 64 * 1024;

/// Applies `escape` to the string `value`: a value that is not a string is refused as a
/// `&str` argument would be. Text the escape leaves as it is comes back as the same value,
/// with no copy.
fn filter(value: &Value, escape: fn(&str, &mut String)) -> TeraResult<Value> {
    let text = <&str as ArgFromValue>::from_value(value)?;
    let result = |out: &str| {
        // A value marked safe is returned as a plain string, as a new one would be.
        if out == text && !value.is_safe() {
            value.clone()
        } else {
            Value::from(out)
        }
    };
    Ok(SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut out) => {
            out.clear();
            escape(text, &mut out);
            let value = result(&out);
            if out.capacity() > SCRATCH_KEPT {
                *out = String::new();
            }
            value
        }
        // Only if a filter ran inside a filter on this thread, which Tera does not do.
        Err(_) => {
            let mut out = String::new();
            escape(text, &mut out);
            result(&out)
        }
    }))
}
