//! The rate limit as an extractor: a handler that takes [`WithinRateLimit<R>`] first runs
//! only if the TCP peer (from `ConnectInfo`, which the server must be served with) is within
//! the limit of route group `R`, before any token is looked up or any body is read. Over
//! the limit, it answers 429 with `Retry-After`.

use super::ApiError;
use crate::rate_limit::RouteGroup;
use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::marker::PhantomData;
use std::net::SocketAddr;
use std::time::Instant;

/// A route group, as a type a handler can name.
pub trait LimitedRoute {
    const GROUP: RouteGroup;
}

pub struct SignInRoute;
pub struct LaunchesRoute;
pub struct LaunchExchangeRoute;
pub struct EventsRoute;

impl LimitedRoute for SignInRoute {
    const GROUP: RouteGroup = RouteGroup::SignIn;
}
impl LimitedRoute for LaunchesRoute {
    const GROUP: RouteGroup = RouteGroup::Launches;
}
impl LimitedRoute for LaunchExchangeRoute {
    const GROUP: RouteGroup = RouteGroup::LaunchExchange;
}
impl LimitedRoute for EventsRoute {
    const GROUP: RouteGroup = RouteGroup::Events;
}

/// Proof that the call was within its route group's limit (and has been counted).
pub struct WithinRateLimit<R: LimitedRoute>(PhantomData<R>);

impl<R: LimitedRoute> FromRequestParts<AppState> for WithinRateLimit<R> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() else {
            return Err(ApiError::Internal(
                "no peer address: serve the app with into_make_service_with_connect_info::<SocketAddr>()"
                    .into(),
            ));
        };
        state
            .rate_limiter
            .admit(R::GROUP, peer.ip(), Instant::now())
            .map_err(|wait| ApiError::RateLimited {
                retry_after_seconds: wait.whole_seconds(),
            })?;
        Ok(WithinRateLimit(PhantomData))
    }
}
