//! The Arabic quiz catalog.

use super::QuizMsg;

pub(super) fn text(msg: QuizMsg) -> &'static str {
    match msg {
        QuizMsg::QuestionOf => "السؤال {n} من {total}",
        QuizMsg::OnePoint => "نقطة واحدة",
        QuizMsg::Points => "{points} نقاط",
        QuizMsg::SelectAll => "اختر كل الإجابات الصحيحة.",
        QuizMsg::True => "صح",
        QuizMsg::False => "خطأ",
        QuizMsg::WordsOfMax => "{count} من {max} كلمة",
        QuizMsg::Words => "{count} كلمة",
        QuizMsg::NumberHintComma => "اكتب العدد بفاصلة عشرية، مثل 3,5.",
        QuizMsg::NumberHintPoint => "اكتب العدد بنقطة عشرية، مثل 3.5.",
        QuizMsg::BlankN => "الفراغ {n}",
        QuizMsg::ChooseMatch => "اختر ما يطابقه",
        QuizMsg::MoveUp => "انقل {item} إلى الأعلى",
        QuizMsg::MoveDown => "انقل {item} إلى الأسفل",
        QuizMsg::KeepOrder => "اعتمد هذا الترتيب إجابةً",
        QuizMsg::CheckAnswer => "تحقق من الإجابة",
        QuizMsg::PointsOf => "{awarded} من {possible} نقاط",
        QuizMsg::TimeUp => "انتهى الوقت. يجري تسليم إجاباتك.",
        QuizMsg::OneMinuteLeft => "بقيت أقل من دقيقة.",
        QuizMsg::FiveMinutesLeft => "بقيت أقل من خمس دقائق.",
        QuizMsg::TimeLeft => "الوقت المتبقي",
        QuizMsg::GoToAnsweredQuestion => "السؤال {n}، تمت الإجابة عنه",
        QuizMsg::GoToQuestion => "السؤال {n}، بلا إجابة",
        QuizMsg::Questions => "الأسئلة",
        QuizMsg::AttemptN => "المحاولة {n}",
        QuizMsg::PreviousQuestion => "السؤال السابق",
        QuizMsg::NextQuestion => "السؤال التالي",
        QuizMsg::SubmitAttempt => "تسليم…",
        QuizMsg::SaveAndLeave => "احفظ واخرج",
        QuizMsg::ConfirmSubmitAll => {
            "أجبت عن كل الأسئلة. هل تسلّم الآن؟ لن تستطيع تغيير إجاباتك بعد ذلك."
        }
        QuizMsg::ConfirmSubmitUnanswered => {
            "لم تُجب بعد عن {count} من الأسئلة. هل تسلّم على أي حال؟ لن تستطيع تغيير إجاباتك بعد ذلك."
        }
        QuizMsg::SubmitNow => "سلّم الآن",
        QuizMsg::KeepWorking => "تابع الحل",
        QuizMsg::NotSavedOnDevice => {
            "تعذّر حفظ إجاباتك على هذا الجهاز. أبقِ هذه الصفحة مفتوحة حتى تُرسل."
        }
        QuizMsg::SavedOnDevice => {
            "أنت غير متصل. إجاباتك محفوظة على هذا الجهاز وستُرسل عند عودة الاتصال."
        }
        QuizMsg::SendFailed => "إجاباتك محفوظة على هذا الجهاز، لكن إرسالها فشل. يعيد Lectern المحاولة تلقائيًا.",
        QuizMsg::Saving => "جارٍ الحفظ…",
        QuizMsg::SavedEverywhere => "حُفظت كل الإجابات.",
        QuizMsg::SubmissionWaiting => {
            "تسليمك محفوظ على هذا الجهاز وسيُرسل حالما يمكن الوصول إلى الخادم."
        }
        QuizMsg::ScoreHidden => "وصلت إجاباتك. ستظهر النتائج عندما تسمح إعدادات الاختبار.",
        QuizMsg::Passed => "ناجح",
        QuizMsg::NotPassed => "غير ناجح",
        QuizMsg::YourScore => "نتيجتك: {score}",
        QuizMsg::AwaitingReview => "بعض الإجابات بانتظار مراجعة المعلّم. قد ترتفع نتيجتك.",
        QuizMsg::SubmittedLate => "سُلّم بعد الموعد النهائي.",
        QuizMsg::LateAnswersIgnored => "وصلت بعض الإجابات بعد انتهاء الوقت فلم تُحتسب في هذه المحاولة، وهي محفوظة ليراجعها المعلّم.",
        QuizMsg::LateCopy => "أُرسلت بعد إغلاق المحاولة، ليراجعها المعلّم",
        QuizMsg::LateCopyExplained => "وصلت هذه الإجابات إلى الخادم بعد إغلاق المحاولة التي تنتمي إليها (أُرسلت من هذا الجهاز لاحقًا). وهي محفوظة هنا ليراجعها المعلّم، وتبقى درجة المحاولة المغلقة كما هي حتى ذلك الحين.",
        QuizMsg::ReviewOfAttempt => "مراجعة المحاولة {n}",
        QuizMsg::BackToQuiz => "العودة إلى الاختبار",
        QuizMsg::InstructorFeedback => "ملاحظات معلّمك",
        QuizMsg::QuestionCount => "{count} أسئلة",
        QuizMsg::Graded => "محتسب في الدرجات",
        QuizMsg::Practice => "للتدريب، غير محتسب",
        QuizMsg::TimeLimit => "المدة: {minutes} دقيقة",
        QuizMsg::AttemptsAllowed => "عدد المحاولات المسموح بها: {count}",
        QuizMsg::DueAt => "آخر موعد: {time}",
        QuizMsg::PassMark => "درجة النجاح: {percent}٪",
        QuizMsg::ResumeAttempt => "استئناف المحاولة",
        QuizMsg::StartAttempt => "ابدأ المحاولة",
        QuizMsg::AttemptsFromDevice => {
            "تعذّر الوصول إلى الخادم: هذه المحاولات المحفوظة على هذا الجهاز."
        }
        QuizMsg::NoAttemptsLeft => "استنفدت كل محاولات هذا الاختبار.",
        QuizMsg::AttemptsLeft => "المحاولات المتبقية: {count}",
        QuizMsg::YourAttempts => "محاولاتك",
        QuizMsg::SeeSubmissions => "عرض تسليمات كل المتعلمين",
        QuizMsg::Late => "متأخر",
        QuizMsg::Review => "مراجعة",
        QuizMsg::AboutQuiz => "عن هذا الاختبار",
        QuizMsg::Correct => "صحيح.",
        QuizMsg::PartlyCorrect => "صحيح جزئيًا.",
        QuizMsg::Incorrect => "غير صحيح.",
        QuizMsg::Unanswered => "بلا إجابة.",
        QuizMsg::NeedsReview => "بانتظار المعلّم.",
        QuizMsg::StatusSubmitted => "مُسلَّمة",
        QuizMsg::StatusWaitingToSend => "مُسلَّمة على هذا الجهاز، بانتظار الإرسال",
        QuizMsg::StatusInProgress => "قيد الحل",
        QuizMsg::NeedsConnection => "يحتاج الاختبار المحتسب إلى اتصال ليبدأ. حاول مجددًا عند الاتصال.",
        QuizMsg::SignInAgainToSend => {
            "انتهت جلستك. سجّل الدخول مجددًا؛ إجاباتك محفوظة على هذا الجهاز."
        }
        QuizMsg::SomethingWentWrong => "حدث خطأ ما. يُرجى المحاولة مجددًا.",
        QuizMsg::SubmissionsTitle => "التسليمات",
        QuizMsg::NoSubmissions => "لم يسلّم أي متعلم هذا الاختبار بعد.",
        QuizMsg::LearnerAttempt => "{name}، المحاولة {n}",
        QuizMsg::ReviewPoints => "النقاط (من 0 إلى {max})",
        QuizMsg::ReviewFeedback => "ملاحظات للمتعلم",
        QuizMsg::SaveReview => "حفظ المراجعة",
        QuizMsg::ReviewSaved => "حُفظت المراجعة.",
        QuizMsg::ReviewPointsInvalid => "أدخل عددًا من النقاط بين 0 وقيمة السؤال.",
        QuizMsg::NeedsReviewBadge => "بحاجة إلى مراجعة",
        QuizMsg::BackToLesson => "العودة إلى الاختبار",
        QuizMsg::NotTeaching => "لا يرى التسليمات إلا معلّمو هذا المقرر.",
    }
}
