//! Just enough of RIFF/WAVE to read espeak-ng's PCM output and write the joined narration:
//! the `fmt ` and `data` chunks, nothing else.

use anyhow::{bail, Context, Result};

/// The shape of uncompressed PCM samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PcmFormat {
    pub channels: u16,
    pub sample_rate: u32,
    pub bits_per_sample: u16,
}

impl PcmFormat {
    /// Bytes per sample frame (one sample for every channel).
    pub fn block_align(self) -> usize {
        usize::from(self.channels) * usize::from(self.bits_per_sample / 8)
    }

    pub fn byte_rate(self) -> usize {
        self.block_align() * self.sample_rate as usize
    }

    /// The byte length of the whole frames closest to `seconds`.
    pub fn bytes_for(self, seconds: f64) -> usize {
        let frames = (seconds * f64::from(self.sample_rate)).round().max(0.0) as usize;
        frames * self.block_align()
    }

    pub fn seconds_of(self, byte_len: usize) -> f64 {
        byte_len as f64 / self.byte_rate() as f64
    }
}

/// PCM audio: its format and the raw little-endian sample bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Pcm {
    pub format: PcmFormat,
    pub data: Vec<u8>,
}

impl Pcm {
    pub fn seconds(&self) -> f64 {
        self.format.seconds_of(self.data.len())
    }
}

/// Reads a PCM WAV file's format and samples. A `data` size larger than the file (as
/// written by tools that stream to a pipe) is clamped to what is there.
pub fn parse(bytes: &[u8]) -> Result<Pcm> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        bail!("not a RIFF/WAVE file");
    }
    let mut format = None;
    let mut offset = 12;
    while offset + 8 <= bytes.len() {
        let id = &bytes[offset..offset + 4];
        let size = read_u32(bytes, offset + 4)? as usize;
        let body_start = offset + 8;
        let body_end = body_start.saturating_add(size).min(bytes.len());
        let body = &bytes[body_start..body_end];
        match id {
            b"fmt " => format = Some(parse_format(body)?),
            b"data" => {
                let format = format.context("the data chunk comes before the fmt chunk")?;
                let whole = body.len() - body.len() % format.block_align();
                return Ok(Pcm {
                    format,
                    data: body[..whole].to_vec(),
                });
            }
            _ => {}
        }
        // Chunks are padded to an even length.
        offset = body_start.saturating_add(size).saturating_add(size % 2);
    }
    bail!("no data chunk")
}

fn parse_format(body: &[u8]) -> Result<PcmFormat> {
    if body.len() < 16 {
        bail!("fmt chunk is {} bytes, expected at least 16", body.len());
    }
    let audio_format = read_u16(body, 0)?;
    if audio_format != 1 {
        bail!("audio format {audio_format} is not integer PCM (1)");
    }
    let format = PcmFormat {
        channels: read_u16(body, 2)?,
        sample_rate: read_u32(body, 4)?,
        bits_per_sample: read_u16(body, 14)?,
    };
    if format.channels == 0
        || format.sample_rate == 0
        || format.bits_per_sample == 0
        || !format.bits_per_sample.is_multiple_of(8)
    {
        bail!("unusable PCM format {format:?}");
    }
    let byte_rate = read_u32(body, 8)? as usize;
    if byte_rate != format.byte_rate() {
        bail!(
            "byte rate {byte_rate} does not match {format:?} ({})",
            format.byte_rate()
        );
    }
    Ok(format)
}

/// A complete WAV file holding `pcm`.
pub fn encode(pcm: &Pcm) -> Result<Vec<u8>> {
    let data_len = u32::try_from(pcm.data.len()).context("audio too long for a WAV file")?;
    let byte_rate = u32::try_from(pcm.format.byte_rate()).context("byte rate too large")?;
    let block_align = u16::try_from(pcm.format.block_align()).context("frame too large")?;
    let mut bytes = Vec::with_capacity(44 + pcm.data.len());
    bytes.extend_from_slice(b"RIFF");
    bytes.extend_from_slice(&(36 + data_len).to_le_bytes());
    bytes.extend_from_slice(b"WAVEfmt ");
    bytes.extend_from_slice(&16u32.to_le_bytes());
    bytes.extend_from_slice(&1u16.to_le_bytes());
    bytes.extend_from_slice(&pcm.format.channels.to_le_bytes());
    bytes.extend_from_slice(&pcm.format.sample_rate.to_le_bytes());
    bytes.extend_from_slice(&byte_rate.to_le_bytes());
    bytes.extend_from_slice(&block_align.to_le_bytes());
    bytes.extend_from_slice(&pcm.format.bits_per_sample.to_le_bytes());
    bytes.extend_from_slice(b"data");
    bytes.extend_from_slice(&data_len.to_le_bytes());
    bytes.extend_from_slice(&pcm.data);
    Ok(bytes)
}

fn read_u16(bytes: &[u8], at: usize) -> Result<u16> {
    let field = bytes.get(at..at + 2).context("WAV header cut short")?;
    Ok(u16::from_le_bytes([field[0], field[1]]))
}

fn read_u32(bytes: &[u8], at: usize) -> Result<u32> {
    let field = bytes.get(at..at + 4).context("WAV header cut short")?;
    Ok(u32::from_le_bytes([field[0], field[1], field[2], field[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONO_22K: PcmFormat = PcmFormat {
        channels: 1,
        sample_rate: 22050,
        bits_per_sample: 16,
    };

    fn header_of(bytes: &mut [u8], data_size: u32) {
        bytes[40..44].copy_from_slice(&data_size.to_le_bytes());
    }

    #[test]
    fn encode_then_parse_gives_back_the_same_audio() {
        let pcm = Pcm {
            format: MONO_22K,
            data: (0..200u8).collect(),
        };
        let bytes = encode(&pcm).unwrap();
        assert_eq!(bytes.len(), 244);
        assert_eq!(parse(&bytes).unwrap(), pcm);
    }

    #[test]
    fn duration_is_data_size_over_byte_rate() {
        let pcm = Pcm {
            format: MONO_22K,
            data: vec![0; 44100],
        };
        assert!((parse(&encode(&pcm).unwrap()).unwrap().seconds() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn skips_unknown_chunks_including_their_padding_byte() {
        let pcm = Pcm {
            format: MONO_22K,
            data: vec![1, 2, 3, 4],
        };
        let plain = encode(&pcm).unwrap();
        let mut bytes = plain[..36].to_vec();
        bytes.extend_from_slice(b"LIST");
        bytes.extend_from_slice(&3u32.to_le_bytes());
        bytes.extend_from_slice(&[9, 9, 9, 0]);
        bytes.extend_from_slice(&plain[36..]);
        assert_eq!(parse(&bytes).unwrap(), pcm);
    }

    #[test]
    fn a_streamed_data_size_is_clamped_to_whole_frames_in_the_file() {
        let mut bytes = encode(&Pcm {
            format: MONO_22K,
            data: vec![7; 5],
        })
        .unwrap();
        header_of(&mut bytes, 0x7fff_ffff);
        assert_eq!(parse(&bytes).unwrap().data, vec![7; 4]);
    }

    #[test]
    fn rejects_what_is_not_pcm_wave() {
        assert!(parse(b"RIFF\0\0\0\0AVI LIST").is_err());
        let mut float = encode(&Pcm {
            format: MONO_22K,
            data: vec![0; 2],
        })
        .unwrap();
        float[20] = 3;
        assert!(parse(&float).is_err());
        let mut silent_bits = encode(&Pcm {
            format: MONO_22K,
            data: vec![0; 2],
        })
        .unwrap();
        silent_bits[34] = 0;
        assert!(parse(&silent_bits).is_err());
        let missing_data = encode(&Pcm {
            format: MONO_22K,
            data: Vec::new(),
        })
        .unwrap();
        assert!(parse(&missing_data[..36]).is_err());
    }

    #[test]
    fn bytes_for_rounds_to_whole_frames() {
        let stereo = PcmFormat {
            channels: 2,
            ..MONO_22K
        };
        assert_eq!(stereo.bytes_for(0.4), 8820 * 4);
        assert_eq!(MONO_22K.bytes_for(1.0 / 44100.0 * 3.0), 4);
    }
}
