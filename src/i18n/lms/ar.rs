//! LMS launches in Arabic.

use super::LmsMsg;

pub(super) fn text(msg: LmsMsg) -> &'static str {
    match msg {
        LmsMsg::LaunchTitle => "فتح مقررك",
        LmsMsg::Launching => "جارٍ تسجيل دخولك من منصة التعلّم…",
        LmsMsg::LaunchUsed => {
            "استُخدم هذا الرابط من قبل. روابط منصة التعلّم تعمل مرة واحدة: افتح المقرر مجددًا من هناك."
        }
        LmsMsg::LaunchExpired => {
            "انتهت صلاحية هذا الرابط. روابط منصة التعلّم تعمل لبضع دقائق: افتح المقرر مجددًا من هناك."
        }
        LmsMsg::LaunchInvalid => "هذا الرابط غير صالح. افتح المقرر مجددًا من منصة التعلّم.",
        LmsMsg::LaunchIncomplete => {
            "هذا الرابط ناقص: جزء منه مفقود. افتح المقرر مجددًا من منصة التعلّم."
        }
        LmsMsg::LaunchKeyRevoked => {
            "لم يعد بإمكان منصة التعلّم فتح مقررات Lectern. اطلب من مسؤوليها ربطها من جديد."
        }
        LmsMsg::LaunchUnreachable => {
            "لا يستطيع Lectern الوصول إلى خادمه لتسجيل دخولك. تحقّق من اتصالك وحاول مجددًا."
        }
        LmsMsg::LaunchServerError => {
            "تعذّر على الخادم تسجيل دخولك (الحالة {status}). حاول مجددًا بعد قليل."
        }
        LmsMsg::LaunchAgain => "ما زال رابطك صالحًا لبضع دقائق.",
        LmsMsg::TryAgain => "حاول مجددًا",
        LmsMsg::SignInInstead => "سجّل الدخول بحساب Lectern",
    }
}
