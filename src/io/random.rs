//! Randomness from the browser's CSPRNG (`crypto`): attempt ids and the seeds of practice
//! attempts started offline.

use leptos::prelude::window;

/// Why no random value could be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the browser gave no random numbers: {0}")]
pub struct RandomError(String);

/// A random version 4 UUID in lowercase hex (`crypto.randomUUID()` needs a secure context,
/// so the bytes come from `getRandomValues`, which works everywhere).
pub fn random_uuid() -> Result<String, RandomError> {
    Ok(lectern_core::sync::uuid_v4_from_bytes(random_bytes::<16>()?))
}

/// A random 64-bit number.
pub fn random_u64() -> Result<u64, RandomError> {
    Ok(u64::from_le_bytes(random_bytes::<8>()?))
}

fn random_bytes<const N: usize>() -> Result<[u8; N], RandomError> {
    let crypto = window()
        .crypto()
        .map_err(|err| RandomError(format!("{err:?}")))?;
    let mut bytes = [0u8; N];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|err| RandomError(format!("{err:?}")))?;
    Ok(bytes)
}
