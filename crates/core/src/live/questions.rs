//! Q&A: learners ask questions, anyone upvotes a question once (but not their own: a vote
//! for oneself says nothing), and the instructor marks questions answered. Questions are
//! listed by upvotes, most first, then oldest first; answered ones stay in the list, marked,
//! so the order never jumps when one is answered.

use super::ids::QuestionId;
use super::refusal::{LiveRefusal, TextField};
use crate::ids::UserId;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Most questions one session holds.
pub const MAX_QUESTIONS: usize = 500;

/// A question with who upvoted it: the record the server archives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub question_id: QuestionId,
    pub asked_by: UserId,
    pub text: String,
    pub asked_at: Timestamp,
    pub upvoters: BTreeSet<UserId>,
    pub answered_at: Option<Timestamp>,
}

/// A question as participants see it: how many upvoted, not who.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub question_id: QuestionId,
    pub asked_by: UserId,
    pub text: String,
    pub asked_at: Timestamp,
    pub upvotes: usize,
    pub is_answered: bool,
}

impl Question {
    pub fn view(&self) -> QuestionView {
        QuestionView {
            question_id: self.question_id,
            asked_by: self.asked_by.clone(),
            text: self.text.clone(),
            asked_at: self.asked_at,
            upvotes: self.upvoters.len(),
            is_answered: self.answered_at.is_some(),
        }
    }
}

/// Sorts questions for display: most upvotes first, then the oldest, then by id.
pub fn sort_questions(questions: &mut [QuestionView]) {
    questions.sort_by(|a, b| {
        b.upvotes
            .cmp(&a.upvotes)
            .then(a.asked_at.cmp(&b.asked_at))
            .then(a.question_id.cmp(&b.question_id))
    });
}

/// The room's questions, in the order asked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Questions {
    questions: Vec<Question>,
}

impl Questions {
    /// Q&A holding `questions`, numbered 1, 2, 3… (checked by the caller).
    pub(crate) fn restored(questions: Vec<Question>) -> Questions {
        Questions { questions }
    }

    pub(crate) fn all(&self) -> &[Question] {
        &self.questions
    }

    /// The questions `user_id` upvoted.
    pub(crate) fn upvoted_by(&self, user_id: &UserId) -> Vec<QuestionId> {
        self.questions
            .iter()
            .filter(|question| question.upvoters.contains(user_id))
            .map(|question| question.question_id)
            .collect()
    }

    /// Every question's view, in display order.
    pub(crate) fn sorted_views(&self) -> Vec<QuestionView> {
        let mut views: Vec<QuestionView> = self.questions.iter().map(Question::view).collect();
        sort_questions(&mut views);
        views
    }

    pub(crate) fn ask(
        &mut self,
        asked_by: &UserId,
        text: String,
        now: Timestamp,
    ) -> Result<QuestionView, LiveRefusal> {
        TextField::Question.check(&text)?;
        if self.questions.len() >= MAX_QUESTIONS {
            return Err(LiveRefusal::RoomFull("questions"));
        }
        let number = u32::try_from(self.questions.len() + 1).unwrap_or(u32::MAX);
        let question = Question {
            question_id: QuestionId(number),
            asked_by: asked_by.clone(),
            text,
            asked_at: now,
            upvoters: BTreeSet::new(),
            answered_at: None,
        };
        let view = question.view();
        self.questions.push(question);
        Ok(view)
    }

    pub(crate) fn upvote(
        &mut self,
        question_id: QuestionId,
        voter: &UserId,
    ) -> Result<QuestionView, LiveRefusal> {
        let question = self.find(question_id)?;
        if &question.asked_by == voter {
            return Err(LiveRefusal::OwnQuestion);
        }
        if !question.upvoters.insert(voter.clone()) {
            return Err(LiveRefusal::AlreadyUpvoted(question_id));
        }
        Ok(question.view())
    }

    pub(crate) fn mark_answered(
        &mut self,
        question_id: QuestionId,
        now: Timestamp,
    ) -> Result<QuestionView, LiveRefusal> {
        let question = self.find(question_id)?;
        if question.answered_at.is_some() {
            return Err(LiveRefusal::AlreadyAnswered(question_id));
        }
        question.answered_at = Some(now);
        Ok(question.view())
    }

    fn find(&mut self, question_id: QuestionId) -> Result<&mut Question, LiveRefusal> {
        self.questions
            .iter_mut()
            .find(|question| question.question_id == question_id)
            .ok_or(LiveRefusal::NoSuchQuestion(question_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + second).unwrap()
    }

    fn user(name: &str) -> UserId {
        UserId::parse(name).unwrap()
    }

    fn order(questions: &Questions) -> Vec<u32> {
        let views = questions.sorted_views();
        views.iter().map(|view| view.question_id.0).collect()
    }

    #[test]
    fn questions_are_ordered_by_upvotes_then_age() {
        let mut questions = Questions::default();
        for (n, asker) in ["ada", "bob", "cy"].into_iter().enumerate() {
            let n = i64::try_from(n).unwrap();
            questions.ask(&user(asker), format!("q{n}"), at(n)).unwrap();
        }
        assert_eq!(order(&questions), [1, 2, 3]);
        questions.upvote(QuestionId(3), &user("ada")).unwrap();
        questions.upvote(QuestionId(3), &user("bob")).unwrap();
        questions.upvote(QuestionId(2), &user("ada")).unwrap();
        assert_eq!(order(&questions), [3, 2, 1]);
        questions.mark_answered(QuestionId(3), at(9)).unwrap();
        assert_eq!(order(&questions), [3, 2, 1]);
        assert!(questions.sorted_views()[0].is_answered);
    }

    #[test]
    fn an_upvote_counts_once_and_never_for_ones_own_question() {
        let mut questions = Questions::default();
        questions.ask(&user("ada"), "Why?".into(), at(0)).unwrap();
        assert_eq!(
            questions.upvote(QuestionId(1), &user("ada")).err(),
            Some(LiveRefusal::OwnQuestion)
        );
        assert!(questions.upvote(QuestionId(1), &user("bob")).is_ok());
        assert_eq!(
            questions.upvote(QuestionId(1), &user("bob")).err(),
            Some(LiveRefusal::AlreadyUpvoted(QuestionId(1)))
        );
        assert_eq!(
            questions.upvote(QuestionId(7), &user("bob")).err(),
            Some(LiveRefusal::NoSuchQuestion(QuestionId(7)))
        );
        assert_eq!(questions.all()[0].view().upvotes, 1);
    }

    #[test]
    fn a_question_is_answered_once_and_needs_text() {
        let mut questions = Questions::default();
        assert_eq!(
            questions.ask(&user("ada"), "\n".into(), at(0)).err(),
            Some(LiveRefusal::BlankText(TextField::Question))
        );
        questions.ask(&user("ada"), "Why?".into(), at(0)).unwrap();
        assert!(questions.mark_answered(QuestionId(1), at(1)).is_ok());
        assert_eq!(
            questions.mark_answered(QuestionId(1), at(2)).err(),
            Some(LiveRefusal::AlreadyAnswered(QuestionId(1)))
        );
    }
}
