//! `lectern-server apikey create | list | revoke`: the API keys LMSs launch learners with.
//! `create` prints a short summary and then the new key alone on its last line (the only
//! time it is ever shown); `list` never shows a key, since none is stored.

use anyhow::{Context, Result};
use clap::Subcommand;
use jiff::Timestamp;
use lectern_server::apikey::origin::Origin;
use lectern_server::apikey::{self, CreatedApiKey, Revocation};
use lectern_server::db::{self, api_keys::StoredApiKey};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum ApikeyCommand {
    /// Make a key for an LMS; the key is printed once, alone on the last line.
    Create {
        /// Which LMS holds the key, for people reading `apikey list`.
        #[arg(long)]
        name: String,
        /// An exact origin allowed to embed the player, like https://lms.example.edu
        /// (repeat for more).
        #[arg(long = "origin", value_parser = Origin::parse)]
        origins: Vec<Origin>,
    },
    /// List every key: id, name, origins, when it was made and revoked. Keys are not shown.
    List,
    /// Revoke a key: it can no longer launch, and its unused launch links stop working.
    Revoke {
        /// The key's id (`key_…`, from `apikey list`).
        api_key_id: String,
    },
}

/// Runs one `apikey` command against the database at `db_location`.
pub async fn run(db_location: &str, command: &ApikeyCommand) -> Result<ExitCode> {
    let pool = db::open(db_location)
        .await
        .with_context(|| format!("opening the database {db_location}"))?;
    let now = Timestamp::now();
    let lines = match command {
        ApikeyCommand::Create { name, origins } => {
            created_lines(&apikey::create(&pool, name, origins, now).await?)
        }
        ApikeyCommand::List => list_lines(&apikey::list(&pool).await?),
        ApikeyCommand::Revoke { api_key_id } => {
            revocation_lines(&apikey::revoke(&pool, api_key_id, now).await?)
        }
    };
    for line in lines {
        println!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

fn origins_text(origins: &[String]) -> String {
    match origins {
        [] => "no origins".to_owned(),
        origins => origins.join(" "),
    }
}

fn created_lines(created: &CreatedApiKey) -> Vec<String> {
    vec![
        format!(
            "created API key {} \"{}\" for {}",
            created.api_key_id,
            created.name,
            origins_text(&created.allowed_origins)
        ),
        "Give this key to the LMS now: it is not stored and cannot be shown again.".to_owned(),
        created.key.clone(),
    ]
}

fn list_lines(keys: &[StoredApiKey]) -> Vec<String> {
    if keys.is_empty() {
        return vec!["no API keys".to_owned()];
    }
    keys.iter()
        .map(|key| {
            let state = match key.revoked_at {
                Some(revoked_at) => format!("revoked {revoked_at}"),
                None => "active".to_owned(),
            };
            format!(
                "{}\t{}\t{}\tcreated {}\t{state}",
                key.api_key_id,
                key.name,
                origins_text(&key.allowed_origins),
                key.created_at
            )
        })
        .collect()
}

fn revocation_lines(revocation: &Revocation) -> Vec<String> {
    vec![match revocation {
        Revocation::Revoked(key) => {
            format!("revoked API key {} \"{}\"", key.api_key_id, key.name)
        }
        Revocation::AlreadyRevoked(key) => match key.revoked_at {
            Some(at) => format!("API key {} was already revoked at {at}", key.api_key_id),
            None => format!("API key {} was already revoked", key.api_key_id),
        },
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(revoked_at: Option<&str>) -> StoredApiKey {
        StoredApiKey {
            api_key_id: "key_0011223344556677".into(),
            name: "Moodle".into(),
            allowed_origins: vec![
                "https://lms.example.edu".into(),
                "http://localhost:8000".into(),
            ],
            created_at: "2031-01-01T00:00:00Z".parse().unwrap(),
            revoked_at: revoked_at.map(|at| at.parse().unwrap()),
        }
    }

    #[test]
    fn create_ends_with_the_key_alone() {
        let created = CreatedApiKey {
            api_key_id: "key_0011223344556677".into(),
            name: "Moodle".into(),
            allowed_origins: Vec::new(),
            key: "lk_secret".into(),
        };
        let lines = created_lines(&created);
        assert_eq!(lines.last().map(String::as_str), Some("lk_secret"));
        assert_eq!(
            lines[0],
            "created API key key_0011223344556677 \"Moodle\" for no origins"
        );
        assert!(lines[..lines.len() - 1]
            .iter()
            .all(|line| !line.contains("lk_")));
    }

    #[test]
    fn list_shows_each_key_on_a_line_without_secrets() {
        assert_eq!(list_lines(&[]), ["no API keys"]);
        let lines = list_lines(&[key(None), key(Some("2031-02-01T00:00:00Z"))]);
        assert_eq!(
            lines[0],
            "key_0011223344556677\tMoodle\thttps://lms.example.edu http://localhost:8000\t\
             created 2031-01-01T00:00:00Z\tactive"
        );
        assert!(lines[1].ends_with("\trevoked 2031-02-01T00:00:00Z"));
    }
}
