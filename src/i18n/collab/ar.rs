//! Discussions, the inbox and announcements in Arabic.

use super::CollabMsg;

pub(super) fn text(msg: CollabMsg) -> &'static str {
    match msg {
        CollabMsg::ThreadsHeading => "المواضيع",
        CollabMsg::CourseThreadsHeading => "كل النقاشات",
        CollabMsg::CourseThreadsLink => "كل النقاشات في هذه الدورة",
        CollabMsg::NoThreads => "لا مواضيع بعد. ابدأ أول موضوع.",
        CollabMsg::NewThreadHeading => "ابدأ موضوعًا",
        CollabMsg::TitleLabel => "العنوان",
        CollabMsg::BodyLabel => "مشاركتك",
        CollabMsg::BodyHint => {
            "يمكنك استخدام Markdown: **عريض** و_مائل_ والقوائم والروابط. يظهر HTML نصًا عاديًا."
        }
        CollabMsg::PostThread => "انشر الموضوع",
        CollabMsg::PostReply => "انشر الرد",
        CollabMsg::Posting => "جارٍ الحفظ…",
        CollabMsg::Reply => "رد",
        CollabMsg::Edit => "تعديل",
        CollabMsg::SaveEdit => "احفظ التغييرات",
        CollabMsg::Cancel => "إلغاء",
        CollabMsg::Delete => "حذف",
        CollabMsg::ConfirmDelete => "أتحذف هذه المشاركة؟ تبقى الردود عليها.",
        CollabMsg::Pending => "بانتظار الإرسال",
        CollabMsg::PendingHint => "محفوظة على هذا الجهاز، وتُرسل حين تتصل بالإنترنت.",
        CollabMsg::Refused => "لم تُنشر: {reason}",
        CollabMsg::RepliesOne => "رد واحد ({count})",
        CollabMsg::RepliesOther => "الردود: {count}",
        CollabMsg::NewReplies => "جديد: {count}",
        CollabMsg::NewBadge => "جديد",
        CollabMsg::Pinned => "مثبّت",
        CollabMsg::Answered => "تمت الإجابة",
        CollabMsg::AnswerBadge => "الإجابة",
        CollabMsg::InstructorBadge => "المدرّس",
        CollabMsg::Hidden => "أخفاها مدرّس.",
        CollabMsg::Deleted => "حذفها كاتبها.",
        CollabMsg::Edited => "عُدّلت {time}",
        CollabMsg::Byline => "{name} · {time}",
        CollabMsg::Pin => "ثبّت الموضوع",
        CollabMsg::Unpin => "ألغِ التثبيت",
        CollabMsg::MarkAnswer => "اجعلها الإجابة",
        CollabMsg::UnmarkAnswer => "ألغِ كونها الإجابة",
        CollabMsg::Hide => "إخفاء",
        CollabMsg::Unhide => "أظهرها ثانية",
        CollabMsg::Moderation => "الإشراف",
        CollabMsg::ActionFailed => "لم ينجح ذلك: {error}",
        CollabMsg::BackToDiscussion => "العودة إلى النقاش",
        CollabMsg::ThreadNotFound => "هذا الموضوع غير موجود، أو ليس في إحدى دوراتك.",
        CollabMsg::ThreadsUnavailable => {
            "تعذّر تحميل المواضيع الآن. ما تنشره يُحفظ على هذا الجهاز ويُرسل لاحقًا."
        }
        CollabMsg::EmptyBody => "اكتب شيئًا قبل النشر.",
        CollabMsg::EmptyTitle => "يحتاج الموضوع الجديد إلى عنوان.",
        CollabMsg::TooLong => "هذا طويل جدًا: {max} حرف على الأكثر.",
        CollabMsg::SaveFailed => "تعذّر على هذا الجهاز حفظ مشاركتك. حاول مرة أخرى.",
        CollabMsg::InboxTitle => "الوارد",
        CollabMsg::InboxLink => "الوارد، غير المقروء: {count}",
        CollabMsg::InboxEmpty => "لا شيء هنا بعد. تظهر هنا الردود والدرجات والإعلانات.",
        CollabMsg::MarkAllRead => "علّم الكل مقروءًا",
        CollabMsg::Unread => "غير مقروء",
        CollabMsg::NotifyReply => "ردّ {name} في «{title}»",
        CollabMsg::NotifyGraded => "قُيّم عملك في «{title}»",
        CollabMsg::NotifyAnnouncement => "إعلان: {title}",
        CollabMsg::NotifyLiveSoon => "يبدأ قريبًا: {title}",
        CollabMsg::AnnouncementsHeading => "الإعلانات",
        CollabMsg::AnnouncementsLink => "الإعلانات",
        CollabMsg::NoAnnouncements => "لا إعلانات بعد.",
        CollabMsg::NewAnnouncement => "إعلان جديد",
        CollabMsg::Announce => "أرسل إلى كل المتعلمين",
        CollabMsg::Announced => "أُرسل إلى {count} من المتعلمين.",
    }
}
