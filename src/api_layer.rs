//! The impls every tower layer for one API shares (axum's `CatalogLayer`, the telemetry
//! layer): a layer that holds nothing but its API, and a service that holds the inner one.

/// `$layer<A>`, which holds its API, and `$service<A, S>`, which holds the inner service, each
/// with its doc comment; `new`, `Default`, `Clone` and `Debug` (which need no bound on `A` or
/// `S` beyond `Clone` for the service), and `Layer<S>`, wrapping the inner service.
macro_rules! api_layer {
    ($(#[$layer_doc:meta])* $layer:ident, $(#[$service_doc:meta])* $service:ident) => {
        $(#[$layer_doc])*
        pub struct $layer<A> {
            api: ::std::marker::PhantomData<fn() -> A>,
        }

        $(#[$service_doc])*
        pub struct $service<A, S> {
            inner: S,
            api: ::std::marker::PhantomData<fn() -> A>,
        }

        impl<A: $crate::Catalog> $layer<A> {
            /// The layer for API `A`.
            #[must_use]
            pub fn new() -> Self {
                Self {
                    api: ::std::marker::PhantomData,
                }
            }
        }

        impl<A: $crate::Catalog> Default for $layer<A> {
            fn default() -> Self {
                Self::new()
            }
        }

        impl<A> Clone for $layer<A> {
            fn clone(&self) -> Self {
                Self {
                    api: ::std::marker::PhantomData,
                }
            }
        }

        impl<A> ::std::fmt::Debug for $layer<A> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(stringify!($layer))
            }
        }

        impl<A: $crate::Catalog, S> ::tower::Layer<S> for $layer<A> {
            type Service = $service<A, S>;

            fn layer(&self, inner: S) -> Self::Service {
                $service {
                    inner,
                    api: ::std::marker::PhantomData,
                }
            }
        }

        impl<A, S: Clone> Clone for $service<A, S> {
            fn clone(&self) -> Self {
                Self {
                    inner: self.inner.clone(),
                    api: ::std::marker::PhantomData,
                }
            }
        }

        impl<A, S> ::std::fmt::Debug for $service<A, S> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(stringify!($service))
            }
        }
    };
}

pub(crate) use api_layer;
