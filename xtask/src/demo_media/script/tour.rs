//! The script of the video lecture "A tour of tonight's sky": six slides narrated in
//! English, with a Modern Standard Arabic translation of every sentence for the subtitles.

use super::{translated, Chapter, Lecture};

pub const TOUR_OF_THE_SKY: Lecture = Lecture {
    lesson_id: "tour-of-the-sky",
    title: "A tour of tonight's sky",
    chapters: &[
        Chapter {
            title: "Welcome to tonight's sky",
            bullets: &[
                "No telescope needed: just your eyes",
                "Find a dark spot away from street lights",
                "The sky turns because the Earth spins",
            ],
            sentences: &[
                translated(
                    "Welcome to a tour of tonight's sky, with nothing but your own eyes.",
                    "مرحبًا بكم في جولة في سماء هذه الليلة، لا تحتاجون فيها إلا إلى أعينكم.",
                ),
                translated(
                    "Find a dark spot, face away from street lights, and get comfortable.",
                    "اختاروا مكانًا مظلمًا، وأديروا ظهوركم لأضواء الشوارع، واجلسوا مرتاحين.",
                ),
                translated(
                    "The sky seems to turn slowly overhead, because the Earth spins once a day.",
                    "تبدو السماء كأنها تدور ببطء فوقنا، لأن الأرض تدور حول نفسها مرة كل يوم.",
                ),
            ],
        },
        Chapter {
            title: "Finding the pole star",
            bullets: &[
                "Big Dipper: follow its two Pointers",
                "About five gaps on: Polaris",
                "Polaris stays still and marks north",
                "In the south: use the Southern Cross",
            ],
            sentences: &[
                translated(
                    "In the northern hemisphere, start with the Big Dipper.",
                    "في نصف الكرة الشمالي، ابدؤوا بالمغرفة الكبيرة.",
                ),
                translated(
                    "Its seven bright stars make a ladle, part of the Great Bear.",
                    "ترسم نجومها السبعة اللامعة شكل مغرفة، وهي جزء من كوكبة الدب الأكبر.",
                ),
                translated(
                    "The two stars at the end of its bowl are called the Pointers.",
                    "ويُسمّى النجمان في طرف وعائها بالمؤشِّرَين.",
                ),
                translated(
                    "Follow them about five times their gap to reach Polaris, the pole star.",
                    "امضوا في اتجاههما نحو خمسة أضعاف المسافة بينهما لتصلوا إلى النجم القطبي.",
                ),
                translated(
                    "Polaris lies almost directly above the Earth's north pole.",
                    "يقع النجم القطبي فوق القطب الشمالي للأرض مباشرةً تقريبًا.",
                ),
                translated(
                    "So while the sky turns, Polaris stays nearly still, and always marks north.",
                    "لذلك يبقى النجم القطبي شبه ثابت بينما تدور السماء، ويدلّ دائمًا على الشمال.",
                ),
                translated(
                    "In the southern hemisphere, look for the Southern Cross instead.",
                    "أما في نصف الكرة الجنوبي، فابحثوا عن الصليب الجنوبي.",
                ),
                translated(
                    "Its long axis and two bright pointer stars guide you to the south celestial pole.",
                    "يرشدكم محوره الطويل ونجمان دليلان لامعان إلى القطب السماوي الجنوبي.",
                ),
            ],
        },
        Chapter {
            title: "Orion, the hunter",
            bullets: &[
                "Best on evenings from December to March",
                "Three stars in a row: Orion's Belt",
                "Red Betelgeuse, blue-white Rigel",
                "The belt points the way to Sirius",
            ],
            sentences: &[
                translated(
                    "On evenings from December to March, look for Orion the hunter.",
                    "في أمسيات الفترة من ديسمبر إلى مارس، ابحثوا عن الجبّار الصيّاد.",
                ),
                translated(
                    "Three bright stars in a short, straight line form Orion's Belt.",
                    "ثلاثة نجوم لامعة في خط قصير مستقيم تشكّل حزام الجبّار.",
                ),
                translated(
                    "On one side of the belt shines reddish Betelgeuse, on the other blue-white Rigel.",
                    "على جانب الحزام يلمع منكب الجوزاء المحمرّ، وعلى الآخر رِجل الجبّار الأبيض المزرقّ.",
                ),
                translated(
                    "Their colours show their temperatures: red stars are cooler, blue stars hotter.",
                    "تكشف ألوانها عن حرارتها: النجوم الحمراء أبرد، والنجوم الزرقاء أسخن.",
                ),
                translated(
                    "Follow the belt to the south-east to reach Sirius, the night sky's brightest star.",
                    "اتبعوا الحزام نحو الجنوب الشرقي لتصلوا إلى الشِّعرى، ألمع نجوم سماء الليل.",
                ),
            ],
        },
        Chapter {
            title: "Planets or stars?",
            bullets: &[
                "Planets wander against the stars",
                "Stars twinkle; planets shine steadily",
                "Planets stay near the ecliptic",
                "Venus and Jupiter outshine every star",
            ],
            sentences: &[
                translated(
                    "Some bright points do not belong to any constellation: they are planets.",
                    "بعض النقاط اللامعة لا تنتمي إلى أي كوكبة: إنها كواكب.",
                ),
                translated(
                    "Planets move slowly against the stars from night to night.",
                    "تتحرك الكواكب ببطء بين النجوم من ليلة إلى أخرى.",
                ),
                translated(
                    "Stars twinkle, while planets usually shine with a steadier light.",
                    "تتلألأ النجوم، بينما تسطع الكواكب عادةً بضوء أكثر ثباتًا.",
                ),
                translated(
                    "Planets always stay close to the ecliptic, the Sun's yearly path across the sky.",
                    "تبقى الكواكب دائمًا قرب دائرة البروج، وهي مسار الشمس السنوي عبر السماء.",
                ),
                translated(
                    "Venus and Jupiter are often the brightest points in the sky after the Moon.",
                    "كثيرًا ما تكون الزهرة والمشتري ألمع نقطتين في السماء بعد القمر.",
                ),
            ],
        },
        Chapter {
            title: "The Moon and the Milky Way",
            bullets: &[
                "The Moon's phases repeat every 29.5 days",
                "Craters stand out along the shadow line",
                "The Milky Way: the glow of our galaxy",
                "Look for it when the Moon is down",
            ],
            sentences: &[
                translated(
                    "The Moon's phases repeat about every twenty-nine and a half days.",
                    "تتكرر أطوار القمر كل تسعة وعشرين يومًا ونصف تقريبًا.",
                ),
                translated(
                    "Look along the line between light and shadow to see craters in sharp relief.",
                    "انظروا على امتداد الخط الفاصل بين الضوء والظل لتروا الفوهات بارزة بوضوح.",
                ),
                translated(
                    "Far from city lights, a faint band of light crosses the sky: the Milky Way.",
                    "بعيدًا عن أضواء المدن، يعبر السماءَ شريطٌ خافت من الضوء: إنه درب التبانة.",
                ),
                translated(
                    "It is the combined glow of billions of distant stars in our own galaxy.",
                    "إنه الضوء المجتمع لمليارات النجوم البعيدة في مجرتنا.",
                ),
                translated(
                    "A bright Moon washes it out, so plan to look when the Moon is down.",
                    "ضوء القمر الساطع يطمسه، فخطّطوا لرصده حين يكون القمر قد غاب.",
                ),
            ],
        },
        Chapter {
            title: "Let your eyes adapt",
            bullets: &[
                "Twenty minutes in the dark",
                "A dim red light for your charts",
                "Averted vision for faint objects",
            ],
            sentences: &[
                translated(
                    "Your eyes need about twenty minutes in darkness to fully adapt.",
                    "تحتاج أعينكم إلى نحو عشرين دقيقة في الظلام لتتكيّف تمامًا.",
                ),
                translated(
                    "Use a dim red light for your charts: it disturbs night vision far less.",
                    "استخدموا ضوءًا أحمر خافتًا لقراءة خرائطكم: فهو يؤثر في الرؤية الليلية أقل بكثير.",
                ),
                translated(
                    "Try averted vision: look slightly to one side of a faint object to see it better.",
                    "جرّبوا الرؤية الجانبية: انظروا قليلًا إلى جانب الجرم الخافت لتروه بوضوح أكبر.",
                ),
                translated(
                    "Clear skies, and happy observing!",
                    "نتمنى لكم سماءً صافية ورصدًا ممتعًا!",
                ),
            ],
        },
    ],
};
