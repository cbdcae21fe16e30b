//! Discussions as people use them: writing a thread or a reply in the form, finding a
//! thread in a list by its title, and reading the inbox.

use crate::Browser;
use anyhow::{Context, Result};
use serde_json::{json, Value};

impl Browser {
    /// Fills in the form `form_css` (a title if it has one, then the body) and posts it.
    pub async fn write_post(&self, form_css: &str, title: Option<&str>, body: &str) -> Result<()> {
        if let Some(title) = title {
            self.find(&format!("{form_css} input[name='title']"))
                .await?
                .send_keys(title)
                .await?;
        }
        self.find(&format!("{form_css} textarea[name='body']"))
            .await?
            .send_keys(body)
            .await?;
        self.click(&format!("{form_css} button[type='submit']"))
            .await
    }

    /// The thread items listed with exactly `title`: each one's thread id and whether it
    /// is marked pending.
    pub async fn threads_titled(&self, title: &str) -> Result<Vec<(String, bool)>> {
        let script = "return Array.from(document.querySelectorAll('.thread-item'))
            .filter(item => item.querySelector('.thread-title').textContent.trim() === arguments[0])
            .map(item => [item.dataset.threadId, item.classList.contains('is-pending')]);";
        let found = self.client().execute(script, vec![json!(title)]).await?;
        let rows = found.as_array().context("a list of threads")?;
        Ok(rows
            .iter()
            .map(|row| {
                let thread_id = row[0].as_str().unwrap_or_default().to_owned();
                (thread_id, row[1].as_bool().unwrap_or(false))
            })
            .collect())
    }

    /// Waits until the list shows exactly one thread titled `title`, stored on the server
    /// (not pending), and returns its id.
    pub async fn wait_for_stored_thread(&self, title: &str) -> Result<String> {
        let script = format!(
            "const items = Array.from(document.querySelectorAll('.thread-item'))
               .filter(item => item.querySelector('.thread-title').textContent.trim() === {});
             return items.length === 1 && !items[0].classList.contains('is-pending')
               ? items[0].dataset.threadId : null;",
            json!(title)
        );
        let found = self
            .wait_for_script(&format!("one stored thread titled {title:?}"), &script)
            .await?;
        Ok(found.as_str().unwrap_or_default().to_owned())
    }

    /// Follows the inbox's link whose text contains `text`.
    pub async fn open_notification_with(&self, text: &str) -> Result<()> {
        let script = format!(
            "const link = Array.from(document.querySelectorAll('.notification a'))
               .find(a => a.textContent.includes({}));
             if (!link) return false; link.click(); return true;",
            json!(text)
        );
        self.wait_for_script(&format!("a notification saying {text:?}"), &script)
            .await
            .map(drop)
    }

    /// The notifications the inbox page lists: kind, text, and whether unread.
    pub async fn inbox_items(&self) -> Result<Vec<Value>> {
        let script = "return Array.from(document.querySelectorAll('.notification')).map(n => ({
              kind: n.dataset.kind, text: n.querySelector('a').textContent.trim(),
              unread: n.classList.contains('is-unread'), href: n.querySelector('a').getAttribute('href') }));";
        let found = self.script(script).await?;
        Ok(found.as_array().cloned().unwrap_or_default())
    }
}
