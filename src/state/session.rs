//! The signed-in learner: their bearer token and profile. Kept in `localStorage` as a
//! versioned record, so a reload stays signed in; cleared on sign-out or when the server
//! says the session has ended.

use crate::io::http::{self, HttpError};
use crate::io::storage::{self, keys};
use lectern_api::v1::{LaunchExchangeResponse, SessionResponse, UserProfile};
use leptos::logging::warn;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A signed-in learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token: String,
    pub user: UserProfile,
    /// The origins of the LMS pages that may embed and command the player, for a session
    /// started by an LMS launch (none otherwise).
    pub embed_origins: Vec<String>,
}

/// The session as persisted in `localStorage` (version 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSessionV1 {
    pub token: String,
    pub user: UserProfile,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub embed_origins: Vec<String>,
}

impl From<StoredSessionV1> for Session {
    fn from(stored: StoredSessionV1) -> Self {
        Session {
            token: stored.token,
            user: stored.user,
            embed_origins: stored.embed_origins,
        }
    }
}

impl From<&Session> for StoredSessionV1 {
    fn from(session: &Session) -> Self {
        StoredSessionV1 {
            token: session.token.clone(),
            user: session.user.clone(),
            embed_origins: session.embed_origins.clone(),
        }
    }
}

/// The session store, in context. `Copy`, so views capture it freely.
#[derive(Debug, Clone, Copy)]
pub struct SessionInjection {
    session: RwSignal<Option<Session>>,
}

/// Provides the session store, restored from `localStorage`.
pub fn provide_session() {
    provide_context(SessionInjection {
        session: RwSignal::new(restore()),
    });
}

impl SessionInjection {
    /// The store provided by [`provide_session`].
    pub fn expect() -> Self {
        expect_context::<SessionInjection>()
    }

    /// The signed-in user's display name (reactive).
    pub fn display_name(&self) -> Option<String> {
        self.session
            .with(|session| session.as_ref().map(|s| s.user.display_name.clone()))
    }

    /// The signed-in learner's user id (reactive).
    pub fn user_id(&self) -> Option<lectern_core::UserId> {
        self.session
            .with(|session| session.as_ref().map(|s| s.user.user_id.clone()))
    }

    /// The signed-in learner's user id, without subscribing (keys their local records).
    pub fn user_id_untracked(&self) -> Option<lectern_core::UserId> {
        self.session
            .with_untracked(|session| session.as_ref().map(|s| s.user.user_id.clone()))
    }

    /// The signed-in user, without subscribing.
    pub fn user_untracked(&self) -> Option<UserProfile> {
        self.session
            .with_untracked(|session| session.as_ref().map(|s| s.user.clone()))
    }

    /// Whether someone is signed in, without subscribing.
    pub fn is_signed_in_untracked(&self) -> bool {
        self.session.with_untracked(Option::is_some)
    }

    /// The bearer token, without subscribing (loaders must not refetch when it is cleared).
    pub fn token_untracked(&self) -> Option<String> {
        self.session
            .with_untracked(|session| session.as_ref().map(|s| s.token.clone()))
    }

    /// The origins that may embed and command the player in this session, without
    /// subscribing.
    pub fn embed_origins_untracked(&self) -> Vec<String> {
        self.session.with_untracked(|session| {
            session
                .as_ref()
                .map(|s| s.embed_origins.clone())
                .unwrap_or_default()
        })
    }

    /// Records a successful sign-in.
    pub fn sign_in(&self, response: SessionResponse) {
        self.keep(Session {
            token: response.token,
            user: response.user,
            embed_origins: Vec::new(),
        });
    }

    /// Records a session an LMS launch started, with the origins that may embed it.
    pub fn sign_in_launched(&self, launched: LaunchExchangeResponse) {
        let embed_origins = launched.embed_origins.clone();
        let response = launched.session();
        self.keep(Session {
            token: response.token,
            user: response.user,
            embed_origins,
        });
    }

    fn keep(&self, session: Session) {
        match serde_json::to_string(&StoredSessionV1::from(&session)) {
            Ok(json) => {
                if let Err(err) = storage::write(keys::SESSION, &json) {
                    warn!("the session will not survive a reload: {err}");
                }
            }
            Err(err) => warn!("the session will not survive a reload: {err}"),
        }
        self.session.set(Some(session));
    }

    /// Forgets the session on this device.
    pub fn clear(&self) {
        if let Err(err) = storage::remove(keys::SESSION) {
            warn!("could not forget the stored session: {err}");
        }
        self.session.set(None);
    }

    /// Signs out: forgets the session here at once, then asks the server to end it. If the
    /// server cannot be told (offline), the token simply expires there.
    pub fn sign_out(&self) {
        let token = self.token_untracked();
        self.clear();
        if let Some(token) = token {
            leptos::task::spawn_local(async move {
                if let Err(err) = http::sign_out(&token).await {
                    warn!("the server was not told about the sign-out: {err}");
                }
            });
        }
    }

    /// Passes `result` through, forgetting the session if the server says it has ended.
    pub fn observe<T>(&self, result: Result<T, HttpError>) -> Result<T, HttpError> {
        if matches!(result, Err(HttpError::SignedOut)) && self.is_signed_in_untracked() {
            self.clear();
        }
        result
    }
}

/// The stored session, if there is a readable one.
fn restore() -> Option<Session> {
    let json = match storage::read(keys::SESSION) {
        Ok(json) => json?,
        Err(err) => {
            warn!("cannot restore the session: {err}");
            return None;
        }
    };
    match serde_json::from_str::<StoredSessionV1>(&json) {
        Ok(stored) => Some(stored.into()),
        Err(err) => {
            warn!("the stored session is unreadable and was dropped: {err}");
            if let Err(err) = storage::remove(keys::SESSION) {
                warn!("could not remove the unreadable session: {err}");
            }
            None
        }
    }
}
