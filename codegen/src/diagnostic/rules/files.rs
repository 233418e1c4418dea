//! Rules of files, of the YAML in them and of the shape of a spec: the loader reports these,
//! one per file, before validation.

use super::{Rule, rules};

// Helps several rules share.
const SPLIT_FILES: &str = "a spec describes one API: split unrelated APIs into files of their own";
const FEW_PAGES: &str = "a spec describes one API in a few pages of YAML";
const ONE_DOCUMENT: &str =
    "remove the `---` separator, or move the second API into a file of its own";
const TOO_DEEP: &str = "a spec needs a handful of levels: check the indentation and the brackets";
const QUOTE_HELP: &str = "end the text with `{quote}` on the line it starts on; a `{quote}` inside it is written `{escaped}`";

rules! {
    FILE_UNREADABLE {
        id: "file-unreadable", applies_to: "file",
        message: ["cannot read: {error}"], help: [],
    }
    FOLDER_UNREADABLE {
        id: "folder-unreadable", applies_to: "folder",
        message: ["cannot read folder: {error}"], help: [],
    }
    FILE_TOO_LARGE {
        id: "file-too-large", applies_to: "file",
        message: ["file is {size} bytes; a spec may be at most {max} bytes"],
        help: [SPLIT_FILES],
    }
    FILE_NOT_UTF8 {
        id: "file-not-utf8", applies_to: "file",
        message: ["file is not valid UTF-8 text (is it a binary file?)"],
        help: ["a spec is a UTF-8 YAML text file"],
    }
    FILE_EMPTY {
        id: "file-empty", applies_to: "file",
        message: ["spec file is empty"],
        help: ["a spec needs at least `api:` with a `name:`, such as `api: {{ name: Acme Payments }}`"],
    }
    FILE_NAME_INVALID {
        id: "file-name-invalid", applies_to: "file",
        message: ["file name `{stem}` is not a valid Rust module name"],
        help: [
            "rename the file to `{suggestion}.yaml`",
            "name spec files in snake_case, starting with a letter, and not a Rust keyword",
        ],
    }
    FILE_NAME_INDEX {
        id: "file-name-index", applies_to: "file",
        message: ["file name `index` is the name of the docs index page"],
        help: ["rename the file, for example to `index_api.yaml`"],
    }
    MODULE_TWICE {
        id: "module-twice", applies_to: "file",
        message: ["`{first}` and `{second}` both define the module `{module}`"],
        help: ["keep one file per API: rename or remove one of them"],
    }
    MODULE_TAKEN {
        id: "module-taken", applies_to: "file",
        message: ["the module name `{module}` is already taken in this crate"],
        help: ["`{root}` has an item `{module}` beside the generated modules; rename the spec file"],
    }
    PARSER_FAILED {
        id: "parser-failed", applies_to: "file",
        message: ["internal error: the YAML parser failed on this file"],
        help: ["please report this file to the errspec maintainers"],
    }
    KEY_UNKNOWN {
        id: "key-unknown", applies_to: "any mapping",
        message: ["unknown key `{key}`"],
        help: ["did you mean `{best}`? keys allowed here: {allowed}", "keys allowed here: {allowed}"],
    }
    KEY_MISSING {
        id: "key-missing", applies_to: "any mapping",
        message: ["`{owner}` is missing the required key `{key}`", "missing the required key `{key}`"],
        help: ["add `{key}: ...`"],
    }
    /// The shape serde expected, with what the source shows where it can.
    VALUE_WRONG_TYPE {
        id: "value-wrong-type", applies_to: "any value",
        message: [
            "`{key}` must be {expected}, not {found}",
            "`{key}` must be {expected}",
            "expected {expected} here, not {found}",
            "expected {expected} here",
        ],
        help: [
            "is a colon missing? a key is followed by `: `, as in `{colon_key}: {colon_value}`",
            "is a colon missing? a key whose value is the indented lines below it ends with `:`, as in `{colon_key}:`",
        ],
    }
    /// A value serde read but refused, with serde's word for it.
    VALUE_INVALID {
        id: "value-invalid", applies_to: "any value",
        message: [
            "`{key}` must be {expected}, not {found}, found {unexpected}",
            "`{key}` must be {expected}, found {unexpected}",
            "expected {expected} here, not {found}, found {unexpected}",
            "expected {expected} here, found {unexpected}",
        ],
        help: [],
    }
    KEY_TWICE {
        id: "key-twice", applies_to: "any mapping",
        message: ["key `{key}` is given twice in the same mapping"],
        help: ["remove one of them"],
    }
    YAML_SYNTAX {
        id: "yaml-syntax", applies_to: "YAML syntax",
        message: ["{parser_message}"], help: [],
    }
    YAML_TAB {
        id: "yaml-tab", applies_to: "YAML syntax",
        message: ["{parser_message}"],
        help: ["indent with spaces: YAML does not allow tabs in indentation"],
    }
    YAML_BINARY {
        id: "yaml-binary", applies_to: "YAML syntax",
        message: ["{parser_message}"],
        help: ["a spec is a YAML text file: is this a binary file?"],
    }
    YAML_KEY_EXPECTED {
        id: "yaml-key-expected", applies_to: "YAML syntax",
        message: ["{parser_message}"],
        help: ["check the indentation of this line and of the lines above it: the keys of one mapping start in the same column"],
    }
    YAML_EOF {
        id: "yaml-eof", applies_to: "YAML syntax",
        message: ["the file ends in the middle of a value"], help: [],
    }
    YAML_NOT_UTF8 {
        id: "yaml-not-utf8", applies_to: "YAML syntax",
        message: ["file is not valid UTF-8 text"], help: [],
    }
    YAML_TAB_INDENT {
        id: "yaml-tab-indent", applies_to: "YAML syntax",
        message: ["this line is indented with a tab, and YAML allows no tabs in indentation"],
        help: ["indent with spaces instead"],
    }
    YAML_QUOTE_UNCLOSED {
        id: "yaml-quote-unclosed", applies_to: "YAML syntax",
        message: ["the quoted text that starts here has no closing `{quote}`"],
        help: [QUOTE_HELP],
    }
    YAML_QUOTE_RUNS_ON {
        id: "yaml-quote-runs-on", applies_to: "YAML syntax",
        message: ["the quoted text that starts here does not end on its line: its `{quote}` is missing, so the text runs on to line {line}"],
        help: [QUOTE_HELP],
    }
    YAML_BRACKET_UNCLOSED {
        id: "yaml-bracket-unclosed", applies_to: "YAML syntax",
        message: ["the {collection} that starts here has no closing `{close}`"],
        help: ["end the {collection} with `{close}`: a list is written `[a, b]`, a mapping `{{ key: value }}`"],
    }
    /// Found by reading the text: the parser stopped at a later line, which a note marks.
    YAML_BRACKET_RUNS_ON {
        id: "yaml-bracket-runs-on", applies_to: "YAML syntax",
        message: ["the {collection} that starts here has no closing `{close}`"],
        help: ["end the {collection} with `{close}` on this line: a list is written `[a, b]`, a mapping `{{ key: value }}`"],
    }
    YAML_BRACKET_MISMATCHED {
        id: "yaml-bracket-mismatched", applies_to: "YAML syntax",
        message: ["the {collection} that starts here is closed by the wrong bracket"],
        help: ["end the {collection} with `{close}`: a list is written `[a, b]`, a mapping `{{ key: value }}`"],
    }
    YAML_COLON_IN_VALUE {
        id: "yaml-colon-in-value", applies_to: "YAML syntax",
        message: ["the value of `{key}` holds `: `, which YAML reads as the start of another key"],
        help: ["put the value in quotes: `{key}: \"{quoted}\"`"],
    }
    YAML_INDENT_DEEPER {
        id: "yaml-indent-deeper", applies_to: "YAML syntax",
        message: ["`{key}:` is indented more than `{above}:` on line {line}, so YAML reads it as part of the value of `{above}`"],
        help: ["keys of one mapping start in the same column: indent `{key}:` by {indent} spaces, like `{above}:`"],
    }
    YAML_INDENT_TOO_FAR {
        id: "yaml-indent-too-far", applies_to: "YAML syntax",
        message: ["`: ` where YAML expects no key: is this line indented too far?"], help: [],
    }
    YAML_INDENT_BETWEEN {
        id: "yaml-indent-between", applies_to: "YAML syntax",
        message: [
            "`{key}:` is indented by {indent} spaces, in line with no key above it",
            "this line is indented by {indent} spaces, in line with no key above it",
        ],
        help: ["keys of one mapping start in the same column: indent it {choices}"],
    }
    YAML_INDENT_OUT_OF_MAPPING {
        id: "yaml-indent-out-of-mapping", applies_to: "YAML syntax",
        message: ["`{key}:` is indented by {indent} spaces, so it is not a key of `{owner}`, whose keys are indented by {expected}"],
        help: [
            "indent `{key}:` by {expected} spaces, like `{sibling}:` on line {line}",
            "indent `{key}:` by {expected} spaces",
        ],
    }
    YAML_TOO_DEEP {
        id: "yaml-too-deep", applies_to: "YAML limits",
        message: ["the file nests deeper than 32 levels"], help: [TOO_DEEP],
    }
    YAML_ALIASES_EXPAND {
        id: "yaml-aliases-expand", applies_to: "YAML limits",
        message: ["aliases expand to too much: a spec may copy at most 10,000 YAML events through aliases, 8 aliases deep"],
        help: ["write the repeated values out, or share fewer of them through `&anchor`/`*alias`"],
    }
    YAML_ANCHOR_UNKNOWN {
        id: "yaml-anchor-unknown", applies_to: "YAML syntax",
        message: ["alias names an anchor that is not defined"],
        help: ["define the anchor with `&name` before using it as `*name`"],
    }
    YAML_DOCUMENTS {
        id: "yaml-documents", applies_to: "YAML limits",
        message: ["a spec file holds one YAML document, but this file has more"],
        help: [ONE_DOCUMENT],
    }
    YAML_ALIASES {
        id: "yaml-aliases", applies_to: "YAML limits",
        message: ["the file uses more than 64 aliases"],
        help: ["write the repeated values out instead of `*alias`"],
    }
    YAML_ANCHORS {
        id: "yaml-anchors", applies_to: "YAML limits",
        message: ["the file defines more than 1,000 anchors"],
        help: ["a spec needs few `&anchor`s, if any"],
    }
    YAML_MERGE_KEYS {
        id: "yaml-merge-keys", applies_to: "YAML limits",
        message: ["the file uses more than 64 merge keys (`<<`)"],
        help: ["write the shared keys out"],
    }
    YAML_NODES {
        id: "yaml-nodes", applies_to: "YAML limits",
        message: ["the file has more than {max} YAML values; a spec may have at most that many"],
        help: [SPLIT_FILES],
    }
    YAML_EVENTS {
        id: "yaml-events", applies_to: "YAML limits",
        message: ["the file has more than {max} YAML parser events; a spec may have at most that many"],
        help: ["a spec describes one API in a few pages of YAML: split unrelated APIs into files of their own"],
    }
    YAML_TEXT_BYTES {
        id: "yaml-text-bytes", applies_to: "YAML limits",
        message: ["the file's text exceeds {max} bytes"], help: [FEW_PAGES],
    }
    YAML_TOO_COMPLEX {
        id: "yaml-too-complex", applies_to: "YAML limits",
        message: ["the file is too large or too complex to be a spec"], help: [FEW_PAGES],
    }
}
