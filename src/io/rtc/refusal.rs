//! Why a camera, microphone or screen share could not be had, from the `DOMException` that
//! `getUserMedia` or `getDisplayMedia` rejected with.

use wasm_bindgen::{JsCast, JsValue};

/// Why a local device cannot be used. The view shows it, so that a learner who cannot
/// speak knows why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeviceRefusal {
    /// The participant (or the browser's settings for this site) said no.
    #[error("permission to use it was not given")]
    NotAllowed,
    /// There is no such device, or none that can do what was asked.
    #[error("no such device was found")]
    NotFound,
    /// The device is there but could not be opened: another app may hold it.
    #[error("the device could not be started (another app may be using it)")]
    NotReadable,
    /// This page cannot ask for devices at all (not a secure context, or no browser support).
    #[error("this browser cannot capture media on this page")]
    Unsupported,
    /// Anything else, with the browser's own words.
    #[error("the browser refused: {name}: {message}")]
    Other { name: String, message: String },
}

impl DeviceRefusal {
    /// The refusal a `DOMException` of this `name` means.
    pub fn from_exception(name: &str, message: &str) -> DeviceRefusal {
        match name {
            "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => {
                DeviceRefusal::NotAllowed
            }
            "NotFoundError" | "OverconstrainedError" | "DevicesNotFoundError" => {
                DeviceRefusal::NotFound
            }
            "NotReadableError" | "AbortError" | "TrackStartError" => DeviceRefusal::NotReadable,
            "TypeError" | "NotSupportedError" => DeviceRefusal::Unsupported,
            _ => DeviceRefusal::Other {
                name: name.to_owned(),
                message: message.to_owned(),
            },
        }
    }

    /// The refusal a rejected capture promise carries.
    pub(super) fn from_js(err: &JsValue) -> DeviceRefusal {
        if let Some(exception) = err.dyn_ref::<web_sys::DomException>() {
            return DeviceRefusal::from_exception(&exception.name(), &exception.message());
        }
        if let Some(error) = err.dyn_ref::<js_sys::Error>() {
            let name = String::from(error.name());
            return DeviceRefusal::from_exception(&name, &String::from(error.message()));
        }
        DeviceRefusal::Other {
            name: "unknown".into(),
            message: crate::io::media::describe(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_exceptions_become_reasons_the_view_can_show() {
        let refusal = |name| DeviceRefusal::from_exception(name, "because");
        assert_eq!(refusal("NotAllowedError"), DeviceRefusal::NotAllowed);
        assert_eq!(refusal("SecurityError"), DeviceRefusal::NotAllowed);
        assert_eq!(refusal("NotFoundError"), DeviceRefusal::NotFound);
        assert_eq!(refusal("OverconstrainedError"), DeviceRefusal::NotFound);
        assert_eq!(refusal("NotReadableError"), DeviceRefusal::NotReadable);
        assert_eq!(refusal("TypeError"), DeviceRefusal::Unsupported);
        let other = refusal("InvalidStateError");
        assert_eq!(
            other.to_string(),
            "the browser refused: InvalidStateError: because"
        );
    }
}
