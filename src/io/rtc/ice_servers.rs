//! The ICE servers the server sent, as a peer connection's configuration.

use lectern_api::v1::live::IceServer;
use wasm_bindgen::JsValue;
use web_sys::{RtcConfiguration, RtcIceServer};

/// The configuration for `ice_servers` (none: host candidates only, enough on a LAN).
pub(super) fn configuration(ice_servers: &[IceServer]) -> RtcConfiguration {
    let servers = js_sys::Array::new();
    for server in ice_servers {
        let ice_server = RtcIceServer::new();
        let urls: js_sys::Array = server.urls.iter().map(JsValue::from).collect();
        ice_server.set_urls(&urls);
        if let Some(username) = &server.username {
            ice_server.set_username(username);
        }
        if let Some(credential) = &server.credential {
            ice_server.set_credential(credential);
        }
        servers.push(&ice_server);
    }
    let configuration = RtcConfiguration::new();
    configuration.set_ice_servers(&servers);
    configuration
}
