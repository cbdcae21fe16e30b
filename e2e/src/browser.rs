//! One headless Chromium session and the actions a person takes in it.

use crate::{launch::Launch, profile::Profile, Env};
use anyhow::{anyhow, bail, Context, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{elements::Element, key::Key, Client, Locator};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Duration;

/// How long to wait for something to appear.
pub(crate) const PATIENCE: Duration = Duration::from_secs(20);

/// The window the browser starts with.
#[derive(Debug, Clone, Copy)]
pub enum Viewport {
    Desktop,
    /// 360 px wide, the narrowest common phone.
    Phone,
}

pub struct Browser {
    client: Client,
    /// How this browser was started, to start it again in [`Browser::kill_and_reopen`].
    launch: Launch,
    /// Where downloads land, for a browser opened with [`Browser::open_with_downloads`].
    download_dir: Option<PathBuf>,
    profile: Profile,
}

impl Browser {
    /// A cold desktop browser preferring English.
    pub async fn open(env: &Env) -> Result<Browser> {
        Browser::open_with(env, Viewport::Desktop, "en-US").await
    }

    pub async fn open_with(env: &Env, viewport: Viewport, language: &str) -> Result<Browser> {
        Browser::start(Launch::new(env, viewport, language, false), Profile::new()?).await
    }

    /// A cold desktop browser preferring English that saves downloads without asking, into
    /// a folder of its throwaway profile (read them with [`Browser::wait_for_download`]).
    pub async fn open_with_downloads(env: &Env) -> Result<Browser> {
        Browser::start(
            Launch::new(env, Viewport::Desktop, "en-US", true),
            Profile::new()?,
        )
        .await
    }

    async fn start(launch: Launch, profile: Profile) -> Result<Browser> {
        let client = launch.start_session(&profile).await?;
        Ok(Browser {
            client,
            download_dir: launch.download_dir(&profile),
            launch,
            profile,
        })
    }

    /// Kills this browser's Chromium with SIGKILL, as a crash or a power cut would (nothing
    /// is flushed, no page is told), then starts it again in the same profile folder, with
    /// the same window, language and app address. What Chromium had written to disk
    /// survives; the open page does not: the new browser starts on a blank tab.
    pub async fn kill_and_reopen(self) -> Result<Browser> {
        let Browser {
            client,
            launch,
            profile,
            ..
        } = self;
        profile.kill_chromium().await?;
        // Ends chromedriver's session for the dead browser; it succeeds or fails quickly,
        // and either way that session is over.
        let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        Browser::start(launch, profile)
            .await
            .context("Chromium did not start again after being killed")
    }

    /// Goes to a path of the app, like `/courses/astronomy-101`.
    pub async fn visit(&self, path: &str) -> Result<()> {
        self.client
            .goto(&format!("{}{path}", self.launch.base_url))
            .await
            .with_context(|| format!("could not open {path}"))
    }

    /// Runs a script in the page's `index`-th frame (as a learner's own actions there would
    /// be), then comes back to the page.
    pub async fn script_in_frame(&self, index: u16, body: &str) -> Result<Value> {
        self.client
            .enter_frame(index)
            .await
            .with_context(|| format!("no frame {index} to enter"))?;
        let outcome = self.client.execute(body, Vec::new()).await;
        self.client.enter_parent_frame().await?;
        outcome.with_context(|| format!("the script failed in frame {index}"))
    }

    /// Goes to an absolute URL, such as a launch URL an LMS was given.
    pub async fn visit_url(&self, url: &str) -> Result<()> {
        self.client
            .goto(url)
            .await
            .with_context(|| format!("could not open {url}"))
    }

    /// The whole current URL, fragment included.
    pub async fn url(&self) -> Result<String> {
        Ok(self.client.current_url().await?.to_string())
    }

    pub async fn reload(&self) -> Result<()> {
        self.client.refresh().await.context("reload failed")
    }

    /// The path of the current URL.
    pub async fn path(&self) -> Result<String> {
        Ok(self.client.current_url().await?.path().to_owned())
    }

    /// Waits for an element to be present.
    pub async fn find(&self, css: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| {
                format!(
                    "{css:?} did not appear within {PATIENCE:?} (at {:?})",
                    self.debug_location()
                )
            })
    }

    /// Waits until an element's text contains `expected`, and returns the text.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> Result<String> {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let text = self.text_of(css).await.unwrap_or_default();
            if text.contains(expected) {
                return Ok(text);
            }
            if tokio::time::Instant::now() > deadline {
                bail!("{css:?} never contained {expected:?}; last text was {text:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn text_of(&self, css: &str) -> Result<String> {
        Ok(self.find(css).await?.text().await?)
    }

    /// Whether any element matches `css` right now (no waiting).
    pub async fn is_present(&self, css: &str) -> Result<bool> {
        Ok(!self.client.find_all(Locator::Css(css)).await?.is_empty())
    }

    /// Runs a script in the page and returns its value.
    pub async fn script(&self, body: &str) -> Result<Value> {
        self.client
            .execute(body, Vec::new())
            .await
            .context("script failed")
    }

    /// Runs a script that finishes by calling its last argument, and returns what it passed.
    pub async fn script_async(&self, body: &str, args: Vec<Value>) -> Result<Value> {
        self.client
            .execute_async(body, args)
            .await
            .context("asynchronous script failed")
    }

    /// Polls `script` until it returns something other than `null`, `false`, `0` or `""`,
    /// and returns that value; `what` names the awaited condition in the error.
    pub async fn wait_for_script(&self, what: &str, script: &str) -> Result<Value> {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let value = self.script(script).await?;
            let is_truthy = match &value {
                Value::Null => false,
                Value::Bool(is_true) => *is_true,
                Value::Number(number) => number.as_f64().is_some_and(|n| n != 0.0),
                Value::String(text) => !text.is_empty(),
                Value::Array(_) | Value::Object(_) => true,
            };
            if is_truthy {
                return Ok(value);
            }
            if tokio::time::Instant::now() > deadline {
                bail!("waited {PATIENCE:?} for {what}; it never happened");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clicks the first element matching `css`, once it is present.
    pub async fn click(&self, css: &str) -> Result<()> {
        self.find(css)
            .await?
            .click()
            .await
            .with_context(|| format!("could not click {css:?}"))
    }

    /// An attribute of the first element matching `css`, once it is present.
    pub async fn attribute_of(&self, css: &str, name: &str) -> Result<Option<String>> {
        Ok(self.find(css).await?.attr(name).await?)
    }

    /// Waits until the first element matching `css` has attribute `name` equal to `expected`.
    pub async fn wait_for_attribute(&self, css: &str, name: &str, expected: &str) -> Result<()> {
        let script = format!(
            "const e = document.querySelector({}); return e !== null && e.getAttribute({}) === {};",
            json!(css),
            json!(name),
            json!(expected)
        );
        self.wait_for_script(&format!("{css} to have {name}={expected:?}"), &script)
            .await
            .map(|_| ())
    }

    /// How many elements match `css` right now.
    pub async fn count(&self, css: &str) -> Result<usize> {
        Ok(self.client.find_all(Locator::Css(css)).await?.len())
    }

    /// Takes focus off any control, as clicking an empty part of the page does, and presses
    /// `key` there (a character, or a [`Key`] such as `Key::Left`).
    pub async fn press_on_page(&self, key: impl Into<char>) -> Result<()> {
        self.script("if (document.activeElement) { document.activeElement.blur(); } return null;")
            .await?;
        self.press_in_place(key).await
    }

    /// Presses `key` wherever focus is, as the keyboard does (unlike [`Browser::press`],
    /// this works when nothing but the page itself has focus).
    pub async fn press_in_place(&self, key: impl Into<char>) -> Result<()> {
        let value = key.into();
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value });
        self.client
            .perform_actions(keys)
            .await
            .with_context(|| format!("could not press {value:?}"))
    }

    /// The text a same-origin path serves, fetched by the page (with its cookies).
    pub async fn fetch_text(&self, path: &str) -> Result<String> {
        let script = "const done = arguments[arguments.length - 1]; \
            fetch(arguments[0]).then(r => r.ok ? r.text() : Promise.reject(new Error(r.status))) \
            .then(text => done({ text }), err => done({ error: String(err) }));";
        let answer = self.script_async(script, vec![json!(path)]).await?;
        match answer.get("text").and_then(Value::as_str) {
            Some(text) => Ok(text.to_owned()),
            None => bail!("fetching {path} failed: {}", answer["error"]),
        }
    }

    /// Signs in through the sign-in form.
    pub async fn sign_in(&self, username: &str, password: &str) -> Result<()> {
        self.visit("/signin").await?;
        self.find("#signin-form").await?;
        self.find("#username").await?.send_keys(username).await?;
        self.find("#password").await?.send_keys(password).await?;
        self.find("#signin-form button[type=submit]")
            .await?
            .click()
            .await?;
        Ok(())
    }

    /// Signs out with the header's button and waits for the sign-in form.
    pub async fn sign_out(&self) -> Result<()> {
        self.click("#signout").await?;
        self.find("#signin-form").await?;
        Ok(())
    }

    /// Signs in and waits for the catalog.
    pub async fn sign_in_to_catalog(&self, username: &str, password: &str) -> Result<()> {
        self.sign_in(username, password).await?;
        self.find(".course-list").await?;
        Ok(())
    }

    /// From the catalog, opens a course by clicking its card.
    pub async fn open_course(&self, course_id: &str) -> Result<()> {
        self.find(&format!("a.course-card[data-course-id='{course_id}']"))
            .await?
            .click()
            .await?;
        self.find(".course-outline").await?;
        Ok(())
    }

    /// From a course outline, opens a lesson by clicking its link.
    pub async fn open_lesson(&self, lesson_id: &str) -> Result<()> {
        self.find(&format!("a.lesson-link[data-lesson-id='{lesson_id}']"))
            .await?
            .click()
            .await?;
        self.find(&format!("article.lesson[data-lesson-id='{lesson_id}']"))
            .await?;
        Ok(())
    }

    /// Presses a key in whatever has focus.
    pub async fn press(&self, key: Key) -> Result<()> {
        let focused = self.client.active_element().await?;
        focused.send_keys(&char::from(key).to_string()).await?;
        Ok(())
    }

    /// Types text into whatever has focus.
    pub async fn type_text(&self, text: &str) -> Result<()> {
        self.client.active_element().await?.send_keys(text).await?;
        Ok(())
    }

    /// Presses Tab until the focused element matches `css`, at most `limit` times.
    pub async fn tab_to(&self, css: &str, limit: usize) -> Result<()> {
        for _ in 0..limit {
            self.press(Key::Tab).await?;
            let script = format!("return document.activeElement.matches({});", json!(css));
            if self.script(&script).await?.as_bool() == Some(true) {
                return Ok(());
            }
        }
        Err(anyhow!(
            "{css:?} was not reached within {limit} presses of Tab"
        ))
    }

    /// Whether the focused element shows a visible focus indicator (outline or box-shadow).
    pub async fn focus_is_visible(&self) -> Result<bool> {
        let script = "const s = getComputedStyle(document.activeElement); \
            return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';";
        Ok(self.script(script).await?.as_bool() == Some(true))
    }

    /// An attribute of the `<html>` element.
    pub async fn document_attribute(&self, name: &str) -> Result<String> {
        let script = format!(
            "return document.documentElement.getAttribute({}) || '';",
            json!(name)
        );
        Ok(self
            .script(&script)
            .await?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// Chooses a UI language in the header's switcher.
    pub async fn switch_locale(&self, tag: &str) -> Result<()> {
        self.find("#locale-switch")
            .await?
            .select_by_value(tag)
            .await?;
        Ok(())
    }

    /// Whether the page is wider than the window (horizontal scrolling).
    pub async fn scrolls_sideways(&self) -> Result<bool> {
        let value = self
            .script("return document.documentElement.scrollWidth > window.innerWidth;")
            .await?;
        Ok(value.as_bool() == Some(true))
    }

    pub async fn screenshot(&self, file: &std::path::Path) -> Result<()> {
        std::fs::write(file, self.client.screenshot().await?)?;
        Ok(())
    }

    /// Waits until the browser has finished downloading `file_name` (only with
    /// [`Browser::open_with_downloads`]) and returns its text.
    pub async fn wait_for_download(&self, file_name: &str) -> Result<String> {
        let Some(dir) = &self.download_dir else {
            bail!("this browser was not opened with a download folder");
        };
        let file = dir.join(file_name);
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            // Chromium writes to `<name>.crdownload` and renames it when done.
            if file.is_file() {
                return std::fs::read_to_string(&file)
                    .with_context(|| format!("cannot read the download {}", file.display()));
            }
            if tokio::time::Instant::now() > deadline {
                let found = std::fs::read_dir(dir)?
                    .filter_map(|entry| entry.ok())
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .collect::<Vec<_>>();
                bail!("{file_name} was not downloaded within {PATIENCE:?}; the folder holds {found:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The underlying WebDriver client, for checks the helpers do not cover.
    /// The processor time this browser's processes have spent, in seconds.
    pub fn cpu_seconds(&self) -> f64 {
        self.profile.cpu_seconds()
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    fn debug_location(&self) -> String {
        self.launch.base_url.clone()
    }

    pub async fn close(self) -> Result<()> {
        self.client
            .close()
            .await
            .context("closing the browser failed")
    }
}
