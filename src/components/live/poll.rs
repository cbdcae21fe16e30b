//! The room's poll: learners vote in the open one (and may change their vote until it
//! closes); the instructor watches the tally as it comes and closes it; everyone sees the
//! results of closed polls.

use super::poll_composer::PollComposer;
use crate::i18n::{I18nInjection, LiveMsg};
use crate::state::live::LiveConnection;
use lectern_api::v1::live::{ClientMessage, PollKind, PollResults, PollTally, PollView};
use leptos::prelude::*;

/// The poll panel.
#[component]
pub fn LivePoll() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    // Memos, so a chat line does not draw the ballot again (and lose what was picked).
    let open_poll = Memo::new(move |_| {
        connection
            .with_room(|room| room.open_poll.clone())
            .flatten()
    });
    let is_instructor = Memo::new(move |_| {
        connection
            .with_room(|room| room.is_instructor())
            .unwrap_or(false)
    });
    let closed = move || {
        connection
            .with_room(|room| room.closed_polls.iter().rev().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    view! {
        <section class="live-panel live-poll" aria-labelledby="live-poll-heading">
            <h2 id="live-poll-heading">{move || i18n.live(LiveMsg::PollHeading)}</h2>
            {move || match (open_poll.get(), is_instructor.get()) {
                (Some(poll), true) => view! { <OpenPollTally poll /> }.into_any(),
                (Some(poll), false) => view! { <PollBallot poll /> }.into_any(),
                (None, true) => view! { <PollComposer /> }.into_any(),
                (None, false) => view! { <p class="poll-none">{i18n.live(LiveMsg::PollNone)}</p> }.into_any(),
            }}
            <For each=closed key=|results| results.poll_id let:results>
                <ClosedPoll results />
            </For>
        </section>
    }
}

/// A learner's ballot for the open poll.
#[component]
fn PollBallot(poll: PollView) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let held = connection
        .with_room(|room| room.your_vote.clone())
        .flatten();
    let chosen = RwSignal::new(held.unwrap_or_default());
    let has_voted = move || {
        connection
            .with_room(|room| room.your_vote.is_some())
            .unwrap_or(false)
    };
    let is_single = poll.kind == PollKind::Single;
    let poll_id = poll.poll_id;
    let vote = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let option_indexes = chosen.get_untracked();
        if !option_indexes.is_empty() {
            connection.send(&ClientMessage::PollVote {
                poll_id,
                option_indexes,
            });
        }
    };
    let pick = move |index: usize, is_checked: bool| {
        chosen.update(|chosen| {
            if is_single {
                chosen.clear();
            }
            chosen.retain(|&held| held != index);
            if is_checked {
                chosen.push(index);
                chosen.sort_unstable();
            }
        });
    };
    let input_type = if is_single { "radio" } else { "checkbox" };
    view! {
        <form class="poll-ballot" data-poll-id=poll_id.to_string() on:submit=vote>
            <fieldset>
                <legend>{poll.question}</legend>
                {poll.options.into_iter().enumerate().map(|(index, option)| view! {
                    <label class="poll-option">
                        <input type=input_type name=format!("poll-{poll_id}") value=index.to_string()
                            prop:checked=move || chosen.with(|chosen| chosen.contains(&index))
                            on:change=move |ev| pick(index, event_target_checked(&ev)) />
                        <span>{option}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{move || i18n.live(LiveMsg::PollVote)}</button>
            <p class="poll-voted" role="status">{move || has_voted().then(|| i18n.live(LiveMsg::PollVoted))}</p>
        </form>
    }
}

/// The instructor's view of the open poll: the tally so far, and closing it.
#[component]
fn OpenPollTally(poll: PollView) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let poll_id = poll.poll_id;
    let tally = poll.tally.unwrap_or(PollTally {
        counts: vec![0; poll.options.len()],
        voters: 0,
    });
    let voters = i18n
        .live(LiveMsg::PollLiveTally)
        .replace("{voters}", &tally.voters.to_string());
    view! {
        <div class="poll-open" data-poll-id=poll_id.to_string()>
            <p class="poll-question">{poll.question}</p>
            <TallyBars options=poll.options tally=tally.clone() />
            <p class="poll-voters" aria-live="polite">{voters}</p>
            <button type="button" class="button" on:click=move |_| connection.send(&ClientMessage::PollClose { poll_id })>
                {move || i18n.live(LiveMsg::PollClose)}
            </button>
        </div>
    }
}

/// A closed poll's results, for everyone.
#[component]
fn ClosedPoll(results: PollResults) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let voters = i18n
        .live(LiveMsg::PollResults)
        .replace("{voters}", &results.tally.voters.to_string());
    view! {
        <div class="poll-results" data-poll-id=results.poll_id.to_string()>
            <p class="poll-question">{results.question}</p>
            <TallyBars options=results.options tally=results.tally />
            <p class="poll-voters">{voters}</p>
        </div>
    }
}

/// Each option with its count, as a bar and as text.
#[component]
fn TallyBars(options: Vec<String>, tally: PollTally) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let most = tally.counts.iter().copied().max().unwrap_or(0).max(1);
    view! {
        <ul class="tally">
            {options.into_iter().zip(tally.counts).enumerate().map(|(index, (option, count))| {
                let share = count * 100 / most;
                let counted = i18n.live(LiveMsg::PollCount).replace("{count}", &count.to_string());
                view! {
                    <li data-option=index.to_string() data-count=count.to_string()>
                        <span class="tally-option">{option}</span>
                        <span class="tally-bar" style=format!("--share: {share}%") aria-hidden="true"></span>
                        <span class="tally-count">{counted}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
