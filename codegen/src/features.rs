//! Which optional parts of the `errspec` runtime the generated code is written for.
//!
//! Generated code contains no `cfg(feature = ...)`: a `cfg` in code that is `include!`d tests
//! the features of the *including* crate, which has none of errspec's. Instead, what is
//! emitted is decided when it is generated, from the features the `errspec` crate was built
//! with. errspec's build script exports them as `links` metadata, which cargo hands to the
//! build script of every crate that depends on errspec as `DEP_ERRSPEC_FEATURES` (and its
//! version as `DEP_ERRSPEC_VERSION`). The generated index file also asserts, at compile time,
//! that the errspec it compiles against has exactly those features, so a mismatch is a clear
//! compile error rather than missing impls.

use std::fmt;

/// The environment variable with errspec's features, in the build script of a dependent.
pub(crate) const FEATURES_VAR: &str = "DEP_ERRSPEC_FEATURES";
/// The environment variable with errspec's version, in the build script of a dependent.
pub(crate) const VERSION_VAR: &str = "DEP_ERRSPEC_VERSION";

/// The features of the `errspec` crate that change what generated code contains.
///
/// Features of errspec that the generated code does not depend on (`governor`,
/// `ietf-ratelimit`, `tower`, `redis`, `reqwest`) are accepted and ignored.
///
/// ```
/// use errspec_codegen::RuntimeFeatures;
///
/// let features = RuntimeFeatures::parse("serde,http,governor").unwrap();
/// assert!(features.serde() && features.http());
/// assert!(!features.axum());
/// assert_eq!(RuntimeFeatures::parse("serde,http,axum").unwrap(), RuntimeFeatures::ALL);
/// assert_eq!(RuntimeFeatures::NONE.with_http(true).to_string(), "http");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RuntimeFeatures {
    serde: bool,
    http: bool,
    axum: bool,
}

impl RuntimeFeatures {
    /// None of the optional parts: the enums, limits and headers only.
    pub const NONE: Self = Self {
        serde: false,
        http: false,
        axum: false,
    };
    /// Every optional part this generator knows.
    pub const ALL: Self = Self {
        serde: true,
        http: true,
        axum: true,
    };

    /// With or without `serde`: the wire body `ErrorBody` and serde impls of `ErrorCode`.
    #[must_use]
    pub const fn with_serde(mut self, on: bool) -> Self {
        self.serde = on;
        self
    }

    /// With or without `http`: conversions between `Status` and `http::StatusCode`.
    #[must_use]
    pub const fn with_http(mut self, on: bool) -> Self {
        self.http = on;
        self
    }

    /// With or without `axum`: axum's `IntoResponse` for `ErrorCode` and `Status`. errspec's
    /// `axum` feature turns on `serde` and `http` too, so this one turns them on with it.
    #[must_use]
    pub const fn with_axum(mut self, on: bool) -> Self {
        self.axum = on;
        if on {
            self.serde = true;
            self.http = true;
        }
        self
    }

    /// Whether the wire body and the serde impls are generated.
    #[must_use]
    pub const fn serde(self) -> bool {
        self.serde
    }

    /// Whether the `http::StatusCode` conversions are generated.
    #[must_use]
    pub const fn http(self) -> bool {
        self.http
    }

    /// Whether axum's `IntoResponse` impls are generated.
    #[must_use]
    pub const fn axum(self) -> bool {
        self.axum
    }

    /// Parses a comma-separated list of errspec's feature names, as errspec's build script
    /// exports it. Names that do not change generated code are ignored; an empty list is
    /// [`RuntimeFeatures::NONE`].
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut features = Self::NONE;
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name {
                "serde" => features.serde = true,
                "http" => features.http = true,
                "axum" => features = features.with_axum(true),
                _ if name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') => {}
                _ => return Err(format!("`{name}` is not a feature name")),
            }
        }
        Ok(features)
    }

    /// The features of the errspec crate a build script's crate depends on, from
    /// `DEP_ERRSPEC_FEATURES`; an error saying what to do when cargo did not set it, or when the
    /// errspec crate is of another version than this generator.
    pub fn from_build_env() -> Result<Self, String> {
        Self::from_exported(
            std::env::var_os(FEATURES_VAR).map(|v| v.to_string_lossy().into_owned()),
            std::env::var(VERSION_VAR).ok(),
        )
    }

    /// The features from what errspec's build script exported: its feature list and version,
    /// each `None` when cargo did not set it.
    fn from_exported(list: Option<String>, version: Option<String>) -> Result<Self, String> {
        let Some(list) = list else {
            return Err(format!(
                "{FEATURES_VAR} is not set, so the features of errspec are unknown. Generated \
                 code needs `errspec` in the [dependencies] of the crate whose build script runs \
                 the Builder (cargo passes errspec's features to that build script only); \
                 outside a build script, call `Builder::runtime_features`"
            ));
        };
        let version = version.unwrap_or_default();
        let ours = env!("CARGO_PKG_VERSION");
        if version != ours {
            return Err(format!(
                "errspec {version} and errspec-codegen {ours} are different versions; use the \
                 same version of both (in [dependencies] and [build-dependencies])"
            ));
        }
        Self::parse(&list).map_err(|e| format!("{FEATURES_VAR} is not a list of features: {e}"))
    }
}

/// The feature names, comma-separated (`serde,http`), or `none`.
impl fmt::Display for RuntimeFeatures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = [
            (self.serde, "serde"),
            (self.http, "http"),
            (self.axum, "axum"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        if names.is_empty() {
            f.write_str("none")
        } else {
            f.write_str(&names.join(","))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RuntimeFeatures;

    #[test]
    fn parses_what_errspec_exports_and_ignores_other_features() {
        assert_eq!(RuntimeFeatures::parse(""), Ok(RuntimeFeatures::NONE));
        assert_eq!(
            RuntimeFeatures::parse("governor,ietf-ratelimit"),
            Ok(RuntimeFeatures::NONE)
        );
        assert_eq!(
            RuntimeFeatures::parse("http"),
            Ok(RuntimeFeatures::NONE.with_http(true))
        );
        assert_eq!(
            RuntimeFeatures::parse(" serde , http , axum"),
            Ok(RuntimeFeatures::ALL)
        );
        assert_eq!(
            RuntimeFeatures::parse("tower,redis,reqwest"),
            Ok(RuntimeFeatures::NONE)
        );
        assert_eq!(
            RuntimeFeatures::parse("axum"),
            Ok(RuntimeFeatures::ALL),
            "errspec's axum feature turns on serde and http"
        );
        assert!(RuntimeFeatures::parse("serde;http").is_err());
    }

    #[test]
    fn what_errspec_exports_decides_or_says_what_is_wrong() {
        let ours = Some(env!("CARGO_PKG_VERSION").to_owned());
        assert_eq!(
            RuntimeFeatures::from_exported(Some("axum,http,serde".into()), ours.clone()),
            Ok(RuntimeFeatures::ALL)
        );
        let unset = RuntimeFeatures::from_exported(None, ours.clone()).unwrap_err();
        assert!(unset.contains("DEP_ERRSPEC_FEATURES is not set"), "{unset}");
        assert!(unset.contains("Builder::runtime_features"), "{unset}");
        let other =
            RuntimeFeatures::from_exported(Some("serde".into()), Some("9.9.9".into())).unwrap_err();
        assert!(
            other.contains("errspec 9.9.9 and errspec-codegen"),
            "{other}"
        );
        assert!(other.contains("use the same version of both"), "{other}");
        let garbled = RuntimeFeatures::from_exported(Some("serde;http".into()), ours).unwrap_err();
        assert!(garbled.contains("is not a list of features"), "{garbled}");
    }

    #[test]
    fn displays_as_the_list_it_parses_from() {
        for features in [
            RuntimeFeatures::NONE,
            RuntimeFeatures::ALL,
            RuntimeFeatures::NONE.with_serde(true),
            RuntimeFeatures::NONE.with_http(true),
            RuntimeFeatures::NONE.with_serde(true).with_http(true),
        ] {
            let shown = features.to_string();
            let list = if shown == "none" { "" } else { &shown };
            assert_eq!(RuntimeFeatures::parse(list), Ok(features));
        }
    }
}
