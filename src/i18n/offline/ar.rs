//! Offline use in Arabic.

use super::OfflineMsg;

pub(super) fn text(msg: OfflineMsg) -> &'static str {
    match msg {
        OfflineMsg::DownloadCourse => "تنزيل المقرر للاستخدام دون اتصال",
        OfflineMsg::DownloadLesson => "تنزيل للاستخدام دون اتصال",
        OfflineMsg::Downloading => "جارٍ التنزيل للاستخدام دون اتصال…",
        OfflineMsg::Paused => "التنزيل متوقف مؤقتًا",
        OfflineMsg::AvailableOffline => "متاح دون اتصال",
        OfflineMsg::LessonAvailableOffline => "هذا الدرس متاح دون اتصال",
        OfflineMsg::BytesOf => "{done} من {total}",
        OfflineMsg::FilesOf => "{done} من {total} ملفات",
        OfflineMsg::DownloadProgress => "تقدّم التنزيل",
        OfflineMsg::Pause => "إيقاف التنزيل مؤقتًا",
        OfflineMsg::Resume => "استئناف التنزيل",
        OfflineMsg::Cancel => "إلغاء التنزيل",
        OfflineMsg::Remove => "الحذف من هذا الجهاز",
        OfflineMsg::RemoveLesson => "حذف هذا الدرس من هذا الجهاز",
        OfflineMsg::TryAgain => "إعادة المحاولة",
        OfflineMsg::FailedNoSpace => "لا توجد مساحة كافية على هذا الجهاز: يحتاج التنزيل إلى {needed}، والمتاح {free}. احذف تنزيلات أخرى أو أفرغ بعض المساحة، ثم أعد المحاولة.",
        OfflineMsg::FailedStorageFull => "امتلأت مساحة هذا الجهاز فتوقف التنزيل. تقدّمك محفوظ. أفرغ بعض المساحة ثم أعد المحاولة.",
        OfflineMsg::FailedOffline => "توقف التنزيل لانقطاع الشبكة. سيتابع من تلقاء نفسه عند عودة الاتصال.",
        OfflineMsg::FailedServer => "لم يرسل الخادم أحد الملفات (الحالة {status}). أعد المحاولة لاحقًا.",
        OfflineMsg::FailedBadAnswer => "لم تطابق إجابات الخادم الملف. أعد المحاولة لاحقًا.",
        OfflineMsg::FailedStorage => "تعذّر على هذا الجهاز حفظ أحد ملفات التنزيل. أعد المحاولة.",
        OfflineMsg::DownloadsTitle => "التنزيلات",
        OfflineMsg::DownloadsIntro => "المقررات والدروس المحفوظة على هذا الجهاز لاستخدامها دون شبكة.",
        OfflineMsg::DownloadsEmpty => "لم يُنزَّل شيء بعد. استخدم «تنزيل للاستخدام دون اتصال» في مقرر أو درس.",
        OfflineMsg::DownloadsUnavailable => "لا يستطيع هذا المتصفح حفظ التنزيلات هنا (ربما هي نافذة خاصة).",
        OfflineMsg::SpaceUsed => "يستخدم Lectern مساحة {used} على هذا الجهاز؛ والمتاح {free} إضافية.",
        OfflineMsg::SpaceUnknown => "لا يذكر هذا المتصفح المساحة المتبقية.",
        OfflineMsg::Persisted => "يحتفظ المتصفح بهذه التنزيلات حتى عند قلة المساحة.",
        OfflineMsg::NotPersisted => "قد يحذف المتصفح هذه التنزيلات إذا قلّت مساحة الجهاز.",
        OfflineMsg::CourseSize => "الحجم: {size}",
        OfflineMsg::LessonsKept => "الدروس المحفوظة: {count}",
        OfflineMsg::DownloadsLink => "التنزيلات",
        OfflineMsg::UpdateReady => "يتوفر إصدار جديد من Lectern.",
        OfflineMsg::UpdateReload => "أعد التحميل للتحديث",
    }
}
