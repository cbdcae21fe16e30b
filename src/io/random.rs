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
    let mut bytes = random_bytes::<16>()?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
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
